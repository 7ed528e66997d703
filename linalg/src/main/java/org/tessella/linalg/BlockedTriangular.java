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
 * Tiled triangular solve {@code op(A) X = B} (op(A) = A or Aᵀ) as a graph: A in T x T square tiles, B with the
 * same row tiles and any column chunks. op(A) is lower triangular when {@code lower != transpose}; then the row
 * blocks are solved top down (forward substitution), else bottom up. With {@code B⁽⁰⁾ = B}, and k the q-th row
 * block in that order:
 * <ol>
 *   <li>{@code X_k = op(A)_kk⁻¹ B⁽q⁾_k} (trsm on the diagonal tile; {@code op(A)_kk = A_kk} or {@code A_kkᵀ});</li>
 *   <li>{@code B⁽q⁺¹⁾_i = B⁽q⁾_i - op(A)_ik X_k} for every row block i not yet solved (gemm;
 *       {@code op(A)_ik = A_ik} or {@code A_kiᵀ}).</li>
 * </ol>
 * Every column block of B is independent. Only the tiles in A's named triangle are read (and with
 * {@code unitDiagonal} not the diagonal). The versions {@code B⁽q⁾_i} have one user each, so the updates run in place
 * on donated blocks. T(T+1)/2 tasks per column block of B.
 */
final class BlockedTriangular {
    private BlockedTriangular() {
    }

    /**
     * X for the n x n floating {@code a} and {@code b} (n, or n x k, same dtype) in tiles of {@code tile}: a is
     * rechunked to tile x tile, b's rows to the same tiles and its columns to {@link #columnChunks}.
     */
    static ChunkedArray solve(ChunkedArray a, ChunkedArray b, boolean lower, boolean transpose, boolean unitDiagonal,
                              long tile, TileKernels.ZeroPivot zero) {
        long[] sizes = Tiles.split(a.shape(0), tile);
        ChunkedArray at = Tiles.rechunk(a, sizes, sizes);
        return solveTiled(at, rowTiles(b, sizes), lower, transpose, unitDiagonal, zero);
    }

    /** {@code b} with the given row chunks and its columns cut by {@link #columnChunks}. */
    static ChunkedArray rowTiles(ChunkedArray b, long[] rows) {
        if (b.ndim() == 1) {
            return java.util.Arrays.equals(b.chunks()[0], rows) ? b
                    : b.rechunk(org.tessella.ndarray.Chunks.explicit(rows));
        }
        return Tiles.rechunk(b, rows, columnChunks(b, Tiles.maxChunk(rows)));
    }

    /**
     * The column chunks of a right-hand side with row tiles of {@code tile}: b's own, unless a tile x chunk block
     * would exceed {@link Tiles#MAX_TILE_BYTES}; then chunks of the largest width that fits.
     */
    static long[] columnChunks(ChunkedArray b, long tile) {
        long widest = Math.max(1, Tiles.MAX_TILE_BYTES / (Math.max(1, tile) * b.dtype().itemSize()));
        long[] own = b.chunks()[1];
        return Tiles.maxChunk(own) <= widest ? own : Tiles.split(b.shape(1), widest);
    }

    /**
     * The solve on inputs already tiled: {@code a} has square tiles, {@code b} the same row chunks (one block of
     * columns or several; or a vector). The result has b's grid.
     */
    static ChunkedArray solveTiled(ChunkedArray a, ChunkedArray b, boolean lower, boolean transpose,
                                   boolean unitDiagonal, TileKernels.ZeroPivot zero) {
        return solveTiled(a, b, lower, transpose, unitDiagonal, zero, false);
    }

    /**
     * As {@link #solveTiled(ChunkedArray, ChunkedArray, boolean, boolean, boolean, TileKernels.ZeroPivot)}; with
     * {@code zeroAboveDiagonal}, b's tiles above the diagonal (row block i &lt; column block c, b having a's tiles
     * as columns too) are known to be zero, as the identity's are, and the solve must be a forward one: then X's
     * tiles there are zero as well, and the updates that would only subtract zeros are not made. For L⁻¹ that is
     * n³/3 flops instead of n³.
     */
    static ChunkedArray solveTiled(ChunkedArray a, ChunkedArray b, boolean lower, boolean transpose,
                                   boolean unitDiagonal, TileKernels.ZeroPivot zero, boolean zeroAboveDiagonal) {
        if (zeroAboveDiagonal && (lower == transpose || b.ndim() != 2)) {
            throw new IllegalStateException("a zero upper block triangle of b needs a forward solve of a matrix b");
        }
        long[] sizes = a.chunks()[0];
        long[] offsets = Tiles.offsets(sizes);
        int count = sizes.length;
        boolean vector = b.ndim() == 1;
        int columns = vector ? 1 : b.numBlocks()[1];
        boolean forward = lower != transpose;
        String aName = a.name();
        String bName = b.name();
        String xName = Tokens.name("solve-triangular",
                java.util.List.of(lower, transpose, unitDiagonal, zero, zeroAboveDiagonal), aName, bName);
        int skip = zeroAboveDiagonal ? 1 : 0; // version q of tile (i, c) is the input while q <= skip * c
        String vName = "solve-triangular-update-" + xName.substring("solve-triangular-".length());

        // B⁽q⁾_i,c for 1 <= q <= step(i): the previous version minus op(A)_i,k X_k,c, k solved at step q - 1.
        int[] vBox = vector ? new int[] {count, count} : new int[] {count, count, columns};
        Layer updates = Tiles.partial(vName, vBox,
                idx -> idx[0] >= 1 && idx[0] <= step(idx[1], count, forward)
                        && idx[0] > skip * (vector ? 0 : idx[2]),
                idx -> {
                    int q = idx[0] - 1;
                    int i = idx[1];
                    int c = vector ? 0 : idx[2];
                    int k = block(q, count, forward);
                    Key tileKey = transpose ? Key.of(aName, k, i) : Key.of(aName, i, k);
                    Key previous = version(bName, vName, vector, q <= skip * c ? 0 : q, i, c);
                    return new Key[] {previous, tileKey, rhsKey(xName, vector, k, c)};
                },
                (args, idx) -> {
                    INDArray y = Tiles.owned(args, 0);
                    TileKernels.gemmUpdateInPlace(y, (INDArray) args.get(1), transpose, (INDArray) args.get(2), false);
                    return y;
                });
        // X_i,c: the diagonal solve of the last version.
        int[] xBox = vector ? new int[] {count} : new int[] {count, columns};
        GridLayer solved = TaskLayer.of(xName, xBox,
                idx -> {
                    int i = idx[0];
                    int c = vector ? 0 : idx[1];
                    if (skip * c > i) {
                        return new Key[0];
                    }
                    int q = step(i, count, forward);
                    return new Key[] {version(bName, vName, vector, q <= skip * c ? 0 : q, i, c),
                        Key.of(aName, i, i)};
                },
                (args, idx) -> {
                    if (args.size() == 0) {
                        return TileKernels.zeros(b.dtype().nd4j(), b.grid().blockShape(idx));
                    }
                    INDArray y = Tiles.owned(args, 0);
                    TileKernels.trsmLeftInPlace(y, (INDArray) args.get(1), lower, transpose, unitDiagonal,
                            offsets[idx[0]], zero);
                    return y;
                });
        Graph graph = Graph.of(solved, Graph.of(updates, Graph.merge(a.graph(), b.graph())));
        ChunkGrid grid = new ChunkGrid(b.shape(), b.chunks());
        return ChunkedArray.fromGraph(graph, xName, grid, b.dtype());
    }

    /** The step at which row block i is solved. */
    private static int step(int i, int count, boolean forward) {
        return forward ? i : count - 1 - i;
    }

    /** The row block solved at step q. */
    private static int block(int q, int count, boolean forward) {
        return forward ? q : count - 1 - q;
    }

    private static Key rhsKey(String name, boolean vector, int i, int c) {
        return vector ? Key.of(name, i) : Key.of(name, i, c);
    }

    private static Key version(String bName, String vName, boolean vector, int q, int i, int c) {
        if (q == 0) {
            return rhsKey(bName, vector, i, c);
        }
        return vector ? Key.of(vName, q, i) : Key.of(vName, q, i, c);
    }
}
