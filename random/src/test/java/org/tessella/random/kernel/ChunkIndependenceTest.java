package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same seed gives bit-identical arrays whatever the blocks: every distribution and sampler branch, six
 * chunkings of a 7x11x13 array (one chunk, ragged 3x4x5 chunks, single elements, whole rows, columns, irregular
 * explicit chunks) and of a 3x2500 array whose runs cross the kernels' 1024-element scratch chunks; float64,
 * float32, int64, arrays and NIO buffers, and blocks filled by two threads in any order. The dense reference is
 * one fill of the whole flat range; blocks are scattered back by a naive per-element index walk (independent of
 * {@link BlockRuns}).
 */
class ChunkIndependenceTest {

    static final long SEED = 42;

    /** A chunking: per-axis chunk lengths. */
    record Chunking(String label, long[] shape, long[][] chunks) {
        @Override
        public String toString() {
            return label;
        }

        List<long[][]> blocks() { // each {offset, blockShape}
            List<long[][]> out = new ArrayList<>();
            int ndim = shape.length;
            int[] idx = new int[ndim];
            while (true) {
                long[] off = new long[ndim];
                long[] len = new long[ndim];
                for (int d = 0; d < ndim; d++) {
                    for (int j = 0; j < idx[d]; j++) {
                        off[d] += chunks[d][j];
                    }
                    len[d] = chunks[d][idx[d]];
                }
                out.add(new long[][] {off, len});
                int d = ndim - 1;
                while (d >= 0 && ++idx[d] == chunks[d].length) {
                    idx[d] = 0;
                    d--;
                }
                if (d < 0) {
                    return out;
                }
            }
        }
    }

    static long[] uniform(long n, long c) {
        int k = (int) ((n + c - 1) / c);
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            out[i] = Math.min(c, n - i * c);
        }
        return out;
    }

    static List<Chunking> chunkings() {
        long[] s = {7, 11, 13};
        long[] wide = {3, 2500};
        return List.of(
                new Chunking("one chunk", s, new long[][] {{7}, {11}, {13}}),
                new Chunking("ragged 3x4x5", s, new long[][] {uniform(7, 3), uniform(11, 4), uniform(13, 5)}),
                new Chunking("single elements", s, new long[][] {uniform(7, 1), uniform(11, 1), uniform(13, 1)}),
                new Chunking("whole rows 1x11x13", s, new long[][] {uniform(7, 1), {11}, {13}}),
                new Chunking("columns 7x11x1", s, new long[][] {{7}, {11}, uniform(13, 1)}),
                new Chunking("irregular", s, new long[][] {{2, 5}, {1, 3, 7}, {6, 6, 1}}),
                new Chunking("3x2500 one chunk", wide, new long[][] {{3}, {2500}}),
                new Chunking("3x2500 ragged 2x1100", wide, new long[][] {uniform(3, 2), uniform(2500, 1100)}),
                new Chunking("3x2500 rows", wide, new long[][] {uniform(3, 1), {2500}}));
    }

    static Stream<Arguments> continuousCases() {
        List<Arguments> out = new ArrayList<>();
        List<Distribution> ds = new ArrayList<>();
        Cases.continuous().forEach(c -> ds.add(c.distribution()));
        ds.add(Distribution.uniform(1e6, 1e6 + 1)); // float32 rounding reaches high: the clamp
        for (Distribution d : ds) {
            for (Chunking c : chunkings()) {
                out.add(Arguments.of(d, c));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> discreteCases() {
        List<Arguments> out = new ArrayList<>();
        List<Distribution> ds = new ArrayList<>();
        Cases.discrete().forEach(c -> ds.add(c.distribution()));
        ds.add(Distribution.binomial(5, 1));
        ds.add(Distribution.binomial(0, 0.5));
        ds.add(Distribution.poisson(0));
        ds.add(Distribution.choice(1));
        for (Distribution d : ds) {
            for (Chunking c : chunkings()) {
                out.add(Arguments.of(d, c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("continuousCases")
    void continuousBlocksEqualTheWholeArray(Distribution d, Chunking chunking) {
        Sampler s = Sampler.of(SEED, d);
        int total = (int) Arrays.stream(chunking.shape()).reduce(1, Math::multiplyExact);
        double[] whole = new double[total];
        s.fill(0, whole, 0, total);

        double[] fromBlocks = new double[total];
        float[] fromFloatBlocks = new float[total];
        double[] fromBuffers = new double[total];
        float[] fromFloatBuffers = new float[total];
        for (long[][] b : chunking.blocks()) {
            int n = (int) Arrays.stream(b[1]).reduce(1, Math::multiplyExact);
            double[] block = new double[n];
            s.fillBlock(chunking.shape(), b[0], b[1], block);
            scatter(block, chunking.shape(), b[0], b[1], fromBlocks);

            float[] fblock = new float[n];
            s.fillBlock(chunking.shape(), b[0], b[1], fblock);
            scatter(fblock, chunking.shape(), b[0], b[1], fromFloatBlocks);

            DoubleBuffer buf = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asDoubleBuffer();
            s.fillBlock(chunking.shape(), b[0], b[1], buf);
            double[] copied = new double[n];
            buf.get(0, copied);
            scatter(copied, chunking.shape(), b[0], b[1], fromBuffers);

            FloatBuffer fbuf = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
            s.fillBlock(chunking.shape(), b[0], b[1], fbuf);
            float[] fcopied = new float[n];
            fbuf.get(0, fcopied);
            scatter(fcopied, chunking.shape(), b[0], b[1], fromFloatBuffers);
        }
        assertArrayEquals(whole, fromBlocks, d + " " + chunking);
        assertArrayEquals(whole, fromBuffers, d + " " + chunking + " buffers");
        float[] rounded = new float[total];
        s.fill(0, rounded, 0, total);
        assertArrayEquals(rounded, fromFloatBlocks, d + " " + chunking + " float32");
        assertArrayEquals(rounded, fromFloatBuffers, d + " " + chunking + " float32 buffers");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("discreteCases")
    void discreteBlocksEqualTheWholeArray(Distribution d, Chunking chunking) {
        Sampler s = Sampler.of(SEED, d);
        int total = (int) Arrays.stream(chunking.shape()).reduce(1, Math::multiplyExact);
        long[] whole = new long[total];
        s.fill(0, whole, 0, total);
        long[] fromBlocks = new long[total];
        long[] fromBuffers = new long[total];
        for (long[][] b : chunking.blocks()) {
            int n = (int) Arrays.stream(b[1]).reduce(1, Math::multiplyExact);
            long[] block = new long[n];
            s.fillBlock(chunking.shape(), b[0], b[1], block);
            scatter(block, chunking.shape(), b[0], b[1], fromBlocks);
            LongBuffer buf = ByteBuffer.allocateDirect(8 * n).order(ByteOrder.nativeOrder()).asLongBuffer();
            s.fillBlock(chunking.shape(), b[0], b[1], buf);
            long[] copied = new long[n];
            buf.get(0, copied);
            scatter(copied, chunking.shape(), b[0], b[1], fromBuffers);
        }
        assertArrayEquals(whole, fromBlocks, d + " " + chunking);
        assertArrayEquals(whole, fromBuffers, d + " " + chunking + " buffers");
    }

    /** float32 values are exactly the float32 rounding of the float64 draws (uniform: also kept below high). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.random.kernel.Cases#continuousStream")
    void float32IsTheRoundingOfFloat64(Cases.Continuous c) {
        Sampler s = Sampler.of(SEED, c.distribution());
        double[] d = new double[5000];
        float[] f = new float[5000];
        s.fill(123456789L, d, 0, d.length);
        s.fill(123456789L, f, 0, f.length);
        float[] rounded = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            rounded[i] = (float) d[i];
        }
        assertArrayEquals(rounded, f, c.toString());
    }

    @Test
    void float32UniformStaysBelowHigh() {
        Sampler s = Sampler.of(SEED, Distribution.uniform(1e6, 1e6 + 1));
        float[] f = new float[100_000];
        double[] d = new double[100_000];
        s.fill(0, f, 0, f.length);
        s.fill(0, d, 0, d.length);
        int clamped = 0;
        for (int i = 0; i < f.length; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(f[i] >= 1e6f && f[i] < 1e6f + 1);
            if ((float) d[i] != f[i]) {
                clamped++;
                assertEquals(Math.nextDown(1e6f + 1), f[i]);
            }
        }
        // float32 spacing at 1e6 is 1/16, so draws within 1/32 of high round up to it: about 1 in 32 is clamped
        org.junit.jupiter.api.Assertions.assertTrue(clamped > 2000 && clamped < 4500, "clamped " + clamped);
    }

    /** Two threads filling the blocks of a chunking in an interleaved order give the single-thread array. */
    @Test
    void twoThreadsFillingBlocksGiveTheSameArray() throws Exception {
        Chunking chunking = chunkings().get(1);
        int total = 7 * 11 * 13;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Distribution d : List.of(Distribution.standardNormal(), Distribution.gamma(0.3, 1),
                    Distribution.uniform(-1, 1))) {
                Sampler s = Sampler.of(SEED, d);
                double[] whole = new double[total];
                s.fill(0, whole, 0, total);
                double[] fromBlocks = new double[total];
                List<long[][]> blocks = new ArrayList<>(chunking.blocks());
                java.util.Collections.reverse(blocks);
                List<Future<?>> done = new ArrayList<>();
                for (long[][] b : blocks) {
                    done.add(pool.submit(() -> {
                        int n = (int) Arrays.stream(b[1]).reduce(1, Math::multiplyExact);
                        double[] block = new double[n];
                        s.fillBlock(chunking.shape(), b[0], b[1], block);
                        synchronized (fromBlocks) {
                            scatter(block, chunking.shape(), b[0], b[1], fromBlocks);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                assertArrayEquals(whole, fromBlocks, d.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs starting anywhere agree with the whole range (flat words start mid-application). */
    @Test
    void runsStartingAnywhereAgree() {
        for (Distribution d : List.of(Distribution.uniform(0, 1), Distribution.beta(2, 5))) {
            Sampler s = Sampler.of(SEED, d);
            double[] whole = new double[4200];
            s.fill(1_000_000_007L, whole, 0, whole.length);
            for (int start : new int[] {0, 1, 2, 3, 5, 1023, 1025, 2047}) {
                for (int len : new int[] {0, 1, 3, 4, 1024, 1030}) {
                    double[] part = new double[len + 2];
                    s.fill(1_000_000_007L + start, part, 2, len);
                    assertArrayEquals(Arrays.copyOfRange(whole, start, start + len), Arrays.copyOfRange(part, 2, len + 2),
                            d + " start " + start + " len " + len);
                }
            }
        }
    }

    /** Different families with the same seed are different numbers; different seeds too. */
    @Test
    void familiesAndSeedsAreDistinctStreams() {
        long[] a = new long[64];
        long[] b = new long[64];
        Sampler.of(SEED, Distribution.integers(0, Long.MAX_VALUE)).fill(0, a, 0, 64);
        Sampler.of(SEED, Distribution.choice(Long.MAX_VALUE)).fill(0, b, 0, 64);
        org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(a, b), "integers and choice share numbers");
        double[] u = new double[64];
        double[] v = new double[64];
        Sampler.of(SEED, Distribution.uniform(0, 1)).fill(0, u, 0, 64);
        Sampler.of(SEED + 1, Distribution.uniform(0, 1)).fill(0, v, 0, 64);
        org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(u, v), "seeds 42 and 43 share numbers");
        double[] n1 = new double[64];
        double[] n2 = new double[64];
        Sampler.of(SEED, Distribution.standardNormal()).fill(0, n1, 0, 64);
        Sampler.of(SEED, Distribution.normal(3, 2)).fill(0, n2, 0, 64);
        for (int i = 0; i < 64; i++) {
            assertEquals(3 + 2 * n1[i], n2[i], 0, "normal(m, s) = m + s z element by element");
        }
    }

    // --- naive scatter: walk the block's indices in C order, compute each global flat index ---

    static void scatter(Object block, long[] shape, long[] offset, long[] blockShape, Object dense) {
        int ndim = shape.length;
        long[] idx = new long[ndim];
        int n = (int) Arrays.stream(blockShape).reduce(1, Math::multiplyExact);
        for (int i = 0; i < n; i++) {
            long flat = 0;
            for (int d = 0; d < ndim; d++) {
                flat = flat * shape[d] + offset[d] + idx[d];
            }
            System.arraycopy(block, i, dense, (int) flat, 1);
            for (int d = ndim - 1; d >= 0 && ++idx[d] == blockShape[d]; d--) {
                idx[d] = 0;
            }
        }
    }
}
