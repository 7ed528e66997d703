package org.tessella.hdf5;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.kernel.BlockWriter;
import org.tessella.hdf5.kernel.DatasetSink;
import org.tessella.ndarray.ChunkGrid;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Task;

/**
 * One store task per block of an array: depends on the block's key, writes the block into its dataset, and
 * returns {@code Boolean.TRUE} (the block itself is released by the scheduler once written). Tasks are made
 * only when asked for, like every array layer.
 */
final class StoreLayer implements Layer {
    private final String name;
    private final ChunkedArray source;
    private final ChunkGrid grid;
    private final DatasetSink sink;

    StoreLayer(String name, ChunkedArray source, DatasetSink sink) {
        this.name = name;
        this.source = source;
        this.grid = source.grid();
        this.sink = sink;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Task task(int[] index) {
        int[] n = grid.numBlocks();
        if (index.length != n.length) {
            return null;
        }
        for (int a = 0; a < n.length; a++) {
            if (index[a] < 0 || index[a] >= n[a]) {
                return null;
            }
        }
        int[] idx = index.clone();
        long[] offset = grid.blockOffset(idx);
        return Task.of(Key.of(name, idx), args -> {
            BlockWriter.write(sink, args.get(0, INDArray.class), offset);
            return Boolean.TRUE;
        }, source.blockKey(idx));
    }

    @Override
    public List<Key> keys() {
        int[] n = grid.numBlocks();
        long total = grid.totalBlocks();
        List<Key> keys = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE));
        int[] idx = new int[n.length];
        for (long f = 0; f < total; f++) {
            keys.add(Key.of(name, idx));
            for (int a = idx.length - 1; a >= 0; a--) {
                if (++idx[a] < n[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return keys;
    }
}
