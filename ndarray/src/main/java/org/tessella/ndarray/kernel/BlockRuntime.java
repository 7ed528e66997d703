package org.tessella.ndarray.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.scheduler.NativeThreads;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.ValueHandler;

/**
 * Connects blocks to the scheduler: sizes and releases {@code INDArray} results through the
 * {@link BlockPool}, and limits ND4J's OpenMP and OpenBLAS threads to {@code cores / workers}.
 */
public final class BlockRuntime implements ValueHandler {
    private static volatile boolean installed;

    private BlockRuntime() {
    }

    /** Registers the block handler and the native thread limiter; idempotent. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (BlockRuntime.class) {
            if (installed) {
                return;
            }
            Schedulers.registerValueHandler(INDArray.class, new BlockRuntime());
            NativeThreads.install(BlockRuntime::limitThreads);
            installed = true;
        }
    }

    static void limitThreads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    @Override
    public long sizeOf(Object value) {
        return BlockPool.sizeOf((INDArray) value);
    }

    @Override
    public boolean isView(Object value) {
        return ((INDArray) value).isView();
    }

    @Override
    public void release(Object value) {
        BlockPool.release((INDArray) value);
    }
}
