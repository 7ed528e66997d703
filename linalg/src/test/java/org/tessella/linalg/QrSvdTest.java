package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;

/**
 * TSQR, QR and SVD against matrices with known spectra, over chunkings that exercise one block, ragged row blocks,
 * blocks with fewer rows than columns, a two-level tree (many blocks) and two-dimensional chunkings.
 */
class QrSvdTest {
    static Stream<Arguments> tall() {
        return Stream.of(
                Arguments.of(300, 20, new long[] {300, 20}),   // one block
                Arguments.of(300, 20, new long[] {37, 20}),    // ragged row blocks
                Arguments.of(300, 20, new long[] {5, 20}),     // 60 blocks of fewer rows than columns: 2 tree levels
                Arguments.of(300, 20, new long[] {3, 20}),     // 100 blocks: 3 tree levels
                Arguments.of(300, 20, new long[] {50, 7}),     // chunked in both dimensions
                Arguments.of(97, 97, new long[] {40, 30}),     // square, 2-D chunks
                Arguments.of(21, 20, new long[] {4, 20}));     // nearly square, ragged
    }

    @ParameterizedTest(name = "{0}x{1} chunks {2}")
    @MethodSource("tall")
    void qrOfTallMatricesIsOrthonormalTimesUpperTriangularAndMatchesTheDenseQr(int m, int n, long[] chunks) {
        double[] s = Mats.geometric(n, 0.7);
        INDArray a = Mats.withSpectrum(m, n, s, 11);
        Linalg.QR f = Linalg.qr(Mats.chunked(a, chunks));
        assertArrayEquals(new long[] {m, n}, f.q().shape());
        assertArrayEquals(new long[] {n, n}, f.r().shape());
        List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
        INDArray q = qr.get(0);
        INDArray r = qr.get(1);
        assertTrue(Mats.orthogonality(q) <= 1e-12, () -> "QᵀQ - I: " + Mats.orthogonality(q));
        assertEquals(0.0, Mats.belowDiagonal(r), 0.0);
        assertTrue(Mats.relErr(q.mmul(r), a) <= 1e-10, () -> "QR - A: " + Mats.relErr(q.mmul(r), a));
        Kernels.Qr dense = Kernels.qr(a);
        assertTrue(Mats.relErr(r, dense.r()) <= 1e-10, "R equals the dense R (unique with diag(R) >= 0)");
        if (chunks[1] == n) {
            assertArrayEquals(Mats.chunked(a, chunks).chunks()[0], f.q().chunks()[0], "Q keeps a's row chunks");
        }
    }

    /**
     * Row blocks over the block budget are the caller's choice and are kept (no whole-matrix rechunk copy): here
     * 40-row blocks of 8 columns (2560 bytes each) against a budget of 1 KiB, which still fits the 8 x 8 R.
     */
    @org.junit.jupiter.api.Test
    void qrKeepsACallersRowBlocksEvenWhenTheyExceedTheBudget() {
        INDArray a = Mats.withSpectrum(200, 8, Mats.geometric(8, 0.7), 16);
        ChunkedArray x = Mats.chunked(a, 40, 8);
        Linalg.QR f = Linalg.qr(x, 1024);
        assertArrayEquals(x.chunks()[0], f.q().chunks()[0], "Q keeps a's 40-row chunks");
        List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
        assertTrue(Mats.orthogonality(qr.get(0)) <= 1e-12, "QᵀQ - I");
        assertTrue(Mats.relErr(qr.get(0).mmul(qr.get(1)), a) <= 1e-10, "QR - A");
    }

    @ParameterizedTest(name = "{0}x{1} chunks {2}")
    @MethodSource("tall")
    void svdReproducesTheKnownSpectrumAndTheMatrix(int m, int n, long[] chunks) {
        double[] s = Mats.geometric(n, 0.9); // well separated and far above eps, so U is well determined
        INDArray a = Mats.withSpectrum(m, n, s, 12);
        Linalg.SVD f = Linalg.svd(Mats.chunked(a, chunks));
        List<INDArray> usv = ChunkedArray.compute(f.u(), f.s(), f.vt());
        checkSvd(a, s, usv.get(0), usv.get(1), usv.get(2));
        Kernels.Svd dense = Kernels.svd(a);
        assertTrue(Mats.relErr(usv.get(0), dense.u()) <= 1e-8, "U follows the kernel's sign convention");
    }

    static Stream<Arguments> wide() {
        return Stream.of(
                Arguments.of(20, 300, new long[] {20, 37}),
                Arguments.of(20, 300, new long[] {7, 50}),
                Arguments.of(1, 9, new long[] {1, 4}));
    }

    @ParameterizedTest(name = "{0}x{1} chunks {2}")
    @MethodSource("wide")
    void shortAndFatQrAndSvd(int m, int n, long[] chunks) {
        double[] s = Mats.geometric(m, 0.6);
        INDArray a = Mats.withSpectrum(m, n, s, 13);
        ChunkedArray x = Mats.chunked(a, chunks);
        Linalg.QR f = Linalg.qr(x);
        List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
        assertTrue(Mats.orthogonality(qr.get(0)) <= 1e-12);
        assertEquals(0.0, Mats.belowDiagonal(qr.get(1)), 0.0);
        assertTrue(Mats.relErr(qr.get(0).mmul(qr.get(1)), a) <= 1e-10);
        Linalg.SVD g = Linalg.svd(x);
        List<INDArray> usv = ChunkedArray.compute(g.u(), g.s(), g.vt());
        checkSvd(a, s, usv.get(0), usv.get(1), usv.get(2));
        assertTrue(Mats.relErr(usv.get(0), Kernels.svd(a).u()) <= 1e-8, "U follows the kernel's sign convention");
    }

    @ParameterizedTest(name = "chunks {0}")
    @MethodSource("chunkings")
    void singularValuesAndNormsOfTheSpectrum(long[] chunks) {
        double[] s = Mats.geometric(15, 0.5);
        INDArray a = Mats.withSpectrum(120, 15, s, 14);
        ChunkedArray x = Mats.chunked(a, chunks);
        INDArray sv = Linalg.singularValues(x).compute();
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], sv.getDouble(i), 1e-12 * s[0]);
        }
        assertEquals(s[0], Linalg.norm(x, 2).compute().getDouble(), 1e-12);
        assertEquals(s[14], Linalg.norm(x, -2).compute().getDouble(), 1e-12);
        double nuc = 0;
        double fro = 0;
        for (double v : s) {
            nuc += v;
            fro += v * v;
        }
        assertEquals(nuc, Linalg.norm(x, "nuc").compute().getDouble(), 1e-12);
        assertEquals(Math.sqrt(fro), Linalg.norm(x, "fro").compute().getDouble(), 1e-12);
    }

    static Stream<long[]> chunkings() {
        return Stream.of(new long[] {120, 15}, new long[] {13, 15}, new long[] {17, 4});
    }

    @ParameterizedTest(name = "chunks {0}")
    @MethodSource("chunkings")
    void float32StaysFloat32(long[] chunks) {
        INDArray a = Mats.withSpectrum(120, 15, Mats.geometric(15, 0.8), 15).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        Linalg.SVD f = Linalg.svd(Mats.chunked(a, chunks));
        assertEquals(DType.FLOAT32, f.u().dtype());
        INDArray u = f.u().compute();
        assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, u.dataType());
        assertTrue(Mats.orthogonality(u.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)) <= 1e-5);
    }

    static void checkSvd(INDArray a, double[] s, INDArray u, INDArray sv, INDArray vt) {
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], sv.getDouble(i), 1e-12 * s[0], "singular value " + i);
        }
        assertTrue(Mats.orthogonality(u) <= 1e-12, () -> "UᵀU - I: " + Mats.orthogonality(u));
        assertTrue(Mats.orthogonality(vt.transpose()) <= 1e-12);
        INDArray back = u.mulRowVector(sv).mmul(vt);
        assertTrue(Mats.relErr(back, a) <= 1e-10, () -> "USVᵀ - A: " + Mats.relErr(back, a));
    }
}
