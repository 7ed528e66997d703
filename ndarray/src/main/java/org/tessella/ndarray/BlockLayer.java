package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Task;

/**
 * The one layer every array operation builds: for each block index of a grid, the keys it reads
 * ({@code args}) and the kernel that makes it. Tasks are created only when the scheduler asks for
 * them, so building an operation costs nothing per block.
 */
final class BlockLayer implements Layer {
    private final String name;
    private final int[] numBlocks;
    private final Function<int[], Key[]> args;
    private final BlockKernel kernel;
    private final boolean fusible;
    private final boolean aliases;

    BlockLayer(String name, int[] numBlocks, Function<int[], Key[]> args, BlockKernel kernel,
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
