package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddTransposeSumTest {
    @ParameterizedTest
    @CsvSource({"37, 10, generated", "37, 10, persisted", "40, 40, generated", "25, 1, generated"})
    void tessellaAndDenseAgreeOnTheAnswer(long n, long chunk, String source) {
        Inputs.Chunked chunked = BenchmarkInputs.chunked(n, chunk, source);
        Inputs.DenseMatrix dense = BenchmarkInputs.dense(n);
        try {
            AddTransposeSum b = new AddTransposeSum();
            double t = b.tessella(chunked);
            double d = b.dense(dense);
            // sum(x + x.T) = 2 sum(x); n^2 terms below 2 each: rounding stays under n^2 * 1e-14.
            assertEquals(2 * chunked.x.sum().compute().getDouble(0), t, n * n * 1e-14);
            assertEquals(d, t, n * n * 1e-14);
        } finally {
            chunked.tearDown();
            dense.tearDown();
        }
    }
}
