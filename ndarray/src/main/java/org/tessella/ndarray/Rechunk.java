package org.tessella.ndarray;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Changes an array's chunks: each output block is assembled from the input blocks it overlaps,
 * copying only the overlapping regions.
 *
 * <p><b>Two stages when the direct plan is all-to-all.</b> The direct plan has one dependency per
 * (output block, overlapped input block) pair. When both axes change drastically, e.g. (1000, 1) to
 * (1, 1000) chunks, every output block overlaps every input block: 10^6 edges and 10^6 one-element
 * copies for 2000 blocks; planning that graph alone took about 6 s. If the direct plan has more than
 * {@link #PLAN_THRESHOLD} times as many edges as the two grids have blocks, and going through an
 * intermediate grid whose chunk length on each changed axis is the geometric mean of the old and new
 * mean lengths (here (32, 32)) at least halves the edges, the rechunk runs in those two stages
 * (here 64 000 edges). The intermediate blocks hold the geometric mean of the old and new block
 * sizes, so they are never larger than the larger of the two.
 *
 * <p><b>Memory.</b> In such an all-to-all rechunk the first output block needs a piece of every input
 * block, so the whole input is in memory at once (whichever plan): peak about one array plus the
 * blocks in flight (measured 7.6 MiB for an 8 MB array, one stage or two). Only chunkings that
 * keep some axis whole stream in less.
 */
final class Rechunk {
    /** Edges per block above which a two-stage plan is considered (dask's rechunk threshold is 4 too). */
    static final double PLAN_THRESHOLD = 4;

    private Rechunk() {
    }

    static ChunkedArray rechunk(ChunkedArray x, ChunkGrid target) {
        ChunkGrid src = x.grid();
        if (src.equals(target)) {
            return x;
        }
        ChunkGrid mid = intermediate(src, target);
        if (mid != null) {
            return direct(direct(x, mid), target);
        }
        return direct(x, target);
    }

    /** The intermediate grid of a two-stage plan, or null when the direct plan is good enough. */
    static ChunkGrid intermediate(ChunkGrid src, ChunkGrid target) {
        double direct = edges(src, target);
        if (direct <= PLAN_THRESHOLD * (src.totalBlocks() + target.totalBlocks())) {
            return null;
        }
        int rank = src.ndim();
        long[][] chunks = new long[rank][];
        for (int a = 0; a < rank; a++) {
            long extent = src.shape(a);
            if (extent == 0 || Arrays.equals(src.chunks(a), target.chunks(a))) {
                chunks[a] = src.chunks(a);
                continue;
            }
            double oldMean = (double) extent / src.numBlocks(a);
            double newMean = (double) extent / target.numBlocks(a);
            long m = Math.max(1, Math.min(extent, Math.round(Math.sqrt(oldMean * newMean))));
            chunks[a] = Chunks.split(extent, m, a);
        }
        ChunkGrid mid = new ChunkGrid(src.shape(), chunks);
        if (mid.equals(src) || mid.equals(target)) {
            return null;
        }
        double staged = edges(src, mid) + edges(mid, target);
        return 2 * staged <= direct ? mid : null;
    }

    /** Dependencies of the direct plan: for each output block, the input blocks it overlaps. */
    static double edges(ChunkGrid src, ChunkGrid target) {
        double total = 1;
        for (int a = 0; a < src.ndim(); a++) {
            long sum = 0;
            for (int j = 0; j < target.numBlocks(a); j++) {
                long start = target.offset(a, j);
                long len = target.chunk(a, j);
                int lo = src.blockOf(a, start);
                int hi = len == 0 ? lo : src.blockOf(a, start + len - 1);
                sum += hi - lo + 1;
            }
            total *= sum;
        }
        return total;
    }

    private static ChunkedArray direct(ChunkedArray x, ChunkGrid target) {
        ChunkGrid src = x.grid();
        int rank = src.ndim();
        String name = Tokens.name("rechunk", x.name(), target.chunks());
        String in = x.name();
        GridLayer layer = new GridLayer(name, target.numBlocks(), idx -> {
            int[] lo = new int[rank];
            int[] hi = new int[rank];
            for (int a = 0; a < rank; a++) {
                long start = target.offset(a, idx[a]);
                long len = target.chunk(a, idx[a]);
                lo[a] = src.blockOf(a, start);
                hi[a] = len == 0 ? lo[a] : src.blockOf(a, start + len - 1);
            }
            return BlockBox.keys(in, lo, hi);
        }, (args, idx) -> {
            long[] outShape = target.blockShape(idx);
            long[] outOff = target.blockOffset(idx);
            INDArray out = BlockPool.allocate(x.dtype().nd4j(), outShape);
            for (int i = 0; i < args.size(); i++) {
                INDArray block = (INDArray) args.get(i);
                // recover the source block index from its offset inside the target block's range
                long[] srcOff = new long[rank];
                long[] dstOff = new long[rank];
                long[] srcStart = new long[rank];
                long[] len = new long[rank];
                int[] sIdx = new int[rank];
                sourceIndex(src, target, idx, i, sIdx);
                for (int a = 0; a < rank; a++) {
                    long bStart = src.offset(a, sIdx[a]);
                    long bEnd = bStart + src.chunk(a, sIdx[a]);
                    long s = Math.max(bStart, outOff[a]);
                    long e = Math.min(bEnd, outOff[a] + outShape[a]);
                    srcStart[a] = s - bStart;
                    dstOff[a] = s - outOff[a];
                    len[a] = e - s;
                    srcOff[a] = srcStart[a];
                }
                Regions.copy(block, srcOff, out, dstOff, len);
            }
            return out;
        }, true, false);
        return new ChunkedArray(Graph.of(layer, x.graph()), name, target, x.dtype());
    }

    /** The source block index of argument {@code i} of target block {@code idx} (same enumeration as the args). */
    private static void sourceIndex(ChunkGrid src, ChunkGrid target, int[] idx, int i, int[] out) {
        int rank = src.ndim();
        int[] lo = new int[rank];
        int[] count = new int[rank];
        for (int a = 0; a < rank; a++) {
            long start = target.offset(a, idx[a]);
            long len = target.chunk(a, idx[a]);
            lo[a] = src.blockOf(a, start);
            int hi = len == 0 ? lo[a] : src.blockOf(a, start + len - 1);
            count[a] = hi - lo[a] + 1;
        }
        for (int a = rank - 1; a >= 0; a--) {
            out[a] = lo[a] + i % count[a];
            i /= count[a];
        }
    }
}
