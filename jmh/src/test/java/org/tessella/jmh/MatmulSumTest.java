package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class MatmulSumTest {
    /** Both methods return the sum of the dense product x.mmul(x), which equals colsums · rowsums (1e-12 relative). */
    @ParameterizedTest
    @CsvSource({"37, 10, generated", "37, 10, persisted", "40, 40, generated", "25, 1, generated"})
    void tessellaAndDenseAgreeWithTheDenseProduct(long n, long chunk, String source) {
        MatmulSum.Chunked c = new MatmulSum.Chunked();
        c.n = n;
        c.chunk = chunk;
        c.source = source;
        c.setUp();
        MatmulSum.DenseMatrix d = new MatmulSum.DenseMatrix();
        d.n = n;
        d.setUp();
        try {
            INDArray p = d.x.mmul(d.x);
            double expected = p.sumNumber().doubleValue();
            p.close();
            MatmulSum b = new MatmulSum();
            assertEquals(expected, b.tessella(c), expected * 1e-12);
            assertEquals(expected, b.dense(d), expected * 1e-12);
            assertEquals(expected, c.expected, expected * 1e-12);
            assertEquals(expected, d.expected, expected * 1e-12);
        } finally {
            c.tearDown();
            d.tearDown();
        }
    }

    @Test
    void aWrongSumFailsTheCheck() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MatmulSum.check(1.001, 1.0));
        assertTrue(e.getMessage().startsWith("(x @ x).sum() is wrong: 1.001; expected 1.0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> MatmulSum.check(Double.NaN, 1.0));
        assertEquals(1.0 + 1e-12, MatmulSum.check(1.0 + 1e-12, 1.0));
    }

    @Test
    void gflopRateIsTwoNCubedOverTheTime() {
        assertEquals(1.024e12, MatmulSum.flops(8000), 0);
        assertEquals(102.4, FlopRateProfiler.gflops(MatmulSum.flops(8000), 10.0), 1e-9);
        assertEquals("org.tessella.jmh.MatmulSum", FlopRateProfiler.benchmarkClass("org.tessella.jmh.MatmulSum.dense"));
        assertTrue(FlopRateProfiler.FLOPS.containsKey(FlopRateProfiler.benchmarkClass(MatmulSum.class.getName() + ".tessella")));
    }
}
