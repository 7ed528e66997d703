package org.tessella.random.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * A {@link Distribution} bound to a seed: the values of an array of any shape, element by element, as a pure
 * function of {@code (seed, distribution, flat C-order index)}. Filling a block, a run or the whole array in any
 * order and on any thread gives bit-identical values, which is what makes random arrays independent of their
 * chunking and of the scheduler.
 *
 * <p>Generation: Philox4x64-10 keyed by {@code (seed, family stream)}. Flat families (uniform, exponential,
 * binomial/Poisson with mean below 10: exactly one word; normal, lognormal, integers, choice: one word, rarely
 * more) start from one 64-bit word per element, the word of element {@code i} being word {@code i mod 4} of the
 * application at counter {@code i / 4}; rejection families (gamma, beta, chi-square, binomial/Poisson with
 * mean 10 or more), and flat draws that need more than their word, use the element's own sub-stream at
 * counters {@code (i, j)}.
 *
 * <p>float64 output is the draw itself; float32 output is its rounding (uniform also kept below {@code high});
 * int64 output is for the integral families. Asking a continuous distribution for int64 values, or an integral
 * one for floating-point values, is an {@link IllegalArgumentException}.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Sampler {

    private final long seed;
    private final Distribution distribution;
    private final Kernel kernel;

    private Sampler(long seed, Distribution distribution) {
        this.seed = seed;
        this.distribution = distribution;
        this.kernel = distribution.kernel(seed);
    }

    /** The values of {@code distribution} for {@code seed}. */
    public static Sampler of(long seed, Distribution distribution) {
        if (distribution == null) {
            throw new IllegalArgumentException("distribution is null; expected a Distribution");
        }
        return new Sampler(seed, distribution);
    }

    public long seed() {
        return seed;
    }

    public Distribution distribution() {
        return distribution;
    }

    /** float64 values of the flat indices {@code start .. start + len - 1} into {@code dst[off ..]}. */
    public void fill(long start, double[] dst, int off, int len) {
        checkRun(start, dst.length, off, len);
        continuous("double[]").fill(start, dst, off, len);
    }

    /** float32 values (the rounding of the float64 draws) of the flat indices {@code start ..}. */
    public void fill(long start, float[] dst, int off, int len) {
        checkRun(start, dst.length, off, len);
        continuous("float[]").fill(start, dst, off, len);
    }

    /** int64 values of the flat indices {@code start .. start + len - 1} (integral families only). */
    public void fill(long start, long[] dst, int off, int len) {
        checkRun(start, dst.length, off, len);
        integral("long[]").fill(start, dst, off, len);
    }

    /**
     * Fills {@code dst[0 .. count - 1]} with the block at {@code offset} of extent {@code blockShape} of an array
     * of {@code shape}, in C order.
     */
    public void fillBlock(long[] shape, long[] offset, long[] blockShape, double[] dst) {
        checkBlock(BlockRuns.count(shape, offset, blockShape), dst.length);
        Kernel.Continuous k = continuous("double[]");
        BlockRuns.forEach(shape, offset, blockShape, (start, at, len) -> k.fill(start, dst, at, len));
    }

    /** As {@link #fillBlock(long[], long[], long[], double[])}, float32 values. */
    public void fillBlock(long[] shape, long[] offset, long[] blockShape, float[] dst) {
        checkBlock(BlockRuns.count(shape, offset, blockShape), dst.length);
        Kernel.Continuous k = continuous("float[]");
        BlockRuns.forEach(shape, offset, blockShape, (start, at, len) -> k.fill(start, dst, at, len));
    }

    /** As {@link #fillBlock(long[], long[], long[], double[])}, int64 values. */
    public void fillBlock(long[] shape, long[] offset, long[] blockShape, long[] dst) {
        checkBlock(BlockRuns.count(shape, offset, blockShape), dst.length);
        Kernel.Integral k = integral("long[]");
        BlockRuns.forEach(shape, offset, blockShape, (start, at, len) -> k.fill(start, dst, at, len));
    }

    /**
     * Fills a buffer (for example a view of a native block buffer) at absolute indices {@code 0 .. count - 1};
     * its position is not used or changed. Values go through an L1-sized scratch array.
     */
    public void fillBlock(long[] shape, long[] offset, long[] blockShape, DoubleBuffer dst) {
        checkBlock(BlockRuns.count(shape, offset, blockShape), dst.limit());
        Kernel.Continuous k = continuous("DoubleBuffer");
        double[] tmp = new double[Kernel.CHUNK];
        BlockRuns.forEach(shape, offset, blockShape, (start, at, len) -> {
            for (int done = 0; done < len; done += Kernel.CHUNK) {
                int n = Math.min(Kernel.CHUNK, len - done);
                k.fill(start + done, tmp, 0, n);
                dst.put(at + done, tmp, 0, n);
            }
        });
    }

    /** As {@link #fillBlock(long[], long[], long[], DoubleBuffer)}, float32 values. */
    public void fillBlock(long[] shape, long[] offset, long[] blockShape, FloatBuffer dst) {
        checkBlock(BlockRuns.count(shape, offset, blockShape), dst.limit());
        Kernel.Continuous k = continuous("FloatBuffer");
        float[] tmp = new float[Kernel.CHUNK];
        BlockRuns.forEach(shape, offset, blockShape, (start, at, len) -> {
            for (int done = 0; done < len; done += Kernel.CHUNK) {
                int n = Math.min(Kernel.CHUNK, len - done);
                k.fill(start + done, tmp, 0, n);
                dst.put(at + done, tmp, 0, n);
            }
        });
    }

    /** As {@link #fillBlock(long[], long[], long[], DoubleBuffer)}, int64 values. */
    public void fillBlock(long[] shape, long[] offset, long[] blockShape, LongBuffer dst) {
        checkBlock(BlockRuns.count(shape, offset, blockShape), dst.limit());
        Kernel.Integral k = integral("LongBuffer");
        long[] tmp = new long[Kernel.CHUNK];
        BlockRuns.forEach(shape, offset, blockShape, (start, at, len) -> {
            for (int done = 0; done < len; done += Kernel.CHUNK) {
                int n = Math.min(Kernel.CHUNK, len - done);
                k.fill(start + done, tmp, 0, n);
                dst.put(at + done, tmp, 0, n);
            }
        });
    }

    private Kernel.Continuous continuous(String target) {
        if (!(kernel instanceof Kernel.Continuous)) {
            throw new IllegalArgumentException("dst is a " + target + " but " + distribution
                    + " has integer values; expected a long[] or LongBuffer");
        }
        return (Kernel.Continuous) kernel;
    }

    private Kernel.Integral integral(String target) {
        if (!(kernel instanceof Kernel.Integral)) {
            throw new IllegalArgumentException("dst is a " + target + " but " + distribution
                    + " has floating-point values; expected a double[], float[] or their buffers");
        }
        return (Kernel.Integral) kernel;
    }

    private static void checkRun(long start, int capacity, int off, int len) {
        if (start < 0 || len < 0 || start > Long.MAX_VALUE - len) {
            throw new IllegalArgumentException("start or len is out of range: start=" + start + ", len=" + len
                    + "; expected 0 <= start and start + len <= 2^63 - 1");
        }
        if (off < 0 || off > capacity - len) {
            throw new IllegalArgumentException("dst is too small: off=" + off + ", len=" + len + ", length="
                    + capacity + "; expected off + len <= length");
        }
    }

    private static void checkBlock(int count, int capacity) {
        if (capacity < count) {
            throw new IllegalArgumentException("dst is too small for the block: " + capacity
                    + " elements; expected at least " + count);
        }
    }

    @Override
    public String toString() {
        return "Sampler(seed=" + seed + ", " + distribution + ")";
    }
}
