package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import org.tessella.ndarray.DType;

/**
 * Blocked LU over column panels ({@link BlockedLu}) and the solve and inverse built on it, at small sizes with the
 * panel width given explicitly: square, tall and wide, ragged panels, panels of one column, one panel, float64 and
 * float32. Bounds (eps of the type): ‖P L U − A‖ / ‖A‖ ≤ 10·max(m, n)·eps; P, L and U equal the dense getrf's
 * (same pivots: the panels span whole columns) to 10·max(m, n)·10³·eps (Gaussian matrices this small have
 * κ well below 10³); solve residual ‖A x − b‖ / (‖A‖ ‖x‖) ≤ 10·n·eps;
 * ‖A⁻¹ A − I‖ ≤ 10·n·κ·eps.
 */
class BlockedLuTest {
    /** m, n, tile, chunks. */
    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            out.add(Arguments.of(dtype, 64, 64, 16L, new long[] {16, 16}));  // tiles already
            out.add(Arguments.of(dtype, 10, 10, 3L, new long[] {4, 6}));     // ragged, 2-d chunks
            out.add(Arguments.of(dtype, 6, 6, 1L, new long[] {6, 6}));       // panels of one column
            out.add(Arguments.of(dtype, 12, 12, 12L, new long[] {5, 5}));    // one panel
            out.add(Arguments.of(dtype, 40, 25, 8L, new long[] {7, 25}));    // tall, ragged
            out.add(Arguments.of(dtype, 25, 40, 8L, new long[] {25, 9}));    // wide: panels beyond min(m, n)
            out.add(Arguments.of(dtype, 21, 40, 8L, new long[] {6, 40}));    // wide, last step's panel has fewer rows
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} tile {3} chunks {4}")
    @MethodSource("shapes")
    void factorsEqualTheDenseLuAndReproduceTheMatrix(DType dtype, int m, int n, long tile, long[] chunks) {
        INDArray a = BlockedChecks.rounded(Mats.gaussian(m, n, 100 + m + n), dtype);
        Linalg.LU f = BlockedLu.lu(BlockedChecks.chunked(a, dtype, chunks), tile);
        int k = Math.min(m, n);
        assertArrayEquals(new long[] {m, m}, f.p().shape());
        assertArrayEquals(new long[] {m, k}, f.l().shape());
        assertArrayEquals(new long[] {k, n}, f.u().shape());
        for (ChunkedArray x : List.of(f.p(), f.l(), f.u())) {
            assertEquals(dtype, x.dtype());
            BlockedChecks.assertBlocksMatchGrid(x);
        }
        List<INDArray> plu = ChunkedArray.compute(f.p(), f.l(), f.u());
        INDArray p = plu.get(0).castTo(DataType.DOUBLE);
        INDArray l = plu.get(1).castTo(DataType.DOUBLE);
        INDArray u = plu.get(2).castTo(DataType.DOUBLE);
        assertPermutation(p);
        assertEquals(0.0, BlockedChecks.aboveDiagonal(l), 0.0, "L is lower trapezoidal");
        for (int i = 0; i < k; i++) {
            assertEquals(1.0, l.getDouble(i, i), 0.0, "L has a unit diagonal");
        }
        assertEquals(0.0, Mats.belowDiagonal(u), 0.0, "U is upper trapezoidal");
        double eps = BlockedChecks.eps(dtype);
        double backward = Mats.relErr(p.mmul(l).mmul(u), a);
        assertTrue(backward <= 10 * Math.max(m, n) * eps, () -> "‖P L U − A‖ / ‖A‖ = " + backward);

        Kernels.Lu dense = Kernels.lu(a.castTo(dtype.nd4j()));
        assertEquals(dense.permutationMatrix().castTo(DataType.DOUBLE), p, "the same pivots as getrf");
        double tol = 10 * Math.max(m, n) * 1e3 * eps;
        assertTrue(Mats.relErr(l, dense.l().castTo(DataType.DOUBLE)) <= tol, "L equals getrf's");
        assertTrue(Mats.relErr(u, dense.u().castTo(DataType.DOUBLE)) <= tol, "U equals getrf's");
    }

    private static void assertPermutation(INDArray p) {
        long m = p.size(0);
        for (int i = 0; i < m; i++) {
            double rowSum = 0;
            double colSum = 0;
            for (int j = 0; j < m; j++) {
                double v = p.getDouble(i, j);
                assertTrue(v == 0 || v == 1, "P holds 0 and 1");
                rowSum += v;
                colSum += p.getDouble(j, i);
            }
            assertEquals(1.0, rowSum, 0.0, "one 1 per row of P");
            assertEquals(1.0, colSum, 0.0, "one 1 per column of P");
        }
    }

    /** n, tile, a chunks, b chunks (one entry: vector), columns of b. */
    static Stream<Arguments> systems() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            out.add(Arguments.of(dtype, 64, 16L, new long[] {16, 16}, new long[] {16}, 1));
            out.add(Arguments.of(dtype, 64, 16L, new long[] {20, 9}, new long[] {30, 2}, 3));
            out.add(Arguments.of(dtype, 10, 3L, new long[] {10, 10}, new long[] {4, 4}, 4));
            out.add(Arguments.of(dtype, 7, 1L, new long[] {3, 3}, new long[] {7}, 1));
            out.add(Arguments.of(dtype, 20, 20L, new long[] {6, 6}, new long[] {6, 1}, 2));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n={1} tile {2} a {3} b {4} k={5}")
    @MethodSource("systems")
    void solveHasABackwardStableResidualAndInverseTimesAIsTheIdentity(DType dtype, int n, long tile,
                                                                      long[] aChunks, long[] bChunks, int k) {
        double cond = dtype == DType.FLOAT64 ? 1e6 : 1e2;
        INDArray a = BlockedChecks.rounded(BlockedChecks.withCondition(n, cond, 200 + n), dtype);
        boolean vector = bChunks.length == 1;
        INDArray b = BlockedChecks.rounded(vector ? Mats.gaussian(n, 1, 7).reshape(n) : Mats.gaussian(n, k, 7),
                dtype);
        ChunkedArray x = BlockedLu.solve(BlockedChecks.chunked(a, dtype, aChunks),
                BlockedChecks.chunked(b, dtype, bChunks), tile);
        assertEquals(dtype, x.dtype());
        assertArrayEquals(b.shape(), x.shape());
        BlockedChecks.assertBlocksMatchGrid(x);
        INDArray got = BlockedChecks.compute(x);
        INDArray got2 = vector ? got.reshape(n, 1) : got;
        INDArray b2 = vector ? b.reshape(n, 1) : b;
        double eps = BlockedChecks.eps(dtype);
        double backward = Mats.frob(a.mmul(got2).sub(b2)) / (Mats.frob(a) * Mats.frob(got2));
        assertTrue(backward <= 10 * n * eps, () -> "‖A x − b‖ / (‖A‖ ‖x‖) = " + backward);

        ChunkedArray inv = BlockedLu.inv(BlockedChecks.chunked(a, dtype, aChunks), tile);
        assertEquals(dtype, inv.dtype());
        BlockedChecks.assertBlocksMatchGrid(inv);
        INDArray ai = BlockedChecks.compute(inv);
        double identity = Mats.frob(ai.mmul(a).sub(Nd4j.eye(n))) / Math.sqrt(n);
        assertTrue(identity <= 10 * n * cond * eps, () -> "‖A⁻¹ A − I‖ / √n = " + identity);
    }

    static Stream<Arguments> singular() {
        return Stream.of(Arguments.of(8L, 21), Arguments.of(1L, 21), Arguments.of(40L, 21), Arguments.of(7L, 0),
                Arguments.of(7L, 39));
    }

    /**
     * A with column r zero: elimination keeps that column zero, so U[r, r] is exactly 0. lu returns the factors;
     * solve and inv fail at compute time naming the global pivot r.
     */
    @ParameterizedTest(name = "tile {0} column {1}")
    @MethodSource("singular")
    void aZeroPivotIsAllowedByLuAndRejectedBySolveAndInvWithItsGlobalIndex(long tile, int r) {
        int n = 40;
        INDArray a = Mats.gaussian(n, n, 300);
        for (int i = 0; i < n; i++) {
            a.putScalar(i, r, 0.0);
        }
        Linalg.LU f = BlockedLu.lu(Mats.chunked(a, 9, 9), tile);
        List<INDArray> plu = ChunkedArray.compute(f.p(), f.l(), f.u());
        assertEquals(0.0, plu.get(2).getDouble(r, r), 0.0, "U[r, r] is exactly zero");
        assertTrue(Mats.relErr(plu.get(0).mmul(plu.get(1)).mmul(plu.get(2)), a) <= 1e-13, "P L U = A still");
        ChunkedArray b = Mats.chunked(Mats.gaussian(n, 1, 301).reshape(n), 11);
        String message = "U[" + r + ", " + r + "] of its LU factorization is exactly zero";
        BlockedChecks.assertFailsAtCompute(BlockedLu.solve(Mats.chunked(a, 9, 9), b, tile), message);
        BlockedChecks.assertFailsAtCompute(BlockedLu.inv(Mats.chunked(a, 9, 9), tile), message);
    }

    @Test
    void nanFailsAtCompute() {
        INDArray a = Mats.gaussian(12, 12, 302);
        a.putScalar(9, 10, Double.NaN);
        Linalg.LU f = BlockedLu.lu(Mats.chunked(a, 12, 12), 4);
        BlockedChecks.assertFailsAtCompute(f.u(), "NaN");
    }

    @Test
    void panelWidthKeepsTwoPanelsWithinTheBlockBudget() {
        long budget = Linalg.BLOCK_BUDGET_BYTES;
        assertEquals(512, BlockedLu.panelWidth(10_000, 512, 8));
        assertEquals(budget / (2 * 1_000_000 * 8), BlockedLu.panelWidth(1_000_000, 512, 8));
        assertEquals(1, BlockedLu.panelWidth(budget / 16, 512, 8));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BlockedLu.panelWidth(budget / 16 + 1, 512, 8));
        assertTrue(e.getMessage().startsWith("a is too tall for blocked LU"), e.getMessage());
    }
}
