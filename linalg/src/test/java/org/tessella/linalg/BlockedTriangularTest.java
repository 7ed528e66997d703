package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.TileKernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;

/**
 * Tiled triangular solve ({@link BlockedTriangular}) for every combination of lower/upper, transpose and unit
 * diagonal, vector and matrix right-hand sides, ragged tiles, 1 x 1 tiles and one tile, float64 and float32.
 * Bound: the backward error ‖op(T) x − b‖ / (‖T‖ ‖x‖) ≤ 10·n·eps (triangular substitution is backward stable), and
 * agreement with the single-block solve to 10·n·κ·eps relative.
 */
class BlockedTriangularTest {
    /** n, tile, chunks of a, chunks of b (one entry: b is a vector). */
    static Stream<Arguments> cases() {
        long[][] vector37 = {{10, 7}, {9}};
        long[][] matrix37 = {{10, 7}, {6, 2}};
        long[][] ones12 = {{5, 5}, {12, 2}};
        long[][] one16 = {{16, 16}, {5}};
        Object[][] shapes = {{37, 8L, vector37, 1}, {37, 8L, matrix37, 5}, {12, 1L, ones12, 2}, {16, 16L, one16, 1}};
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (boolean lower : new boolean[] {true, false}) {
                for (boolean transpose : new boolean[] {false, true}) {
                    for (boolean unit : new boolean[] {false, true}) {
                        for (Object[] s : shapes) {
                            long[][] chunks = (long[][]) s[2];
                            out.add(Arguments.of(dtype, lower, transpose, unit, s[0], s[1], chunks[0], chunks[1],
                                    s[3]));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * A well-conditioned triangular matrix (diagonal 1 + |g|, off-diagonal g / n) whose other triangle holds large
     * values, and whose diagonal holds 7 when {@code unit}: neither may be read.
     */
    static INDArray[] triangular(int n, boolean lower, boolean unit, long seed) {
        INDArray g = Mats.gaussian(n, n, seed);
        INDArray stored = g.dup('c');
        INDArray clean = g.mul(0).dup('c');
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inside = lower ? j < i : j > i;
                double v = g.getDouble(i, j);
                if (i == j) {
                    double d = unit ? 1 : 1 + Math.abs(v);
                    clean.putScalar(i, j, d);
                    stored.putScalar(i, j, unit ? 7 : d);
                } else if (inside) {
                    clean.putScalar(i, j, v / n);
                    stored.putScalar(i, j, v / n);
                } else {
                    stored.putScalar(i, j, 1e3 + i + j);
                }
            }
        }
        return new INDArray[] {stored, clean};
    }

    @ParameterizedTest(name = "{0} lower={1} transpose={2} unit={3} n={4} tile {5} a {6} b {7} k={8}")
    @MethodSource("cases")
    void solvesWithABackwardStableResidualReadingOnlyTheNamedTriangle(DType dtype, boolean lower, boolean transpose,
                                                                      boolean unit, int n, long tile, long[] aChunks,
                                                                      long[] bChunks, int k) {
        INDArray[] t = triangular(n, lower, unit, 40 + n);
        INDArray stored = BlockedChecks.rounded(t[0], dtype);
        INDArray clean = BlockedChecks.rounded(t[1], dtype);
        boolean vector = bChunks.length == 1;
        INDArray b = BlockedChecks.rounded(vector ? Mats.gaussian(n, 1, 50).reshape(n) : Mats.gaussian(n, k, 50),
                dtype);
        ChunkedArray x = BlockedTriangular.solve(BlockedChecks.chunked(stored, dtype, aChunks),
                BlockedChecks.chunked(b, dtype, bChunks), lower, transpose, unit, tile,
                TileKernels.ZeroPivot.TRIANGULAR);
        assertEquals(dtype, x.dtype());
        assertArrayEquals(b.shape(), x.shape());
        assertArrayEquals(Tiles.split(n, tile), x.chunks()[0], "row chunks are a's tiles");
        BlockedChecks.assertBlocksMatchGrid(x);

        INDArray got = BlockedChecks.compute(x);
        INDArray op = transpose ? clean.transpose() : clean;
        INDArray got2 = vector ? got.reshape(n, 1) : got;
        INDArray b2 = vector ? b.reshape(n, 1) : b;
        double eps = BlockedChecks.eps(dtype);
        double backward = Mats.frob(op.mmul(got2).sub(b2)) / (Mats.frob(clean) * Mats.frob(got2));
        assertTrue(backward <= 10 * n * eps, () -> "‖op(T) x − b‖ / (‖T‖ ‖x‖) = " + backward);
        INDArray single = Linalg.solveTriangular(BlockedChecks.chunked(stored, dtype, aChunks),
                BlockedChecks.chunked(b, dtype, bChunks), lower, transpose, unit).compute().castTo(got.dataType());
        double cond = condition(op);
        double diff = Mats.relErr(got, single);
        assertTrue(diff <= 10 * n * cond * eps, () -> "tiled vs single-block: " + diff + ", κ " + cond);
    }

    /** κ₂ from the singular values (dense, test only). */
    private static double condition(INDArray a) {
        INDArray s = org.tessella.linalg.kernel.Kernels.singularValues(a);
        return s.getDouble(0) / s.getDouble(s.length() - 1);
    }

    static Stream<Arguments> zeroDiagonal() {
        return Stream.of(
                Arguments.of(true, false, 4L, 13),
                Arguments.of(false, false, 4L, 13),
                Arguments.of(true, true, 4L, 13),
                Arguments.of(false, true, 1L, 5),
                Arguments.of(true, false, 30L, 29));
    }

    @ParameterizedTest(name = "lower={0} transpose={1} tile {2} row {3}")
    @MethodSource("zeroDiagonal")
    void anExactZeroOnTheDiagonalFailsAtComputeNamingItsGlobalIndex(boolean lower, boolean transpose, long tile,
                                                                    int row) {
        INDArray t = triangular(30, lower, false, 7)[0];
        t.putScalar(row, row, 0.0);
        ChunkedArray b = Mats.chunked(Mats.gaussian(30, 2, 8), 30, 2);
        ChunkedArray x = BlockedTriangular.solve(Mats.chunked(t, 30, 30), b, lower, transpose, false, tile,
                TileKernels.ZeroPivot.TRIANGULAR);
        BlockedChecks.assertFailsAtCompute(x, "diagonal element " + row + " is zero");
        ChunkedArray unit = BlockedTriangular.solve(Mats.chunked(t, 30, 30), b, lower, transpose, true, tile,
                TileKernels.ZeroPivot.TRIANGULAR);
        assertArrayEquals(new long[] {30, 2}, unit.compute().shape(), "a unit diagonal is not read");
    }

    static Stream<Arguments> inverses() {
        return Stream.of(Arguments.of(37, 8L, true), Arguments.of(37, 8L, false), Arguments.of(9, 1L, true),
                Arguments.of(12, 12L, false));
    }

    /**
     * L⁻¹ by a forward solve against the identity that skips the identity's zero tiles above the diagonal: equal to
     * the full solve, and exactly zero above the diagonal.
     */
    @ParameterizedTest(name = "n={0} tile {1} unit={2}")
    @MethodSource("inverses")
    void aForwardSolveAgainstTheIdentitySkippingItsZeroTilesGivesTheInverse(int n, long tile, boolean unit) {
        INDArray[] t = triangular(n, true, unit, 60 + n);
        long[] tiles = Tiles.split(n, tile);
        ChunkedArray a = Tiles.rechunk(Mats.chunked(t[0], n, n), tiles, tiles);
        ChunkedArray identity = ChunkedArray.eye(n, n, 0, DType.FLOAT64,
                org.tessella.ndarray.Chunks.explicit(tiles, tiles));
        ChunkedArray skipping = BlockedTriangular.solveTiled(a, identity, true, false, unit,
                TileKernels.ZeroPivot.TRIANGULAR, true);
        ChunkedArray full = BlockedTriangular.solveTiled(a, identity, true, false, unit,
                TileKernels.ZeroPivot.TRIANGULAR, false);
        BlockedChecks.assertBlocksMatchGrid(skipping);
        INDArray inverse = skipping.compute();
        assertEquals(0.0, BlockedChecks.aboveDiagonal(inverse), 0.0);
        assertTrue(Mats.relErr(inverse, full.compute()) <= 1e-13, "equals the full solve");
        double identityError = Mats.frob(t[1].mmul(inverse).sub(org.nd4j.linalg.factory.Nd4j.eye(n)));
        assertTrue(identityError <= 10 * n * condition(t[1]) * 0x1p-52, () -> "‖T T⁻¹ − I‖ = " + identityError);
    }
}
