package org.tessella.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.TileKernels;
import org.tessella.ndarray.ChunkGrid;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Tokens;

/**
 * Blocked LU with partial pivoting, {@code A = P L U}, of an m x n matrix as a graph over column panels of width
 * b (each panel m x b, whole columns, so pivots are searched in the whole column as in the unblocked algorithm:
 * the factors equal LAPACK's getrf up to rounding). With panels {@code A⁽⁰⁾_j} and K = ceil(min(m, n) / b) steps,
 * step s:
 * <ol>
 *   <li>{@code F_s = getrf} of the rows of panel s from its diagonal row {@code r_s = s·b} down (in place);</li>
 *   <li>for every panel j &gt; s: apply F_s's row interchanges to its rows from r_s, solve its U rows with F_s's
 *       unit lower triangle (trsm), subtract F_s's L below times those rows (gemm): {@code A⁽ˢ⁺¹⁾_j}.</li>
 * </ol>
 * As LAPACK's blocked dgetrf, but the panels are graph tasks, so step s+1's panel factorization starts as soon as
 * panel s+1 has its update (look-ahead comes from the graph). Panels are stored column-major (see
 * {@link TileKernels}); each version has one user and is updated in place. LAPACK also swaps the rows of the
 * panels on the left of each step; here each L column block applies the later steps' interchanges once, at the
 * end. Outputs are tiled b x b: L (m x k, unit lower), U (k x n), P (m x m, made from the permutation on demand),
 * k = min(m, n). Singular matrices are factored (U has an exact zero on its diagonal), as SciPy's lu.
 *
 * <p>The panel width b is the tile, capped so that the two panels of an update task (m x b each) fit the block
 * budget: {@code b <= BLOCK_BUDGET_BYTES / (2 · m · itemsize)}. A matrix too tall for a panel of width 1 is
 * rejected.
 */
final class BlockedLu {
    private BlockedLu() {
    }

    /** The factors and what the solvers need besides them: the permutation task and the tiles. */
    record Factors(ChunkedArray p, ChunkedArray l, ChunkedArray u, Graph graph, Key permutation, long[] rowTiles) {
    }

    /** The panel width for an m-row matrix and the requested tile. */
    static long panelWidth(long m, long tile, int itemSize) {
        long widest = Linalg.BLOCK_BUDGET_BYTES / (2 * Math.max(1, m) * itemSize);
        if (widest < 1) {
            throw new IllegalArgumentException("a is too tall for blocked LU: " + m + " rows need "
                    + 2 * m * itemSize + " bytes for two panels of one column; expected at most "
                    + Linalg.BLOCK_BUDGET_BYTES + " bytes (Linalg.BLOCK_BUDGET_BYTES); use lstsq for tall systems");
        }
        return Math.max(1, Math.min(tile, widest));
    }

    /** P, L, U of the m x n floating {@code x}, panels and tiles of {@code panelWidth(m, tile)}. */
    static Linalg.LU lu(ChunkedArray x, long tile) {
        Factors f = factor(x, tile);
        return new Linalg.LU(f.p(), f.l(), f.u());
    }

    static Factors factor(ChunkedArray x, long tile) {
        Tiles.register();
        long m = x.shape(0);
        long n = x.shape(1);
        long k = Math.min(m, n);
        long b = panelWidth(m, tile, x.dtype().itemSize());
        long[] colPanels = Tiles.split(n, b);
        long[] colOffsets = Tiles.offsets(colPanels);
        long[] kTiles = Tiles.split(k, b);
        long[] mTiles = Tiles.split(m, b);
        long[] mOffsets = Tiles.offsets(mTiles);
        int panels = colPanels.length;
        int steps = kTiles.length;
        DataType type = x.dtype().nd4j();
        ChunkedArray a = Tiles.rechunk(x, new long[] {m}, colPanels);
        String in = a.name();
        String token = Tokens.name("lu", b, in).substring("lu-".length());
        String toPanel = "lu-panel-" + token;
        String updated = "lu-update-" + token;
        String factored = "lu-factor-" + token;
        String permName = "lu-perm-" + token;
        String lPanels = "lu-lower-" + token;
        String uName = "lu-u-" + token;
        String pName = "lu-p-" + token;

        GridLayer panelLayer = TaskLayer.of(toPanel, new int[] {panels}, idx -> new Key[] {Key.of(in, 0, idx[0])},
                (args, idx) -> TileKernels.toPanel((INDArray) args.get(0)));
        // A⁽ˢ⁾_j for 1 <= s <= min(j, K): the previous version updated with F_s-1.
        Layer updates = Tiles.partial(updated, new int[] {steps + 1, panels},
                idx -> idx[0] >= 1 && idx[0] <= Math.min(idx[1], steps),
                idx -> new Key[] {version(toPanel, updated, idx[0] - 1, idx[1]), Key.of(factored, idx[0] - 1)},
                (args, idx) -> {
                    INDArray c = Tiles.owned(args, 0);
                    TileKernels.updatePanelInPlace(c, (TileKernels.Panel) args.get(1));
                    return c;
                });
        GridLayer factors = TaskLayer.of(factored, new int[] {steps},
                idx -> new Key[] {version(toPanel, updated, idx[0], idx[0])},
                (args, idx) -> TileKernels.factorPanelInPlace(Tiles.owned(args, 0), (int) colOffsets[idx[0]]));
        Key[] allFactors = new Key[steps];
        for (int s = 0; s < steps; s++) {
            allFactors[s] = Key.of(factored, s);
        }
        GridLayer perm = TaskLayer.of(permName, new int[] {1}, idx -> allFactors.clone(),
                (args, idx) -> TileKernels.permutation((int) m, panelArgs(args, 0)));
        GridLayer lower = TaskLayer.of(lPanels, new int[] {1, steps},
                idx -> Arrays.copyOfRange(allFactors, idx[1], steps),
                (args, idx) -> {
                    List<TileKernels.Panel> all = panelArgs(args, 0);
                    return TileKernels.lowerPanel(all.get(0), (int) kTiles[idx[1]], all.subList(1, all.size()));
                });
        GridLayer upper = TaskLayer.of(uName, new int[] {steps, panels},
                idx -> idx[0] > idx[1] ? new Key[0]
                        : new Key[] {finalPanel(toPanel, updated, factored, idx[1], steps)},
                (args, idx) -> {
                    int i = idx[0];
                    int j = idx[1];
                    if (i > j) {
                        return TileKernels.zeros(type, kTiles[i], colPanels[j]);
                    }
                    Object v = args.get(0);
                    INDArray data = v instanceof TileKernels.Panel p ? p.data() : (INDArray) v;
                    return TileKernels.upperTile(data, (int) colOffsets[i], (int) kTiles[i], i == j);
                });
        GridLayer pLayer = TaskLayer.of(pName, new int[] {mTiles.length, mTiles.length},
                idx -> new Key[] {Key.of(permName, 0)},
                (args, idx) -> TileKernels.permutationTile(type, (int[]) args.get(0), mOffsets[idx[0]],
                        (int) mTiles[idx[0]], mOffsets[idx[1]], (int) mTiles[idx[1]], false));

        Graph core = Graph.of(factors, Graph.of(updates, Graph.of(panelLayer, a.graph())));
        Graph graph = Graph.of(pLayer, Graph.of(upper, Graph.of(lower, Graph.of(perm, core))));
        ChunkedArray lByPanels = ChunkedArray.fromGraph(graph, lPanels,
                new ChunkGrid(new long[] {m, k}, new long[][] {{m}, kTiles}), x.dtype());
        ChunkedArray l = lByPanels.rechunk(Chunks.explicit(mTiles, kTiles));
        ChunkedArray u = ChunkedArray.fromGraph(graph, uName,
                new ChunkGrid(new long[] {k, n}, new long[][] {kTiles, colPanels}), x.dtype());
        ChunkedArray p = ChunkedArray.fromGraph(graph, pName,
                new ChunkGrid(new long[] {m, m}, new long[][] {mTiles, mTiles}), x.dtype());
        return new Factors(p, l, u, graph, Key.of(permName, 0), mTiles);
    }

    /**
     * X with {@code A X = B} for a square a: blocked LU, then {@code Pᵀ B} (a gather of rows), forward substitution
     * with L (unit) and back substitution with U, which rejects an exactly zero pivot naming its global index.
     */
    static ChunkedArray solve(ChunkedArray a, ChunkedArray b, long tile) {
        Factors f = factor(a, tile);
        ChunkedArray pb = permuted(f, BlockedTriangular.rowTiles(b, f.rowTiles()));
        return substitute(f, pb);
    }

    /**
     * A⁻¹ of a square a, as LAPACK's getri but in tiles: {@code A⁻¹ = U⁻¹ L⁻¹ Pᵀ}. Y = L⁻¹ by a forward solve against
     * the identity that skips its zero tiles (n³/3 flops), X = U⁻¹ Y by back substitution (n³), then the columns
     * are permuted ({@code A⁻¹[:, perm[c]] = X[:, c]}): 2n³ with the factorization, as getrf + getri, where solving
     * against the dense Pᵀ would cost 8n³/3.
     */
    static ChunkedArray inv(ChunkedArray a, long tile) {
        Factors f = factor(a, tile);
        long n = a.shape(0);
        long[] tiles = f.rowTiles();
        ChunkedArray identity = ChunkedArray.eye(n, n, 0, a.dtype(), Chunks.explicit(tiles, tiles));
        ChunkedArray y = BlockedTriangular.solveTiled(f.l(), identity, true, false, true,
                TileKernels.ZeroPivot.LU_FACTOR, true);
        ChunkedArray x = BlockedTriangular.solveTiled(f.u(), y, false, false, false, TileKernels.ZeroPivot.LU_FACTOR);
        return permutedColumns(f, x);
    }

    /** {@code X Pᵀ}: column {@code perm[c]} of the result is column c of X; X in square tiles. */
    private static ChunkedArray permutedColumns(Factors f, ChunkedArray x) {
        long[] cols = x.chunks()[1];
        long[] offsets = Tiles.offsets(cols);
        long[] starts = Arrays.copyOf(offsets, cols.length);
        int count = cols.length;
        Key perm = f.permutation();
        String in = x.name();
        String name = Tokens.name("lu-permute-columns", perm.name(), in);
        GridLayer layer = TaskLayer.of(name, x.numBlocks(), idx -> {
            Key[] keys = new Key[count + 1];
            keys[0] = perm;
            for (int s = 0; s < count; s++) {
                keys[s + 1] = Key.of(in, idx[0], s);
            }
            return keys;
        }, (args, idx) -> {
            INDArray[] blocks = new INDArray[count];
            for (int s = 0; s < count; s++) {
                blocks[s] = (INDArray) args.get(s + 1);
            }
            return TileKernels.gatherColumns((int[]) args.get(0), offsets[idx[1]], (int) cols[idx[1]], blocks,
                    starts);
        });
        return ChunkedArray.fromGraph(Graph.of(layer, f.graph(), x.graph()), name,
                new ChunkGrid(x.shape(), x.chunks()), x.dtype());
    }

    /** {@code Pᵀ B} (rows {@code B[perm[r]]}) with B's grid; B's row chunks must be the factors' row tiles. */
    private static ChunkedArray permuted(Factors f, ChunkedArray b) {
        boolean vector = b.ndim() == 1;
        long[] rows = b.chunks()[0];
        long[] offsets = Tiles.offsets(rows);
        long[] starts = Arrays.copyOf(offsets, rows.length);
        int count = rows.length;
        int columns = vector ? 1 : b.numBlocks()[1];
        Key perm = f.permutation();
        String in = b.name();
        String name = Tokens.name("lu-permute", perm.name(), in);
        int[] box = vector ? new int[] {count} : new int[] {count, columns};
        GridLayer layer = TaskLayer.of(name, box, idx -> {
            Key[] keys = new Key[count + 1];
            keys[0] = perm;
            for (int s = 0; s < count; s++) {
                keys[s + 1] = vector ? Key.of(in, s) : Key.of(in, s, idx[1]);
            }
            return keys;
        }, (args, idx) -> {
            INDArray[] blocks = new INDArray[count];
            for (int s = 0; s < count; s++) {
                blocks[s] = (INDArray) args.get(s + 1);
            }
            return TileKernels.gatherRows((int[]) args.get(0), offsets[idx[0]], (int) rows[idx[0]], blocks, starts);
        });
        return ChunkedArray.fromGraph(Graph.of(layer, f.graph(), b.graph()), name,
                new ChunkGrid(b.shape(), b.chunks()), b.dtype());
    }

    private static ChunkedArray substitute(Factors f, ChunkedArray pb) {
        ChunkedArray y = BlockedTriangular.solveTiled(f.l(), pb, true, false, true, TileKernels.ZeroPivot.LU_FACTOR);
        return BlockedTriangular.solveTiled(f.u(), y, false, false, false, TileKernels.ZeroPivot.LU_FACTOR);
    }

    private static List<TileKernels.Panel> panelArgs(org.tessella.scheduler.TaskArgs args, int from) {
        List<TileKernels.Panel> out = new ArrayList<>(args.size() - from);
        for (int i = from; i < args.size(); i++) {
            out.add((TileKernels.Panel) args.get(i));
        }
        return out;
    }

    /** The key of {@code A⁽ˢ⁾_j}: the column-major input panel for s = 0. */
    private static Key version(String toPanel, String updated, int s, int j) {
        return s == 0 ? Key.of(toPanel, j) : Key.of(updated, s, j);
    }

    /** The last state of panel j: its factorization F_j, or (columns beyond min(m, n)) its last update. */
    private static Key finalPanel(String toPanel, String updated, String factored, int j, int steps) {
        return j < steps ? Key.of(factored, j) : version(toPanel, updated, steps, j);
    }
}
