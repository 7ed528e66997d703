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
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;

/**
 * Tiled Cholesky ({@link BlockedCholesky}) at small sizes, with the tile given explicitly: against the dense
 * factor. Bounds (float64 and float32, eps of the type): ‖L Lᵀ − A‖ / ‖A‖ ≤ 10·n·eps (backward stability), and
 * ‖L − L_dense‖ / ‖L_dense‖ ≤ 10·n·κ·eps (the factor is unique; its perturbation is bounded by κ).
 */
class BlockedCholeskyTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            out.add(Arguments.of(dtype, 64, 16L, new long[] {16, 16}));  // input already in tiles
            out.add(Arguments.of(dtype, 64, 16L, new long[] {20, 9}));   // 2-d chunking, rechunked to tiles
            out.add(Arguments.of(dtype, 10, 3L, new long[] {10, 10}));   // ragged last tile (3, 3, 3, 1)
            out.add(Arguments.of(dtype, 33, 8L, new long[] {33, 5}));    // ragged, column chunks
            out.add(Arguments.of(dtype, 7, 1L, new long[] {3, 2}));      // 1 x 1 tiles
            out.add(Arguments.of(dtype, 20, 20L, new long[] {7, 7}));    // one tile
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n={1} tile {2} chunks {3}")
    @MethodSource("cases")
    void reproducesTheMatrixAndTheDenseFactorReadingOnlyTheLowerTriangle(DType dtype, int n, long tile,
                                                                         long[] chunks) {
        double cond = dtype == DType.FLOAT64 ? 1e4 : 1e2;
        INDArray a = BlockedChecks.rounded(BlockedChecks.spd(n, cond, n), dtype);
        INDArray garbage = a.dup('c');
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                garbage.putScalar(i, j, 1e3 + i - j); // the upper triangle must not be read
            }
        }
        ChunkedArray l = BlockedCholesky.cholesky(BlockedChecks.chunked(garbage, dtype, chunks), tile);
        assertEquals(dtype, l.dtype());
        assertArrayEquals(Tiles.split(n, tile), l.chunks()[0]);
        assertArrayEquals(Tiles.split(n, tile), l.chunks()[1]);
        BlockedChecks.assertBlocksMatchGrid(l);

        INDArray got = BlockedChecks.compute(l);
        double eps = BlockedChecks.eps(dtype);
        assertEquals(0.0, BlockedChecks.aboveDiagonal(got), 0.0, "zeros above the diagonal");
        double backward = Mats.relErr(got.mmul(got.transpose()), a);
        assertTrue(backward <= 10 * n * eps, () -> "‖L Lᵀ − A‖ / ‖A‖ = " + backward);
        INDArray dense = Kernels.cholesky(a);
        double forward = Mats.relErr(got, dense);
        assertTrue(forward <= 10 * n * cond * eps, () -> "‖L − L_dense‖ / ‖L_dense‖ = " + forward);
    }

    static Stream<Arguments> notPositiveDefinite() {
        return Stream.of(
                Arguments.of(40, 8L, 21),   // tile 2, local row 5
                Arguments.of(40, 1L, 21),   // 1 x 1 tiles
                Arguments.of(40, 40L, 21),  // one tile
                Arguments.of(40, 7L, 0),    // the very first minor
                Arguments.of(40, 7L, 39));  // the last row, in a ragged tile
    }

    /**
     * A = S − λ e_r e_rᵀ with S SPD and λ large: the leading minors of order ≤ r are S's (positive), the one of order
     * r + 1 is negative. The error names that order (global), whatever the tile.
     */
    @ParameterizedTest(name = "n={0} tile {1} row {2}")
    @MethodSource("notPositiveDefinite")
    void aMatrixThatIsNotPositiveDefiniteFailsAtComputeNamingTheGlobalLeadingMinor(int n, long tile, int row) {
        INDArray a = BlockedChecks.spd(n, 10, 3);
        a.putScalar(row, row, a.getDouble(row, row) - 100);
        ChunkedArray l = BlockedCholesky.cholesky(Mats.chunked(a, 9, 9), tile);
        BlockedChecks.assertFailsAtCompute(l, "leading minor of order " + (row + 1) + " ");
    }

    @ParameterizedTest(name = "tile {0}")
    @MethodSource("tiles")
    void nanFailsAtCompute(long tile) {
        INDArray a = BlockedChecks.spd(12, 10, 4);
        a.putScalar(7, 2, Double.NaN);
        BlockedChecks.assertFailsAtCompute(BlockedCholesky.cholesky(Mats.chunked(a, 12, 12), tile), "NaN");
    }

    static Stream<Long> tiles() {
        return Stream.of(4L, 12L);
    }

    /** The public entry point agrees with the tiled path (it takes the single-block kernel at this size). */
    @ParameterizedTest(name = "tile {0}")
    @MethodSource("tiles")
    void publicCholeskyAndTiledCholeskyAgree(long tile) {
        INDArray a = BlockedChecks.spd(12, 100, 5);
        INDArray single = Linalg.cholesky(Mats.chunked(a, 5, 5)).compute();
        INDArray tiled = BlockedCholesky.cholesky(Mats.chunked(a, 5, 5), tile).compute();
        assertTrue(Mats.relErr(tiled, single) <= 1e-12, "tiled and single-block L agree");
    }
}
