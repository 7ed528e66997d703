package org.tessella.examples;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.examples.kernel.UniformFill;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * Deterministic pseudo-random float64 arrays for the demo and the benchmarks, generated block by
 * block so that arrays far larger than memory cost nothing until computed. Element {@code i} (flat
 * C-order index) depends only on the seed and {@code i}, so every chunking gives the same array and
 * {@link #uniformDense} gives the dense reference for baselines.
 *
 * <p>The generator is SplitMix64 over the index: fast (about 3 ns per element), well mixed, but not
 * tested as a statistical source. The random module's {@code RandomArrays.seeded(seed).uniform(...)}
 * replaces this class once it is merged.
 */
public final class SyntheticArrays {
    private SyntheticArrays() {
    }

    /** Uniform values in [0, 1), float64, cut into {@code chunks}; one source task per block. */
    public static ChunkedArray uniform(long seed, long[] shape, Chunks chunks) {
        long[] s = shape == null ? null : shape.clone();
        return ChunkedArray.fromBlocks("synthetic_uniform", "seed=" + seed, s, chunks, DType.FLOAT64,
                block -> UniformFill.block(seed, s, block.offset(), block.shape()));
    }

    /** Element {@code index} (flat, C order) of every array made by {@link #uniform} with this seed. */
    public static double uniformValue(long seed, long index) {
        return UniformFill.value(seed, index);
    }

    /** The same values as {@link #uniform} with this seed and shape, as one dense C-order array. */
    public static INDArray uniformDense(long seed, long... shape) {
        return UniformFill.dense(seed, shape.clone());
    }
}
