package org.tessella.linalg;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.TileKernels;
import org.tessella.ndarray.ChunkGrid;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Tokens;

/**
 * Tiled right-looking Cholesky {@code A = L Lᵀ} as a graph, on T x T square tiles (the last row and column of
 * tiles ragged). With {@code A⁽⁰⁾ = A}, step k = 0, 1, ..., T-1 is
 * <ol>
 *   <li>{@code L_kk = potrf(A⁽ᵏ⁾_kk)};</li>
 *   <li>{@code L_ik = A⁽ᵏ⁾_ik L_kk⁻ᵀ} for i &gt; k (trsm);</li>
 *   <li>{@code A⁽ᵏ⁺¹⁾_ij = A⁽ᵏ⁾_ij - L_ik L_jkᵀ} for i &gt;= j &gt; k (syrk on the diagonal, gemm below).</li>
 * </ol>
 * Each task is one kernel call on tiles. The versions {@code A⁽ᵏ⁾_ij} are one layer indexed {@code [k, i, j]};
 * each has exactly one user (the next version, or the potrf/trsm that consumes it), so the scheduler donates it
 * and the update writes in place (no allocation after the first copy of the input tiles). Only the lower triangle
 * of A is read; the tiles of L above the diagonal are zero blocks made only if asked for (culling drops them when
 * L is only used by the triangular solves). About T³/6 tasks; the critical path is 3T tasks long.
 */
final class BlockedCholesky {
    private BlockedCholesky() {
    }

    /** L of the n x n floating matrix {@code x} in tiles of {@code tile} (rechunking x to them). */
    static ChunkedArray cholesky(ChunkedArray x, long tile) {
        long n = x.shape(0);
        long[] sizes = Tiles.split(n, tile);
        long[] offsets = Tiles.offsets(sizes);
        int count = sizes.length;
        ChunkedArray a = Tiles.rechunk(x, sizes, sizes);
        String in = a.name();
        String lName = Tokens.name("cholesky", tile, in);
        String token = lName.substring("cholesky-".length());
        String vName = "cholesky-update-" + token;
        org.nd4j.linalg.api.buffer.DataType type = a.dtype().nd4j();

        // A⁽ᵏ⁾_ij for 1 <= k <= j <= i: the previous version minus L_i,k-1 L_j,k-1ᵀ.
        Layer updates = Tiles.partial(vName, new int[] {count, count, count},
                idx -> idx[0] >= 1 && idx[0] <= idx[2] && idx[2] <= idx[1],
                idx -> {
                    int k = idx[0] - 1;
                    int i = idx[1];
                    int j = idx[2];
                    Key prev = version(in, vName, k, i, j);
                    return i == j ? new Key[] {prev, Key.of(lName, i, k)}
                            : new Key[] {prev, Key.of(lName, i, k), Key.of(lName, j, k)};
                },
                (args, idx) -> {
                    INDArray c = Tiles.owned(args, 0);
                    if (idx[1] == idx[2]) {
                        TileKernels.syrkUpdateInPlace(c, (INDArray) args.get(1));
                    } else {
                        TileKernels.gemmUpdateInPlace(c, (INDArray) args.get(1), false, (INDArray) args.get(2), true);
                    }
                    return c;
                });
        // L_ij: potrf on the diagonal, trsm below it, zeros above.
        GridLayer factor = TaskLayer.of(lName, new int[] {count, count},
                idx -> {
                    int i = idx[0];
                    int j = idx[1];
                    if (i < j) {
                        return new Key[0];
                    }
                    Key current = version(in, vName, j, i, j);
                    return i == j ? new Key[] {current} : new Key[] {current, Key.of(lName, j, j)};
                },
                (args, idx) -> {
                    int i = idx[0];
                    int j = idx[1];
                    if (i < j) {
                        return TileKernels.zeros(type, sizes[i], sizes[j]);
                    }
                    INDArray c = Tiles.owned(args, 0);
                    if (i == j) {
                        TileKernels.potrfInPlace(c, offsets[j]);
                    } else {
                        TileKernels.trsmRightLowerTransposedInPlace(c, (INDArray) args.get(1));
                    }
                    return c;
                });
        Graph graph = Graph.of(factor, Graph.of(updates, a.graph()));
        return ChunkedArray.fromGraph(graph, lName, new ChunkGrid(new long[] {n, n}, new long[][] {sizes, sizes}),
                a.dtype());
    }

    /**
     * X with {@code A X = B} for a symmetric positive-definite a: the tiled L, then {@code L Y = B} and
     * {@code Lᵀ X = Y} by tiled substitution (b's rows cut into the same tiles).
     */
    static ChunkedArray solveSpd(ChunkedArray a, ChunkedArray b, long tile) {
        ChunkedArray l = cholesky(a, tile);
        ChunkedArray y = BlockedTriangular.solve(l, b, true, false, false, tile, TileKernels.ZeroPivot.TRIANGULAR);
        return BlockedTriangular.solveTiled(l, y, true, true, false, TileKernels.ZeroPivot.TRIANGULAR);
    }

    /** The key of {@code A⁽ᵏ⁾_ij}: the input tile for k = 0. */
    private static Key version(String in, String vName, int k, int i, int j) {
        return k == 0 ? Key.of(in, i, j) : Key.of(vName, k, i, j);
    }
}
