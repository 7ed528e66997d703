package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockRuntime;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Task;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Turns arrays into values. {@code compute} streams: a store task per block copies the block into
 * the preallocated result as soon as the block exists, so the block is released at once and the
 * peak is the result plus a few blocks (not every block plus the result). A single-block array
 * returns its block directly (copied if it is a view, so the caller owns it).
 */
final class Evaluation {
    private Evaluation() {
    }

    static List<INDArray> compute(Scheduler scheduler, List<ChunkedArray> arrays) {
        BlockRuntime.install();
        List<Graph> graphs = new ArrayList<>();
        List<Key> outputs = new ArrayList<>();
        INDArray[] results = new INDArray[arrays.size()];
        int[] single = new int[arrays.size()];
        for (int i = 0; i < arrays.size(); i++) {
            ChunkedArray x = arrays.get(i);
            graphs.add(x.graph());
            if (x.grid().totalBlocks() == 1) {
                single[i] = outputs.size();
                outputs.add(x.blockKey(new int[x.ndim()]));
                continue;
            }
            single[i] = -1;
            INDArray result = Regions.fresh(x.dtype().nd4j(), x.shape());
            results[i] = result;
            String storeName = Tokens.unique("store");
            ChunkGrid grid = x.grid();
            String src = x.name();
            GridLayer layer = new GridLayer(storeName, grid.numBlocks(), idx -> new Key[] {Key.of(src, idx)},
                    (args, idx) -> {
                        INDArray block = (INDArray) args.get(0);
                        Regions.copy(block, new long[idx.length], result, grid.blockOffset(idx), grid.blockShape(idx));
                        return Boolean.TRUE;
                    }, false, false);
            graphs.add(Graph.of(layer));
            outputs.addAll(layer.keys());
        }
        Scheduler.Result r = scheduler.compute(Graph.merge(graphs.toArray(new Graph[0])), outputs);
        List<INDArray> out = new ArrayList<>(arrays.size());
        Set<INDArray> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < arrays.size(); i++) {
            if (single[i] >= 0) {
                INDArray block = (INDArray) r.value(single[i]);
                // copied if the caller could otherwise share it: a view, wrapped or persisted data, or
                // the same block asked for twice (compute(x, x))
                boolean copy = block.isView() || mayAlias(arrays.get(i), new int[arrays.get(i).ndim()])
                        || !handedOut.add(block);
                out.add(copy ? block.dup('c') : block);
            } else {
                out.add(results[i]);
            }
        }
        return out;
    }

    /**
     * True if block {@code idx} of {@code x} may share memory with something the caller does not
     * own: literal graph data (persisted blocks) or the result of a task that aliases its inputs
     * (e.g. {@code fromArray} of a single chunk hands out the wrapped array itself, which is not a
     * view). Such blocks are copied before they are handed out.
     */
    private static boolean mayAlias(ChunkedArray x, int[] idx) {
        Layer l = x.graph().layer(x.name());
        if (l instanceof DataLayer) {
            return true;
        }
        Task t = l.task(idx);
        return t != null && t.aliasesInputs();
    }

    /** Computes every block and keeps them in memory as a new array with the same name. */
    static ChunkedArray persist(Scheduler scheduler, ChunkedArray x) {
        BlockRuntime.install();
        Layer layer = x.graph().layer(x.name());
        List<Key> keys = layer.keys();
        Scheduler.Result r = scheduler.compute(x.graph(), keys);
        List<Task> tasks = new ArrayList<>(keys.size());
        boolean data = layer instanceof DataLayer;
        for (int i = 0; i < keys.size(); i++) {
            INDArray block = (INDArray) r.value(i);
            boolean alias = !data && (block.isView() || mayAlias(x, keys.get(i).index()));
            tasks.add(Task.data(keys.get(i), alias ? block.dup('c') : block));
        }
        return new ChunkedArray(Graph.of(new DataLayer(x.name(), tasks)), x.name(), x.grid(), x.dtype());
    }

    /** Blocks held in memory (persisted or wrapped): literal graph data. */
    static final class DataLayer implements Layer {
        private final Layer delegate;
        private final String name;

        DataLayer(String name, List<Task> tasks) {
            this.name = name;
            this.delegate = Layer.of(name, tasks);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Task task(int[] index) {
            return delegate.task(index);
        }

        @Override
        public List<Key> keys() {
            return delegate.keys();
        }
    }
}
