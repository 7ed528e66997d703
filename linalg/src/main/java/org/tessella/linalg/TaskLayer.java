package org.tessella.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Task;
import org.tessella.scheduler.TaskArgs;

/**
 * A layer of linalg block tasks (the counterpart of ndarray's package-private {@code BlockLayer}): for each block
 * index, the keys it reads and the function that makes its value. Tasks are made only when the scheduler asks, so
 * building a TSQR tree over a million blocks costs nothing per block. Never fusible: every task here is a
 * factorization or a product, which must not be folded into a serial chain.
 */
final class TaskLayer implements Layer {
    /** The body of one task. */
    @FunctionalInterface
    interface Body {
        Object apply(TaskArgs args, int[] index) throws Exception;
    }

    private final String name;
    private final int[] numBlocks;
    private final Function<int[], Key[]> args;
    private final Body body;

    TaskLayer(String name, int[] numBlocks, Function<int[], Key[]> args, Body body) {
        this.name = name;
        this.numBlocks = numBlocks.clone();
        this.args = args;
        this.body = body;
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
        return Task.builder(Key.of(name, idx), a -> body.apply(a, idx)).args(args.apply(idx)).build();
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
