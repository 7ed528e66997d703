package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;

/**
 * Changes an array's chunks: each output block is assembled from the input blocks it overlaps,
 * copying only the overlapping regions.
 */
final class Rechunk {
    private Rechunk() {
    }

    static ChunkedArray rechunk(ChunkedArray x, ChunkGrid target) {
        ChunkGrid src = x.grid();
        if (src.equals(target)) {
            return x;
        }
        int rank = src.ndim();
        String name = Names.of("rechunk", x.name(), target.chunks());
        String in = x.name();
        BlockLayer layer = new BlockLayer(name, target.numBlocks(), idx -> {
            int[] lo = new int[rank];
            int[] hi = new int[rank];
            for (int a = 0; a < rank; a++) {
                long start = target.offset(a, idx[a]);
                long len = target.chunk(a, idx[a]);
                lo[a] = src.blockOf(a, start);
                hi[a] = len == 0 ? lo[a] : src.blockOf(a, start + len - 1);
            }
            List<Key> keys = new ArrayList<>();
            int[] cur = lo.clone();
            while (true) {
                keys.add(Key.of(in, cur));
                int a = rank - 1;
                while (a >= 0 && cur[a] == hi[a]) {
                    cur[a] = lo[a];
                    a--;
                }
                if (a < 0) {
                    break;
                }
                cur[a]++;
            }
            return keys.toArray(new Key[0]);
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
