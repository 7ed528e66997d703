package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.examples.SyntheticArrays;
import org.tessella.jmh.kernel.Dense;

class DenseTest {
    @Test
    void stdIsThePopulationStandardDeviation() {
        INDArray a = SyntheticArrays.uniformDense(3, 13, 7);
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
