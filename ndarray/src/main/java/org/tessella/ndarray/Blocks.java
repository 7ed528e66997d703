package org.tessella.ndarray;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockPool;

/**
 * Block memory for code that makes blocks ({@link BlockSource}s, custom kernels): allocation that
 * reuses released blocks' native buffers, and release. See {@link BlockPool} for ownership.
 */
public final class Blocks {
    private Blocks() {
    }

    /** An uninitialized C-order block, recycled from released blocks of the same size when possible. */
    public static INDArray allocate(DType dtype, long... shape) {
        return BlockPool.allocate(dtype.nd4j(), shape);
    }

    /** Gives a block's memory back; the block must not be used afterwards. Views are ignored. */
    public static void release(INDArray block) {
        BlockPool.release(block);
    }
}
