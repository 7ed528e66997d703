package org.tessella.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.PanelKernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.ndarray.Slice;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Tokens;

/**
 * Thin QR of a tall matrix whose R factor does not fit one block: block classical Gram-Schmidt with
 * re-orthogonalization and TSQR panels (BCGS2, Barlow and Smoktunowicz, "Reorthogonalized block classical
 * Gram-Schmidt", Numer. Math. 123, 2013), as lazy operations on {@link ChunkedArray}s.
 *
 * <p>A is cut into column panels {@code A_j} of {@link Blocking#qrPanel} columns (row blocks kept or cut to the
 * budget). With {@code Q_<j} the Q panels found so far, panel j is
 * <pre>
 *   S1 = Q_<jᵀ A_j,   [Q1, R1] = tsqr(A_j - Q_<j S1)           first pass
 *   S2 = Q_<jᵀ Q1,    [Q_j, R2] = tsqr(Q1 - Q_<j S2)            second pass ("twice is enough")
 *   R_<j,j = S1 + S2 R1,   R_jj = R2 R1
 * </pre>
 * so {@code A_j = Q_<j R_<j,j + Q_j R_jj} exactly in exact arithmetic. The second pass starts from the orthonormal
 * Q1 rather than from the first residual, which is what makes the loss of orthogonality O(eps) whenever
 * {@code κ(A) · eps < 1} (the cited paper). For rank-deficient panels the residual of the first pass is (nearly)
 * zero and Q1's columns are arbitrary completions that can lie inside span(Q_<j) (exactly so for a zero panel
 * after unit-vector panels): columns of Q1 whose row of R1 is negligible (at most {@code sqrt(m) · eps · ||A_j||})
 * carry nothing of A_j, so they are replaced by pseudo-random vectors (chunking-independent) before the second
 * pass, which then makes them orthogonal to Q_<j. Q stays orthonormal; {@code A - QR} changes by at most the
 * negligible rows.
 *
 * <p>The result: Q (m x n) with A's (possibly recut) row chunks and the panel widths as column chunks; R (n x n)
 * with the panel widths on both axes, upper triangular with exact zeros below the diagonal (R_jj is a product of
 * two upper triangular factors with its lower part zeroed, the blocks below are zeros), diag(R) &gt;= 0. For A of
 * full column rank both equal, to rounding, the dense QR with diag(R) &gt;= 0 (it is unique).
 */
final class BlockedQr {
    private BlockedQr() {
    }

    /** Q and R of a tall (m &gt;= n) floating matrix, blocked as {@code blocking} says. */
    static Linalg.QR qr(ChunkedArray a, Blocking blocking) {
        long m = a.shape(0);
        long n = a.shape(1);
        if (m < n) {
            throw new IllegalStateException("blocked QR needs m >= n; got shape " + Arrays.toString(a.shape()));
        }
        DType dtype = a.dtype();
        ChunkedArray x = panels(a, blocking);
        long[] widths = x.chunks()[1];
        int p = widths.length;
        double factor = Math.sqrt((double) m);
        List<ChunkedArray> qs = new ArrayList<>(p);
        List<ChunkedArray> rColumns = new ArrayList<>(p);
        long off = 0;
        for (int j = 0; j < p; j++) {
            long w = widths[j];
            ChunkedArray aj = p == 1 ? x : x.get(Slice.all(), Slice.of(off, off + w));
            ChunkedArray above = null;
            ChunkedArray rjj;
            if (j == 0) {
                Linalg.QR f = Tsqr.tsqr(aj, Tsqr.DEFAULT_FAN_IN);
                qs.add(f.q());
                rjj = f.r();
            } else {
                ChunkedArray prev = qs.size() == 1 ? qs.get(0) : ChunkedArray.concatenate(qs, 1);
                ChunkedArray prevT = prev.transpose();
                ChunkedArray s1 = prevT.matmul(aj);
                Linalg.QR f1 = Tsqr.tsqr(aj.sub(prev.matmul(s1)), Tsqr.DEFAULT_FAN_IN);
                ChunkedArray rest = s1.mul(s1).sum();
                ChunkedArray flags = Graphs.dense("bqr-negligible", List.of(f1.r(), rest), factor, new long[] {w},
                        dtype, blocks -> PanelKernels.negligibleRows(blocks[0], blocks[1], factor));
                ChunkedArray q1 = replaceColumns(f1.q(), flags, m, j);
                ChunkedArray s2 = prevT.matmul(q1);
                Linalg.QR f2 = Tsqr.tsqr(q1.sub(prev.matmul(s2)), Tsqr.DEFAULT_FAN_IN);
                above = s1.add(s2.matmul(f1.r()));
                rjj = Graphs.dense("bqr-rjj", List.of(f2.r(), f1.r()), null, new long[] {w, w}, dtype,
                        blocks -> PanelKernels.upperProduct(blocks[0], blocks[1]));
                qs.add(f2.q());
            }
            List<ChunkedArray> column = new ArrayList<>(3);
            if (above != null) {
                column.add(above);
            }
            column.add(rjj);
            if (j < p - 1) {
                long[] below = Arrays.copyOfRange(widths, j + 1, p);
                column.add(ChunkedArray.zeros(new long[] {n - off - w, w}, dtype,
                        Chunks.explicit(below, new long[] {w})));
            }
            rColumns.add(column.size() == 1 ? column.get(0) : ChunkedArray.concatenate(column, 0));
            off += w;
        }
        ChunkedArray q = p == 1 ? qs.get(0) : ChunkedArray.concatenate(qs, 1);
        ChunkedArray r = p == 1 ? rColumns.get(0) : ChunkedArray.concatenate(rColumns, 1);
        return new Linalg.QR(q, r);
    }

    /**
     * {@code a} cut into column panels of {@code blocking.qrPanel()} columns; its row chunks are kept when a row
     * block of a panel fits the budget, else rows are cut to the largest count that does.
     */
    static ChunkedArray panels(ChunkedArray a, Blocking blocking) {
        long m = a.shape(0);
        long n = a.shape(1);
        long item = a.dtype().itemSize();
        long w = Math.max(1, Math.min(blocking.qrPanel(), n));
        long[] rows = a.chunks()[0];
        long maxRows = 0;
        for (long r : rows) {
            maxRows = Math.max(maxRows, r);
        }
        if (maxRows * w * item > blocking.budgetBytes()) {
            rows = regular(m, Math.max(1, blocking.budgetBytes() / (w * item)));
        }
        return a.rechunk(Chunks.explicit(rows, regular(n, w)));
    }

    /** {@code extent} cut into pieces of {@code size}, the last one shorter. */
    static long[] regular(long extent, long size) {
        int count = (int) ((extent + size - 1) / size);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.min(size, extent - i * size);
        }
        return out;
    }

    /** {@code q} (one column of blocks) with the flagged columns replaced by seeded pseudo-random values. */
    private static ChunkedArray replaceColumns(ChunkedArray q, ChunkedArray flags, long totalRows, long seed) {
        String name = Tokens.name("bqr-replace", q.name(), flags.name(), seed);
        Key f = flags.blockKey(0);
        String in = q.name();
        long[] rowOffsets = new long[q.numBlocks()[0]];
        for (int i = 0; i < rowOffsets.length; i++) {
            rowOffsets[i] = q.grid().offset(0, i);
        }
        GridLayer layer = TaskLayer.of(name, q.numBlocks(), idx -> new Key[] {Key.of(in, idx), f},
                (args, idx) -> PanelKernels.replaceColumns((INDArray) args.get(0), (INDArray) args.get(1),
                        rowOffsets[idx[0]], totalRows, 0x5EED0000L + seed));
        return ChunkedArray.fromGraph(Graph.of(layer, q.graph(), flags.graph()), name, q.grid(), q.dtype());
    }
}
