package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * The public solvers' choice between the single-block kernel and the tiled graph, the automatic tile, and one run
 * of each public solver just above the single-block limit (so through the tiled path with the automatic tile).
 */
class BlockedTilingTest {
    static Stream<Arguments> tiles() {
        return Stream.of(
                Arguments.of(4000, 4000, new long[] {1000, 1000}, DType.FLOAT64, 1000L), // square chunks kept
                Arguments.of(4000, 4000, new long[] {100, 4000}, DType.FLOAT64, 632L),   // same elements per block
                Arguments.of(4000, 4000, new long[] {64, 64}, DType.FLOAT64, 512L),      // merged: 8 chunks per tile
                Arguments.of(4000, 4000, new long[] {100, 100}, DType.FLOAT64, 600L),    // merged: 6 chunks per tile
                Arguments.of(5000, 5000, new long[] {2500, 2500}, DType.FLOAT64, 1250L), // split: a quarter budget
                Arguments.of(9000, 9000, new long[] {5000, 5000}, DType.FLOAT64, 1667L), // split in 3 (cap 2048)
                Arguments.of(9000, 9000, new long[] {5000, 5000}, DType.FLOAT32, 2500L), // split in 2 (cap 2896)
                Arguments.of(300, 300, new long[] {1000, 1000}, DType.FLOAT64, 300L));   // never beyond the matrix
    }

    @ParameterizedTest(name = "{0}x{1} chunks {2} {3} -> {4}")
    @MethodSource("tiles")
    void theTileKeepsTheInputsBlockSizeWithinBounds(long m, long n, long[] chunks, DType dtype, long expected) {
        ChunkedArray x = ChunkedArray.zeros(new long[] {m, n}, dtype, Chunks.of(chunks));
        assertEquals(expected, Tiles.tile(x));
    }

    @Test
    void matricesUpToTheSingleBlockLimitRunAsOneTask() {
        long side = (long) Math.sqrt(Tiles.SINGLE_BLOCK_MAX_BYTES / 8.0);
        assertTrue(Tiles.singleBlock(side, side, 8));
        assertFalse(Tiles.singleBlock(side + 1, side + 1, 8));
        assertTrue(Tiles.singleBlock(0, 1_000_000, 8), "empty matrices take the single-block path");
        ChunkedArray small = ChunkedArray.zeros(new long[] {side, side}, DType.FLOAT64, Chunks.of(100, 100));
        assertEquals(1, Linalg.cholesky(small).grid().totalBlocks());
        ChunkedArray large = ChunkedArray.zeros(new long[] {side + 1, side + 1}, DType.FLOAT64, Chunks.of(600, 600));
        assertArrayEquals(Tiles.split(side + 1, 600), Linalg.cholesky(large).chunks()[0], "tiles of the input's 600");
    }

    /**
     * One matrix just above the limit, chunked unevenly: every public solver takes the tiled path and is right.
     * Checked with probe vectors (O(n²)): ‖L (Lᵀ v) − A v‖ / (‖A‖ ‖v‖), ‖P (L (U v)) − A v‖ / (‖A‖ ‖v‖) and the
     * solve residuals ‖A x − b‖ / (‖A‖ ‖x‖) within 10·n·eps; ‖A⁻¹ (A v) − v‖ / ‖v‖ within 10·n·κ·eps (κ ≤ 2 here).
     */
    @Test
    void publicSolversAboveTheSingleBlockLimitAreTiledAndAccurate() {
        int n = (int) Math.sqrt(Tiles.SINGLE_BLOCK_MAX_BYTES / 8.0) + 60;
        double tol = 10 * n * 0x1p-52;
        INDArray g = Mats.gaussian(n, n, 900);
        INDArray spd = g.add(g.transpose()).addi(Nd4j.eye(n).muli(3.0 * n)).dup('c'); // diagonally dominant: SPD
        INDArray rhs = Mats.gaussian(n, 2, 901);
        INDArray v = Mats.gaussian(n, 1, 902);
        ChunkedArray a = Mats.chunked(spd, 700, 300);
        ChunkedArray b = Mats.chunked(rhs, 400, 1);

        ChunkedArray l = Linalg.cholesky(a);
        assertTrue(l.grid().totalBlocks() > 1, "tiled");
        INDArray lv = l.compute();
        assertTrue(probe(lv.mmul(lv.transpose().mmul(v)), spd.mmul(v), spd, v) <= tol, "L Lᵀ = A");

        for (ChunkedArray x : List.of(Linalg.solve(a, b), Linalg.solveSpd(a, b))) {
            assertTrue(x.grid().totalBlocks() > 1, "tiled");
            INDArray xv = x.compute();
            assertTrue(probe(spd.mmul(xv), rhs, spd, xv) <= tol, "A x = b");
        }
        INDArray y = Linalg.solveTriangular(Mats.chunked(lv, 500, 500), b, true).compute();
        assertTrue(probe(lv.mmul(y), rhs, lv, y) <= tol, "L y = b");

        Linalg.LU f = Linalg.lu(Mats.chunked(g, 700, 300));
        assertTrue(f.u().grid().totalBlocks() > 1, "tiled");
        List<INDArray> plu = ChunkedArray.compute(f.p(), f.l(), f.u());
        assertTrue(probe(plu.get(0).mmul(plu.get(1).mmul(plu.get(2).mmul(v))), g.mmul(v), g, v) <= tol, "P L U = A");

        INDArray inv = Linalg.inv(a).compute();
        assertTrue(Mats.frob(inv.mmul(spd.mmul(v)).sub(v)) / Mats.frob(v) <= 2 * tol, "A⁻¹ A = I");

        ChunkedArray empty = Linalg.solve(a, ChunkedArray.zeros(new long[] {n, 0}, DType.FLOAT64, Chunks.auto()));
        assertArrayEquals(new long[] {n, 0}, empty.compute().shape(), "an empty right-hand side");
    }

    /** ‖got − want‖ / (‖a‖ ‖x‖). */
    private static double probe(INDArray got, INDArray want, INDArray a, INDArray x) {
        return Mats.frob(got.sub(want)) / (Mats.frob(a) * Mats.frob(x));
    }
}
