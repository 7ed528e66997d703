package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.jmh.kernel.DenseLinalg;
import org.tessella.linalg.Linalg;
import org.tessella.ndarray.ChunkedArray;

class LinalgQrTest {
    static LinalgQr.Chunked chunked(long m, long n, long rows, String source) {
        LinalgQr.Chunked in = new LinalgQr.Chunked();
        in.m = m;
        in.n = n;
        in.rows = rows;
        in.source = source;
        in.setUp();
        return in;
    }

    static LinalgQr.DenseMatrix dense(long m, long n) {
        LinalgQr.DenseMatrix in = new LinalgQr.DenseMatrix();
        in.m = m;
        in.n = n;
        in.setUp();
        return in;
    }

    /**
     * All three benchmark methods pass their own checks and agree on |R[0, 0]|; Tessella's Q and R equal the dense
     * dgeqrf + dorgqr's once LAPACK's signs are aligned to diag(R) >= 0 (R = D R_dense, Q = Q_dense D), to 1e-9.
     */
    @ParameterizedTest
    @CsvSource({"300, 7, 70, generated", "300, 7, 70, persisted", "250, 20, 250, generated", "97, 5, 10, generated",
            "40, 40, 9, generated"})
    void tessellaAndDenseAgreeWithTheDenseQr(long m, long n, long rows, String source) {
        LinalgQr.Chunked c = chunked(m, n, rows, source);
        LinalgQr.DenseMatrix d = dense(m, n);
        try {
            LinalgQr b = new LinalgQr();
            double r00 = b.dense(d);
            assertEquals(r00, b.tessella(c), r00 * 1e-12);
            assertEquals(r00, b.tessellaTsqr(c), r00 * 1e-12);
            Linalg.QR f = Linalg.tsqr(c.x);
            List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
            try (DenseLinalg.Qr g = DenseLinalg.qr(d.x)) {
                for (int j = 0; j < n; j++) {
                    double sign = Math.signum(g.r().getDouble(j, j));
                    assertTrue(g.q().getColumn(j).mul(sign).equalsWithEps(qr.get(0).getColumn(j), 1e-9), "q column " + j);
                    assertTrue(g.r().getRow(j).mul(sign).equalsWithEps(qr.get(1).getRow(j), 1e-9 * r00), "r row " + j);
                }
            } finally {
                qr.forEach(INDArray::close);
            }
        } finally {
            c.tearDown();
            d.tearDown();
        }
    }
}
