package org.tessella.random.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Kernel-level throughput (not a test; the JMH benchmark over ChunkedArrays lives in the jmh module). Fills
 * 2000x2000 blocks of a 20000x20000 array, best of several repetitions after warm-up, on 1 and 2 threads.
 *
 * <pre>
 * mvn -B -q -o test-compile -pl random
 * java -cp random/target/classes:random/target/test-classes org.tessella.random.kernel.KernelThroughput
 * </pre>
 */
public final class KernelThroughput {

    static final long[] SHAPE = {20000, 20000};
    static final long[] BLOCK = {2000, 2000};
    static final int N = 2000 * 2000;

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Distribution> ds = List.of(Distribution.uniform(0, 1), Distribution.standardNormal(),
                Distribution.exponential(1), Distribution.gamma(2.5, 1), Distribution.beta(2, 5),
                Distribution.integers(0, 1000), Distribution.poisson(3), Distribution.poisson(500),
                Distribution.binomial(1000, 0.3));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Distribution d : ds) {
                Sampler s = Sampler.of(42, d);
                System.out.printf("%-32s 1 thread %7.1f M/s   2 threads %7.1f M/s%n", d,
                        rate(pool, s, 1, reps, Target.ARRAY), rate(pool, s, 2, reps, Target.ARRAY));
            }
            for (Distribution d : List.of(Distribution.uniform(0, 1), Distribution.standardNormal())) {
                Sampler s = Sampler.of(42, d);
                System.out.printf("%-32s float32[] 1 thread %7.1f M/s; direct DoubleBuffer 1 thread %7.1f M/s, 2 threads %7.1f M/s%n",
                        d, rate(pool, s, 1, reps, Target.FLOAT_ARRAY), rate(pool, s, 1, reps, Target.BUFFER),
                        rate(pool, s, 2, reps, Target.BUFFER));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    enum Target { ARRAY, FLOAT_ARRAY, BUFFER }

    /** One block's worth of each output kind per thread, allocated and touched once. */
    static final class Buffers {
        final double[] doubles = new double[N];
        final float[] floats = new float[N];
        final long[] longs = new long[N];
        final DoubleBuffer direct = ByteBuffer.allocateDirect(8 * N).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Million values per second, best of {@code reps}, each rep filling {@code 2 * threads} distinct blocks. */
    static double rate(ExecutorService pool, Sampler s, int threads, int reps, Target target) throws Exception {
        boolean integral = s.distribution().isIntegral();
        double best = 0;
        for (int r = 0; r < reps + 2; r++) { // two warm-up rounds
            int blocks = 2 * threads;
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * 2;
                fs.add(pool.submit(() -> {
                    Buffers buffers = BUFFERS.get(); // reused: fresh memory page-faults at under 1 GB/s here
                    double[] d = buffers.doubles;
                    float[] f = buffers.floats;
                    long[] l = buffers.longs;
                    DoubleBuffer b = buffers.direct;
                    for (int k = first; k < first + 2; k++) {
                        long[] off = {(k / 10) * 2000L, (k % 10) * 2000L};
                        if (integral) {
                            s.fillBlock(SHAPE, off, BLOCK, l);
                        } else if (target == Target.ARRAY) {
                            s.fillBlock(SHAPE, off, BLOCK, d);
                        } else if (target == Target.FLOAT_ARRAY) {
                            s.fillBlock(SHAPE, off, BLOCK, f);
                        } else {
                            s.fillBlock(SHAPE, off, BLOCK, b);
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            if (r >= 2) {
                best = Math.max(best, (double) blocks * N / seconds / 1e6);
            }
        }
        return best;
    }
}
