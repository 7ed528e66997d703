package org.tessella.linalg;

import java.util.List;

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
 */
final class Parts {
    private static volatile boolean registered;

    private final INDArray[] arrays;

    Parts(INDArray... arrays) {
        this.arrays = arrays.clone();
    }

    Parts(List<INDArray> first, INDArray last) {
        this.arrays = new INDArray[first.size() + 1];
        for (int i = 0; i < first.size(); i++) {
            arrays[i] = first.get(i);
        }
        arrays[first.size()] = last;
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
                        long bytes = 0;
                        for (INDArray a : ((Parts) value).arrays) {
                            bytes += BlockPool.sizeOf(a);
                        }
                        return bytes;
                    }

                    @Override
                    public void release(Object value) {
                        for (INDArray a : ((Parts) value).arrays) {
                            Blocks.release(a);
                        }
                    }
                });
                registered = true;
            }
        }
    }
}
