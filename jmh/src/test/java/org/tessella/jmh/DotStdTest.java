package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotStdTest {
    @ParameterizedTest
    @CsvSource({"37, 10, generated", "37, 10, persisted", "40, 40, generated", "12, 1, generated"})
    void tessellaAndDenseAgreeOnTheAnswer(long n, long chunk, String source) {
        DotStd.Chunked chunked = new DotStd.Chunked();
        chunked.n = n;
        chunked.chunk = chunk;
        chunked.source = source;
        chunked.setUp();
        DotStd.DenseMatrix dense = new DotStd.DenseMatrix();
        dense.n = n;
        dense.setUp();
        try {
            DotStd b = new DotStd();
            double t = b.tessella(chunked);
            double d = b.dense(dense);
            // Products of n terms below 1 each, then a two-pass variance: agree to 1e-10 relative.
            assertEquals(d, t, Math.abs(d) * 1e-10);
        } finally {
            chunked.tearDown();
            dense.tearDown();
        }
    }
}
