package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class InputsTest {
    @ParameterizedTest
    @CsvSource({"37, 10, generated", "37, 10, persisted", "25, 1, generated", "40, 40, persisted"})
    void chunkedAndDenseInputsHoldTheSameValues(long n, long chunk, String source) {
        Inputs.Chunked chunked = BenchmarkInputs.chunked(n, chunk, source);
        Inputs.DenseMatrix dense = BenchmarkInputs.dense(n);
        try {
            INDArray c = chunked.x.compute();
            assertArrayEquals(new long[] {n, n}, c.shape());
            assertTrue(c.equalsWithEps(dense.x, 0), "chunked input differs from the dense one");
            double min = c.minNumber().doubleValue();
            double max = c.maxNumber().doubleValue();
            assertTrue(min >= 0 && max < 1, "range [" + min + ", " + max + "]");
        } finally {
            chunked.tearDown();
            dense.tearDown();
        }
    }

    @Test
    void unknownSourceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkInputs.chunked(4, 2, "cached"));
        assertTrue(e.getMessage().startsWith("source is unknown: 'cached'"), e.getMessage());
    }
}
