package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.random.RandomArrays;

/**
 * The blocked QR (BCGS2 with TSQR panels) on small matrices with budgets that force panels of 8 or 16 columns:
 * ragged panels, 2-D input chunkings, tall, square and wide, fast and slow spectral decay, rank deficiency (random
 * and structured: zero and duplicated panels after unit-vector panels), float64 and float32.
 */
class BlockedQrTest {
    /** The budget that makes {@link Blocking#forBudget} choose QR panels of {@code panel} columns. */
    static long budgetForPanel(int panel, DType dtype) {
        return 8L * panel * panel * dtype.itemSize();
    }

    static Stream<Arguments> tall() {
        return Stream.of(
                Arguments.of("slow", 60, 50, new long[] {13, 7}, 16),    // panels 16,16,16,2; 2-D chunks
                Arguments.of("fast", 60, 50, new long[] {60, 50}, 8),    // one input block; 7 panels, last of 2
                Arguments.of("slow", 50, 50, new long[] {17, 9}, 16),    // square
                Arguments.of("fast", 50, 50, new long[] {50, 50}, 8),    // square, fast decay (kappa 1e15)
                Arguments.of("slow", 200, 40, new long[] {23, 40}, 8),   // tall, 5 panels, ragged row blocks
                Arguments.of("rank20", 60, 50, new long[] {13, 11}, 8),  // rank 20 of 50, random
                Arguments.of("rank20", 50, 50, new long[] {50, 50}, 16), // square, rank 20
                Arguments.of("units", 60, 50, new long[] {13, 7}, 8),    // zero panels after unit vectors
                Arguments.of("units", 50, 50, new long[] {10, 10}, 16));
    }

    @ParameterizedTest(name = "{0} {1}x{2} chunks {3} panel {4}")
    @MethodSource("tall")
    void blockedQrIsOrthonormalTimesUpperTriangular(String kind, int m, int n, long[] chunks, int panel) {
        INDArray a = matrix(kind, m, n, 31);
        long budget = budgetForPanel(panel, DType.FLOAT64);
        assertTrue((long) n * n * 8 > budget, "the budget forces the blocked path");
        Linalg.QR f = Linalg.qr(Mats.chunked(a, chunks), budget);
        assertArrayEquals(new long[] {m, n}, f.q().shape());
        assertArrayEquals(new long[] {n, n}, f.r().shape());
        assertEquals((n + panel - 1) / panel, f.q().numBlocks()[1], "Q has one column block per panel");
        assertEquals((n + panel - 1) / panel, f.r().numBlocks()[0], "R is chunked in both dimensions");
        assertEquals((n + panel - 1) / panel, f.r().numBlocks()[1]);
        List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
        INDArray q = qr.get(0);
        INDArray r = qr.get(1);
        check(a, q, r, 1e-12 * n, 1e-10);
        if (kind.equals("slow")) {
            Kernels.Qr dense = Kernels.qr(a);
            assertTrue(Mats.relErr(r, dense.r()) <= 1e-10, () -> "R vs dense R: " + Mats.relErr(r, dense.r()));
            assertTrue(Mats.relErr(q, dense.q()) <= 1e-10, () -> "Q vs dense Q: " + Mats.relErr(q, dense.q()));
        }
    }

    static Stream<Arguments> wide() {
        return Stream.of(
                Arguments.of("slow", 30, 70, new long[] {7, 13}, 8),
                Arguments.of("rank20", 40, 60, new long[] {40, 60}, 8));
    }

    @ParameterizedTest(name = "{0} {1}x{2} chunks {3} panel {4}")
    @MethodSource("wide")
    void shortAndFatUsesTheBlockedQrOfTheLeadingSquare(String kind, int m, int n, long[] chunks, int panel) {
        INDArray a = matrix(kind, m, n, 32);
        long budget = budgetForPanel(panel, DType.FLOAT64);
        assertTrue((long) m * m * 8 > budget, "the budget forces the blocked path");
        Linalg.QR f = Linalg.qr(Mats.chunked(a, chunks), budget);
        assertArrayEquals(new long[] {m, m}, f.q().shape());
        assertArrayEquals(new long[] {m, n}, f.r().shape());
        List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
        check(a, qr.get(0), qr.get(1), 1e-12 * m, 1e-10);
    }

    @Test
    void float32StaysFloat32() {
        INDArray a = Mats.withSpectrum(60, 50, Mats.geometric(50, 0.9), 33).castTo(DataType.FLOAT);
        Linalg.QR f = Linalg.qr(Mats.chunked(a, 13, 7), budgetForPanel(16, DType.FLOAT32));
        assertEquals(DType.FLOAT32, f.q().dtype());
        assertEquals(4, f.q().numBlocks()[1]);
        List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
        assertEquals(DataType.FLOAT, qr.get(0).dataType());
        assertEquals(DataType.FLOAT, qr.get(1).dataType());
        check(a.castTo(DataType.DOUBLE), qr.get(0).castTo(DataType.DOUBLE), qr.get(1).castTo(DataType.DOUBLE),
                1e-5, 1e-5);
    }

    @Test
    void publicEntryBuildsTheBlockedGraphBeyondTheBudgetWithoutComputing() {
        // Once "too large in both dimensions" was an error; now it is a blocked graph (built, not run, here).
        long n = 5000;
        ChunkedArray x = RandomArrays.seeded(3).standardNormal(new long[] {6000, n}, Chunks.of(1000, 1000));
        Linalg.QR f = Linalg.qr(x);
        assertArrayEquals(new long[] {6000, n}, f.q().shape());
        assertArrayEquals(new long[] {n, n}, f.r().shape());
        assertTrue(f.q().numBlocks()[1] > 1 && f.r().numBlocks()[0] > 1, "chunked in both dimensions");
        Linalg.QR wide = Linalg.qr(x.transpose());
        assertArrayEquals(new long[] {n, 6000}, wide.r().shape());
        Linalg.SVD g = Linalg.svd(x);
        assertArrayEquals(new long[] {6000, n}, g.u().shape());
        assertArrayEquals(new long[] {n}, g.s().shape());
        assertArrayEquals(new long[] {n, n}, g.vt().shape());
        assertTrue(g.u().numBlocks()[1] > 1 && g.vt().numBlocks()[0] > 1, "chunked in both dimensions");
        assertArrayEquals(new long[] {n}, Linalg.singularValues(x.transpose()).shape());
        assertArrayEquals(new long[0], Linalg.norm(x, 2).shape());
        assertArrayEquals(new long[0], Linalg.norm(x, "nuc").shape());
    }

    /** Q orthonormal, R upper triangular with exact zeros, QR = A, diag(R) >= 0. */
    static void check(INDArray a, INDArray q, INDArray r, double orthTol, double backTol) {
        assertTrue(Mats.orthogonality(q) <= orthTol, () -> "QᵀQ - I: " + Mats.orthogonality(q));
        assertEquals(0.0, Mats.belowDiagonal(r), 0.0, "R has exact zeros below the diagonal");
        for (int i = 0; i < Math.min(r.size(0), r.size(1)); i++) {
            assertTrue(r.getDouble(i, i) >= 0, "diag(R) >= 0 at " + i);
        }
        double back = Mats.relErr(q.mmul(r), a);
        assertTrue(back <= backTol, () -> "QR - A: " + back);
    }

    /**
     * Test matrices: "slow" (singular values 0.9^i), "fast" (0.5^i, down to 1e-15), "rank20" (20 singular values
     * 0.8^i, the rest zero), "units" (columns: unit vectors e_0..e_15, then 16 zero columns, then copies of the
     * first columns: rank 16, with whole panels that are zero or repeat earlier panels exactly).
     */
    static INDArray matrix(String kind, int m, int n, long seed) {
        int k = Math.min(m, n);
        switch (kind) {
            case "slow":
                return Mats.withSpectrum(m, n, Mats.geometric(k, 0.9), seed);
            case "fast":
                return Mats.withSpectrum(m, n, Mats.geometric(k, 0.5), seed);
            case "rank20":
                return Mats.withSpectrum(m, n, Mats.geometric(20, 0.8), seed);
            case "units": {
                INDArray a = Nd4j.create(DataType.DOUBLE, m, n);
                for (int j = 0; j < n; j++) {
                    if (j < 16) {
                        a.putScalar(j, j, 1.0);
                    } else if (j >= 32) {
                        a.putScalar(j - 32, j, 1.0);
                    }
                }
                return a;
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }
}
