package org.tessella.linalg;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.BlockOps;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkGrid;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Tall-and-skinny QR (Demmel et al., "Communication-optimal parallel and sequential QR", 2012) as a graph over one
 * column of blocks {@code A = [A_0; A_1; ...]}.
 *
 * <ol>
 *   <li>Level 0: {@code A_i = Q_i R_i} per block ({@code Kernels.qr}).</li>
 *   <li>Levels 1, 2, ...: groups of at most {@code fanIn} neighbouring R factors (balanced, as ndarray's trees) are
 *       stacked and factored, {@code [R_a; R_b; ...] = [P_a; P_b; ...] R_group} ({@code Kernels.qrStacked}),
 *       until one group remains; its R is the R of A.</li>
 *   <li>Back down: {@code M_top-child = P_child}, {@code M_node = P_node · M_parent}; block i of Q is
 *       {@code Q_i · M_i}.</li>
 * </ol>
 * With the kernels' convention diag(R) &gt;= 0 at every step, Q and R equal the single dense QR of A (full column
 * rank), whatever the chunking. Values of steps 1-2 are {@link Parts}; each block's Q piece and the M factors are
 * fresh arrays. Memory: level 0 holds Q_i until M_i exists, so a whole column of Q pieces is held at the moment the
 * tree finishes (as in dask); the tree itself holds at most {@code fanIn} R factors per group.
 */
final class Tsqr {
    /** R factors stacked per tree task (dask's {@code tsqr} uses one level; we recurse). */
    static final int DEFAULT_FAN_IN = 8;

    private Tsqr() {
    }

    /**
     * Q (same row chunks as {@code a}, one column chunk of min(m, n)) and R (min(m, n) x n, one block) of {@code a},
     * which must have one column of blocks and a floating dtype.
     */
    static Linalg.QR tsqr(ChunkedArray a, int fanIn) {
        Parts.register();
        if (a.numBlocks()[1] != 1) {
            throw new IllegalStateException("tsqr input has " + a.numBlocks()[1] + " column blocks; expected 1");
        }
        long m = a.shape(0);
        long n = a.shape(1);
        long k = Math.min(m, n);
        DType dtype = a.dtype();
        String token = Tokens.name("tsqr", a.name(), fanIn).substring("tsqr-".length());
        String in = a.name();
        int blocks = a.numBlocks()[0];

        // level 0: QR per block
        String level0 = "tsqr-qr0-" + token;
        GridLayer qr0 = TaskLayer.of(level0, new int[] {blocks}, idx -> new Key[] {Key.of(in, idx[0], 0)},
                (args, idx) -> {
                    Kernels.Qr f = Kernels.qr((INDArray) args.get(0));
                    return new Parts(f.q(), f.r());
                });
        Graph graph = Graph.of(qr0, a.graph());

        // levels up: counts[l] nodes at level l
        List<Integer> counts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        counts.add(blocks);
        names.add(level0);
        while (counts.get(counts.size() - 1) > 1) {
            int prev = counts.get(counts.size() - 1);
            int groups = (prev + fanIn - 1) / fanIn;
            String from = names.get(names.size() - 1);
            String name = "tsqr-st" + counts.size() + "-" + token;
            GridLayer st = TaskLayer.of(name, new int[] {groups}, idx -> {
                int lo = groupStart(idx[0], prev, groups);
                int hi = groupStart(idx[0] + 1, prev, groups);
                Key[] keys = new Key[hi - lo];
                for (int j = lo; j < hi; j++) {
                    keys[j - lo] = Key.of(from, j);
                }
                return keys;
            }, (args, idx) -> {
                List<INDArray> rs = new ArrayList<>(args.size());
                for (int i = 0; i < args.size(); i++) {
                    rs.add(((Parts) args.get(i)).last());
                }
                Kernels.StackedQr f = Kernels.qrStacked(rs);
                return new Parts(f.qPieces(), f.r());
            });
            graph = Graph.of(st, graph);
            counts.add(groups);
            names.add(name);
        }
        int top = counts.size() - 1;

        // R: a copy of the top node's R
        String topName = names.get(top);
        String rName = "tsqr-r-" + token;
        GridLayer rLayer = TaskLayer.of(rName, new int[] {1, 1}, idx -> new Key[] {Key.of(topName, 0)},
                (args, idx) -> BlockOps.copy(((Parts) args.get(0)).last()));
        ChunkedArray r = ChunkedArray.fromGraph(Graph.of(rLayer, graph), rName, ChunkGrid.single(new long[] {k, n}),
                dtype);

        // M factors down the tree
        String qName = "tsqr-q-" + token;
        ChunkGrid qGrid = new ChunkGrid(new long[] {m, k}, new long[][] {a.chunks()[0], {k}});
        if (top == 0) {
            GridLayer qLayer = TaskLayer.of(qName, new int[] {1, 1}, idx -> new Key[] {Key.of(level0, 0)},
                    (args, idx) -> BlockOps.copy(((Parts) args.get(0)).get(0)));
            return new Linalg.QR(ChunkedArray.fromGraph(Graph.of(qLayer, graph), qName, qGrid, dtype), r);
        }
        String parentM = null;
        for (int level = top - 1; level >= 0; level--) {
            int count = counts.get(level);
            int parents = counts.get(level + 1);
            String parentName = names.get(level + 1);
            String pm = parentM;
            String mName = "tsqr-m" + level + "-" + token;
            GridLayer mLayer = TaskLayer.of(mName, new int[] {count}, idx -> {
                int p = parentOf(idx[0], count, parents);
                return pm == null ? new Key[] {Key.of(parentName, p)}
                        : new Key[] {Key.of(parentName, p), Key.of(pm, p)};
            }, (args, idx) -> {
                int p = parentOf(idx[0], count, parents);
                INDArray piece = ((Parts) args.get(0)).get(idx[0] - groupStart(p, count, parents));
                return args.size() == 1 ? BlockOps.copy(piece) : Kernels.matmul(piece, (INDArray) args.get(1));
            });
            graph = Graph.of(mLayer, graph);
            parentM = mName;
        }
        String m0 = parentM;
        GridLayer qLayer = TaskLayer.of(qName, new int[] {blocks, 1},
                idx -> new Key[] {Key.of(level0, idx[0]), Key.of(m0, idx[0])},
                (args, idx) -> Kernels.matmul(((Parts) args.get(0)).get(0), (INDArray) args.get(1)));
        return new Linalg.QR(ChunkedArray.fromGraph(Graph.of(qLayer, graph), qName, qGrid, dtype), r);
    }

    /** First child of group {@code g} when {@code count} nodes split into {@code groups} balanced groups. */
    static int groupStart(int g, int count, int groups) {
        return (int) ((long) g * count / groups);
    }

    /** The group holding node {@code i}: constant time (the estimate is off by at most one). */
    static int parentOf(int i, int count, int groups) {
        int p = (int) ((long) i * groups / count);
        while (p + 1 < groups && groupStart(p + 1, count, groups) <= i) {
            p++;
        }
        while (p > 0 && groupStart(p, count, groups) > i) {
            p--;
        }
        return p;
    }
}
