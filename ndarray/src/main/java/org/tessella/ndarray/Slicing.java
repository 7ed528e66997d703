package org.tessella.ndarray;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.ndarray.kernel.Structure;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Basic NumPy indexing ({@code x[1:9:2, ::-1, 3]}). Along each axis the selected positions are cut
 * where the input's chunk boundaries fall, as dask does: each output block is the part of one input
 * block that the index keeps, blocks the index skips entirely are dropped, and for a negative step the
 * pieces come in reverse order. So every output task reads exactly one input block, and culling makes
 * a slice inside one block cost one block's worth of tasks.
 *
 * <p>Views where possible: with positive steps the task returns a strided view of its input block
 * ({@code aliasesInputs}). ND4J arrays cannot have negative strides, so an index with a negative step
 * over more than one element copies (into a pooled block, reversing with ND4J's {@code reverse}). An
 * empty result reads nothing: its blocks are made empty, with no dependencies.
 */
final class Slicing {
    private Slicing() {
    }

    /** Along one input axis: the pieces of the selection in output order, one per output block. */
    private record AxisPlan(boolean drop, long step, int[] block, long[] localStart, long[] count) {
    }

    static ChunkedArray get(ChunkedArray x, Slice[] slices) {
        if (slices == null) {
            throw new IllegalArgumentException("slices is null; expected Slice values");
        }
        int n = x.ndim();
        if (slices.length > n) {
            throw new IllegalArgumentException("slices has " + slices.length + " entries: " + Arrays.toString(slices)
                    + "; expected at most " + n + " (too many indices for an array of " + n + " dimensions)");
        }
        ChunkGrid src = x.grid();
        AxisPlan[] plans = new AxisPlan[n];
        boolean identity = true;
        boolean copy = false;
        boolean empty = false;
        StringBuilder canonical = new StringBuilder();
        for (int a = 0; a < n; a++) {
            Slice s = a < slices.length ? slices[a] : Slice.all();
            if (s == null) {
                throw new IllegalArgumentException("slices[" + a + "] is null; expected a Slice (Slice.all() for a whole axis)");
            }
            long[] r = s.resolve(src.shape(a), a);
            long first = r[0];
            long count = r[2];
            long step = count <= 1 ? 1 : r[1];
            plans[a] = plan(src, a, first, step, count, s.isIndex());
            identity &= !s.isIndex() && first == 0 && step == 1 && count == src.shape(a);
            copy |= step < 0;
            empty |= count == 0;
            canonical.append(s.isIndex() ? "i" : "s").append(first).append(':').append(step).append(':')
                    .append(count).append(',');
        }
        if (identity) {
            return x;
        }
        int outRank = 0;
        for (AxisPlan p : plans) {
            outRank += p.drop ? 0 : 1;
        }
        long[] shape = new long[outRank];
        long[][] chunks = new long[outRank][];
        int[] outAxis = new int[n];
        for (int a = 0, j = 0; a < n; a++) {
            outAxis[a] = plans[a].drop ? -1 : j;
            if (!plans[a].drop) {
                long[] c = plans[a].count;
                chunks[j] = c.length == 0 ? new long[] {0} : c.clone();
                shape[j] = Arrays.stream(c).sum();
                j++;
            }
        }
        ChunkGrid grid = new ChunkGrid(shape, chunks);
        DType dtype = x.dtype();
        String name = Tokens.name("getitem", x.name(), canonical.toString());
        if (empty) {
            GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[0],
                    (args, idx) -> BlockPool.allocate(dtype.nd4j(), grid.blockShape(idx)), true, false);
            return new ChunkedArray(Graph.of(layer), name, grid, dtype);
        }
        String in = x.name();
        boolean asCopy = copy;
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> {
            int[] inIdx = new int[n];
            for (int a = 0; a < n; a++) {
                inIdx[a] = plans[a].block[outAxis[a] < 0 ? 0 : idx[outAxis[a]]];
            }
            return new Key[] {Key.of(in, inIdx)};
        }, (args, idx) -> {
            long[] start = new long[n];
            long[] step = new long[n];
            long[] count = new long[n];
            boolean[] drop = new boolean[n];
            for (int a = 0; a < n; a++) {
                AxisPlan p = plans[a];
                int piece = outAxis[a] < 0 ? 0 : idx[outAxis[a]];
                start[a] = p.localStart[piece];
                step[a] = p.step;
                count[a] = p.count[piece];
                drop[a] = p.drop;
            }
            INDArray block = (INDArray) args.get(0);
            return asCopy ? Structure.sliceCopy(block, start, step, count, drop)
                    : Structure.sliceView(block, start, step, count, drop);
        }, true, !asCopy);
        return new ChunkedArray(Graph.of(layer, x.graph()), name, grid, dtype);
    }

    /**
     * Cuts the positions {@code first + k * step} ({@code k < count}) of axis {@code a} at the input's
     * chunk boundaries, walking the blocks in the direction of the step and skipping blocks that hold
     * no selected position.
     */
    private static AxisPlan plan(ChunkGrid src, int a, long first, long step, long count, boolean drop) {
        if (count == 0) {
            return new AxisPlan(drop, step, new int[0], new long[0], new long[0]);
        }
        long last = first + (count - 1) * step;
        int from = src.blockOf(a, first);
        int to = src.blockOf(a, last);
        int dir = step > 0 ? 1 : -1;
        int span = Math.abs(to - from) + 1;
        int[] block = new int[span];
        long[] local = new long[span];
        long[] counts = new long[span];
        int pieces = 0;
        for (int b = from; b != to + dir; b += dir) {
            long b0 = src.offset(a, b);
            long b1 = src.offset(a, b + 1);
            long k0;
            long k1;
            if (step > 0) {
                k0 = Math.max(0, ceilDiv(b0 - first, step));
                k1 = Math.min(count, ceilDiv(b1 - first, step));
            } else {
                long s = -step;
                k0 = Math.max(0, Math.floorDiv(first - b1, s) + 1);
                k1 = Math.min(count, Math.floorDiv(first - b0, s) + 1);
            }
            if (k1 > k0) {
                block[pieces] = b;
                local[pieces] = first + k0 * step - b0;
                counts[pieces] = k1 - k0;
                pieces++;
            }
        }
        return new AxisPlan(drop, step, Arrays.copyOf(block, pieces), Arrays.copyOf(local, pieces),
                Arrays.copyOf(counts, pieces));
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
