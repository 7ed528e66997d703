package org.tessella.linalg;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.ValueHandler;

/**
 * The value of a task that makes several arrays at once (a block's Q and R, a stacked QR's pieces and R, an SVD's
 * U, s and Vᵀ). Tasks downstream read components with {@link #get} and always copy what they return, so a
 * {@code Parts} value owns its arrays alone: the registered {@link ValueHandler} counts their bytes and releases
 * them all (back to the block pool) the moment the scheduler drops the value.
 *
 * <p>One exception, for tasks that decide at run time to pass their inputs on unchanged (a Jacobi pair step after
 * convergence): {@link #sharing} makes a value whose components are other values' arrays, not copies. It keeps
 * those source values alive by a reference count: a source's arrays are freed when the scheduler has dropped it
 * and every value sharing it has been released too. Only the arrays a value owns count in its size, so shared
 * memory is counted once. Nothing ever writes into a component, shared or not.
 */
final class Parts {
    private static volatile boolean registered;

    private final INDArray[] arrays;
    /** Which components this value owns (and frees); the others belong to {@link #sources}. */
    private final boolean[] owned;
    private final Parts[] sources;
    /** One for the scheduler's reference, one per value sharing this one. */
    private final AtomicInteger references = new AtomicInteger(1);

    Parts(INDArray... arrays) {
        this.arrays = arrays.clone();
        this.owned = allTrue(arrays.length);
        this.sources = new Parts[0];
    }

    Parts(List<INDArray> first, INDArray last) {
        this.arrays = new INDArray[first.size() + 1];
        for (int i = 0; i < first.size(); i++) {
            arrays[i] = first.get(i);
        }
        arrays[first.size()] = last;
        this.owned = allTrue(arrays.length);
        this.sources = new Parts[0];
    }

    private Parts(INDArray[] arrays, boolean[] owned, Parts[] sources) {
        this.arrays = arrays;
        this.owned = owned;
        this.sources = sources;
    }

    /**
     * A value whose components are {@code arrays}: those with {@code owned[i]} belong to it, the others are
     * components of {@code sources} (distinct values), which stay alive until this value is released.
     */
    static Parts sharing(INDArray[] arrays, boolean[] owned, Parts... sources) {
        if (arrays.length != owned.length) {
            throw new IllegalStateException("arrays and owned differ in length: " + arrays.length + " vs "
                    + owned.length);
        }
        for (Parts s : sources) {
            s.references.incrementAndGet();
        }
        return new Parts(arrays.clone(), owned.clone(), sources.clone());
    }

    INDArray get(int i) {
        return arrays[i];
    }

    int size() {
        return arrays.length;
    }

    /** The last component (the R factor of a QR step). */
    INDArray last() {
        return arrays[arrays.length - 1];
    }

    /** Bytes of the arrays this value owns. */
    long ownedBytes() {
        long bytes = 0;
        for (int i = 0; i < arrays.length; i++) {
            if (owned[i]) {
                bytes += BlockPool.sizeOf(arrays[i]);
            }
        }
        return bytes;
    }

    /**
     * Drops one reference; the last one frees the owned arrays and drops this value's hold on its sources
     * (iteratively: chains of shared values are as long as the run of pass-through steps).
     */
    void release() {
        java.util.ArrayDeque<Parts> todo = new java.util.ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            Parts p = todo.pop();
            if (p.references.decrementAndGet() > 0) {
                continue;
            }
            for (int i = 0; i < p.arrays.length; i++) {
                if (p.owned[i]) {
                    Blocks.release(p.arrays[i]);
                }
            }
            for (Parts s : p.sources) {
                todo.push(s);
            }
        }
    }

    private static boolean[] allTrue(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** Registers the value handler for {@code Parts}; idempotent. */
    static void register() {
        if (registered) {
            return;
        }
        synchronized (Parts.class) {
            if (!registered) {
                Schedulers.registerValueHandler(Parts.class, new ValueHandler() {
                    @Override
                    public long sizeOf(Object value) {
                        return ((Parts) value).ownedBytes();
                    }

                    @Override
                    public void release(Object value) {
                        ((Parts) value).release();
                    }
                });
                registered = true;
            }
        }
    }
}
