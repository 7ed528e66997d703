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

class LinalgSvdCompressedTest {
    static LinalgSvdCompressed.Chunked chunked(long n, long chunk, int k, int iterations, String source) {
        LinalgSvdCompressed.Chunked in = new LinalgSvdCompressed.Chunked();
        in.n = n;
        in.chunk = chunk;
        in.k = k;
        in.iterations = iterations;
        in.oversampling = 10;
        in.source = source;
        in.setUp();
        return in;
    }

    static LinalgSvdCompressed.DenseMatrix dense(long n, int k, int iterations) {
        LinalgSvdCompressed.DenseMatrix in = new LinalgSvdCompressed.DenseMatrix();
        in.n = n;
        in.k = k;
        in.iterations = iterations;
        in.oversampling = 10;
        in.setUp();
        return in;
    }

    /**
     * Both benchmark methods pass their own checks; with the same Ω they compute the same rank-k factorization, so
     * their singular values and their rank-k approximations U diag(s) Vᵀ (free of sign choices) agree to 1e-9
     * relative; and the first singular value is within 1% below the dense dgesdd's (the singular values of Qᵀ A never
     * exceed A's; measured: 3e-3 low with no power iteration on 40 x 40, 2e-9 with one on 37 x 37).
     */
    @ParameterizedTest
    @CsvSource({"60, 25, 5, 2, generated", "60, 25, 5, 2, persisted", "40, 40, 3, 0, generated",
            "37, 10, 20, 1, generated", "30, 7, 30, 2, generated"})
    void tessellaAndDenseComputeTheSameFactorization(long n, long chunk, int k, int iterations, String source) {
        LinalgSvdCompressed.Chunked c = chunked(n, chunk, k, iterations, source);
        LinalgSvdCompressed.DenseMatrix d = dense(n, k, iterations);
        try {
            LinalgSvdCompressed b = new LinalgSvdCompressed();
            double t = b.tessella(c);
            double s0 = b.dense(d);
            assertEquals(s0, t, s0 * 1e-12);
            Linalg.CompressedSVD f = Linalg.svdCompressed(c.x, k, c.options());
            List<INDArray> usv = ChunkedArray.compute(f.u(), f.s(), f.vt());
            try (DenseLinalg.Svd g = DenseLinalg.randomizedSvd(d.x, d.omega, k, iterations);
                 DenseLinalg.Svd exact = DenseLinalg.svd(d.x)) {
                assertArrayEquals(g.s().toDoubleVector(), usv.get(1).toDoubleVector(), s0 * 1e-9);
                INDArray approxT = usv.get(0).mulRowVector(usv.get(1)).mmul(usv.get(2));
                INDArray approxD = g.u().mulRowVector(g.s()).mmul(g.vt());
                assertTrue(approxD.equalsWithEps(approxT, s0 * 1e-9), "U diag(s) Vᵀ");
                double top = exact.s().getDouble(0);
                assertTrue(s0 <= top * (1 + 1e-12) && s0 >= top * (1 - 1e-2), s0 + " against the exact " + top);
                approxT.close();
                approxD.close();
            } finally {
                usv.forEach(INDArray::close);
            }
        } finally {
            c.tearDown();
            d.tearDown();
        }
    }
}
