package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.jmh.kernel.Dense;
import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;

class DenseTest {
    @Test
    void stdIsThePopulationStandardDeviation() {
        INDArray a = RandomArrays.seeded(3).uniform(0, 1, new long[] {13, 7}, Chunks.of(5, 4)).compute();
        double mean = 0;
        for (long i = 0; i < a.length(); i++) {
            mean += a.getDouble(i);
        }
        mean /= a.length();
        double m2 = 0;
        for (long i = 0; i < a.length(); i++) {
            double d = a.getDouble(i) - mean;
            m2 += d * d;
        }
        assertEquals(Math.sqrt(m2 / a.length()), Dense.std(a), 1e-14);
    }
}
