package org.tessella.jmh.kernel;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The baseline of {@code RandomGeneration}: ND4J's own random fill ({@link Nd4j#rand(INDArray)} for uniform on
 * [0, 1), {@link Nd4j#randn(INDArray)} for the standard normal) of an n x n float64 array, block by block into
 * buffers allocated once, each block then summed as the Tessella side's {@code sum()} does.
 *
 * <p>Why blocks and not one preallocated n x n array: the same values are drawn either way, but a 3.2 GB
 * array (the default 20000 x 20000) held for the whole run would make the baseline's resident memory 3.2 GB
 * against Tessella's few blocks, and a fresh {@code Nd4j.rand(n, n)} per call would mostly measure page faults
 * (fresh native memory faults in at under 1 GB/s on this machine) rather than the generator. Block-sized
 * buffers also give both sides the same cache footprint. ND4J's random ops run on its OpenMP threads: {@link #RandomFill(int, long)} sets them
 * to the benchmark's worker count. Not thread-safe.
 */
public final class RandomFill implements AutoCloseable {
    /** Buffers by element count: at most four sizes for a 2-D grid with ragged last chunks. */
    private final Map<Long, INDArray> buffers = new HashMap<>();

    /** Limits ND4J to {@code threads} native threads and seeds its generator. */
    public RandomFill(int threads, long seed) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getRandom().setSeed(seed);
    }

    /**
     * Draws every block of an n x n array in {@code chunk} x {@code chunk} blocks ({@code normal}: standard normal,
     * else uniform on [0, 1)) and returns the sum of all values.
     */
    public double fillAndSum(long n, long chunk, boolean normal) {
        double total = 0;
        for (long r = 0; r < n; r += chunk) {
            long rows = Math.min(chunk, n - r);
            for (long c = 0; c < n; c += chunk) {
                long values = rows * Math.min(chunk, n - c);
                INDArray block = buffers.computeIfAbsent(values, v -> Nd4j.createUninitialized(DataType.DOUBLE, v));
                if (normal) {
                    Nd4j.randn(block);
                } else {
                    Nd4j.rand(block);
                }
                total += block.sumNumber().doubleValue();
            }
        }
        return total;
    }

    @Override
    public void close() {
        buffers.values().forEach(INDArray::close);
        buffers.clear();
    }
}
