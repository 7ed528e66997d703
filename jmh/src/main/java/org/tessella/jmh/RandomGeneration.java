package org.tessella.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.tessella.jmh.kernel.RandomFill;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.ThreadedScheduler;

/**
 * Random generation throughput: {@code RandomArrays.seeded(SEED).uniform(0, 1, ...)} or {@code standardNormal(...)}
 * over an n x n float64 array (default 20000 x 20000, 3.2 GB, in 2000 x 2000 chunks) with a threaded scheduler of
 * {@code workers} workers, reduced by {@code sum()} so that every block is generated, summed and released (the
 * array is never assembled). Baseline {@code nd4jFill}: ND4J's own {@code Nd4j.rand} / {@code Nd4j.randn} drawing
 * the same number of values into block-sized buffers on {@code workers} OpenMP threads, each block summed too
 * (see {@link RandomFill} for why blocks and not one n x n array).
 *
 * <p>Values per second: run with {@code -prof org.tessella.jmh.ValueRateProfiler} ({@code ·values.rate}, in
 * Mvalues/s; n² / time otherwise) and {@code -prof org.tessella.jmh.PeakMemoryProfiler} for memory.
 */
public class RandomGeneration extends AbstractBenchmark {
    /** {@code uniform} on [0, 1) or standard {@code normal}. */
    @Param({"uniform", "normal"})
    public String dist;
    /** Scheduler workers (Tessella) or ND4J threads (baseline). */
    @Param({"1", "2"})
    public int workers;
    /** Rows and columns. */
    @Param("20000")
    public long n;
    /** Rows and columns of a chunk. */
    @Param("2000")
    public long chunk;

    private ThreadedScheduler scheduler;
    private ChunkedArray sum;
    private RandomFill fill;

    /** The generated array's sum, lazily: {@code dist} over n x n in chunk x chunk blocks. */
    static ChunkedArray generatedSum(String dist, long n, long chunk) {
        RandomArrays random = RandomArrays.seeded(SEED);
        long[] shape = {n, n};
        Chunks chunks = Chunks.of(chunk, chunk);
        ChunkedArray x = switch (dist) {
            case "uniform" -> random.uniform(0, 1, shape, chunks);
            case "normal" -> random.standardNormal(shape, chunks);
            default -> throw new IllegalArgumentException("dist is unknown: '" + dist + "'; expected uniform or normal");
        };
        return x.sum();
    }

    @Setup(Level.Trial)
    public void setUp() {
        sum = generatedSum(dist, n, chunk);
        scheduler = Schedulers.threaded(workers);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.close();
        if (fill != null) {
            fill.close();
            fill = null;
        }
    }

    @Benchmark
    public double tessella() {
        return sum.compute(scheduler).getDouble(0);
    }

    @Benchmark
    public double nd4jFill() {
        if (fill == null) { // made on first use, so the tessella runs never touch ND4J's thread settings
            fill = new RandomFill(workers, SEED);
        }
        return fill.fillAndSum(n, chunk, dist.equals("normal"));
    }
}
