package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SinCosSumTest {
    @ParameterizedTest
    @CsvSource({"37, 10, generated", "37, 10, persisted", "40, 40, generated", "25, 1, generated"})
    void tessellaAndDenseAgreeOnTheAnswer(long n, long chunk, String source) {
        Inputs.Chunked chunked = BenchmarkInputs.chunked(n, chunk, source);
        Inputs.DenseMatrix dense = BenchmarkInputs.dense(n);
        try {
            SinCosSum b = new SinCosSum();
            double t = b.tessella(chunked);
            double d = b.dense(dense);
            // sin^2 + cos^2 = 1 up to a few ulps per element: the sum is n^2 within n^2 * 1e-15.
            assertEquals(n * n, t, n * n * 1e-13);
            assertEquals(d, t, n * n * 1e-13);
        } finally {
            chunked.tearDown();
            dense.tearDown();
        }
    }
}
