package org.tessella.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A layer of tasks over a grid of indices: for each index, the keys its task reads ({@code args})
 * and the body that makes its value. Every array operation (ndarray) and every block algorithm
 * (linalg) builds its graph from these. Tasks are created only when the scheduler asks for them, so
 * a layer of a million blocks costs nothing to build. This class is immutable.
 */
public final class GridLayer implements Layer {
    /** The body of one task: computes the value at {@code index} from the argument values. */
    @FunctionalInterface
    public interface Body {
        Object apply(TaskArgs args, int[] index) throws Exception;
    }

    private final String name;
    private final int[] numBlocks;
    private final Function<int[], Key[]> args;
    private final Body kernel;
    private final boolean fusible;
    private final boolean aliases;

    /**
     * @param name      the name every key of this layer carries
     * @param numBlocks the grid of indices, one extent per axis
     * @param args      the argument keys of the task at an index
     * @param kernel    the task body
     * @param fusible   blockwise work that may be inlined into its only dependent
     * @param aliases   values may share memory with their arguments (views)
     */
    public GridLayer(String name, int[] numBlocks, Function<int[], Key[]> args, Body kernel,
                     boolean fusible, boolean aliases) {
        this.name = name;
        this.numBlocks = numBlocks.clone();
        this.args = args;
        this.kernel = kernel;
        this.fusible = fusible;
        this.aliases = aliases;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Task task(int[] index) {
        if (index.length != numBlocks.length) {
            return null;
        }
        for (int a = 0; a < index.length; a++) {
            if (index[a] < 0 || index[a] >= numBlocks[a]) {
                return null;
            }
        }
        int[] idx = index.clone();
        Task.Builder b = Task.builder(Key.of(name, idx), a -> kernel.apply(a, idx)).args(args.apply(idx));
        if (fusible) {
            b.fusible();
        }
        if (aliases) {
            b.aliasesInputs();
        }
        return b.build();
    }

    @Override
    public List<Key> keys() {
        long total = 1;
        for (int n : numBlocks) {
            total *= n;
        }
        List<Key> keys = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE));
        int[] idx = new int[numBlocks.length];
        for (long f = 0; f < total; f++) {
            keys.add(Key.of(name, idx));
            for (int a = idx.length - 1; a >= 0; a--) {
                if (++idx[a] < numBlocks[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return keys;
    }
}
