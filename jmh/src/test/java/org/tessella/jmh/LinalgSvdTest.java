package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.jmh.kernel.DenseLinalg;
import org.tessella.linalg.Linalg;
import org.tessella.ndarray.ChunkedArray;

class LinalgSvdTest {
    static LinalgSvd.Chunked chunked(long m, long n, long rows, String source) {
        LinalgSvd.Chunked in = new LinalgSvd.Chunked();
        in.m = m;
        in.n = n;
        in.rows = rows;
        in.source = source;
        in.setUp();
        return in;
    }

    static LinalgSvd.DenseMatrix dense(long m, long n) {
        LinalgSvd.DenseMatrix in = new LinalgSvd.DenseMatrix();
        in.m = m;
        in.n = n;
        in.setUp();
        return in;
    }

    /**
     * Both benchmark methods pass their own checks and return the same largest singular value; Tessella's factors equal
     * the dense dgesdd's (signs aligned per column) to 1e-9 relative: both are backward stable on a well-conditioned
     * matrix whose singular values are well separated (uniform values: one large, the rest spread).
     */
    @ParameterizedTest
    @CsvSource({"300, 7, 70, generated", "300, 7, 70, persisted", "250, 20, 250, generated", "97, 5, 10, generated",
            "40, 40, 9, generated"})
    void tessellaAndDenseAgreeWithTheDenseSvd(long m, long n, long rows, String source) {
        LinalgSvd.Chunked c = chunked(m, n, rows, source);
        LinalgSvd.DenseMatrix d = dense(m, n);
        try {
            LinalgSvd b = new LinalgSvd();
            double t = b.tessella(c);
            double s0 = b.dense(d);
            assertEquals(s0, t, s0 * 1e-12);
            Linalg.SVD f = Linalg.svd(c.x);
            List<INDArray> usv = ChunkedArray.compute(f.u(), f.s(), f.vt());
            try (DenseLinalg.Svd g = DenseLinalg.svd(d.x)) {
                assertArrayEquals(g.s().toDoubleVector(), usv.get(1).toDoubleVector(), s0 * 1e-12);
                for (int j = 0; j < n; j++) {
                    double sign = Math.signum(g.u().getColumn(j).mul(usv.get(0).getColumn(j)).sumNumber().doubleValue());
                    assertTrue(g.u().getColumn(j).mul(sign).equalsWithEps(usv.get(0).getColumn(j), 1e-9), "u column " + j);
                    assertTrue(g.vt().getRow(j).mul(sign).equalsWithEps(usv.get(2).getRow(j), 1e-9), "vt row " + j);
                }
            } finally {
                usv.forEach(INDArray::close);
            }
        } finally {
            c.tearDown();
            d.tearDown();
        }
    }
}
