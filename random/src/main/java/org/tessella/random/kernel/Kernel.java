package org.tessella.random.kernel;

/**
 * A distribution bound to a Philox key {@code (seed, stream)}: fills runs of consecutive flat indices. Every
 * implementation computes element {@code i} from {@code (key, i)} alone, so a run may start anywhere and any
 * split of a range into runs gives the same numbers. Immutable and thread-safe; a fill allocates its own small
 * scratch (at most {@link #CHUNK} elements, L1-resident).
 *
 * <p>Two families: {@link Continuous} (float64 and float32 output) and {@link Integral} (int64 output); each
 * in a flat variant (one word per element from the flat layout, generated a chunk at a time by the interleaved
 * Philox loop) and a per-element variant (an {@link ElementStream} per element, for rejection samplers).
 */
abstract class Kernel {

    /** Elements per scratch chunk: 1024 words (8 KiB) plus the same in doubles stay in L1 beside the output. */
    static final int CHUNK = 1024;

    final long k0;
    final long k1;

    Kernel(long seed, long stream) {
        this.k0 = seed;
        this.k1 = stream;
    }

    /** Continuous distributions: float64 draws, float32 as their rounding. */
    abstract static class Continuous extends Kernel {

        Continuous(long seed, long stream) {
            super(seed, stream);
        }

        /** Values of elements {@code start .. start + len - 1} into {@code dst[off .. off + len - 1]}. */
        abstract void fill(long start, double[] dst, int off, int len);

        /** The float32 values: the rounding of the float64 draws (see {@link #narrow}). */
        final void fill(long start, float[] dst, int off, int len) {
            double[] tmp = new double[Math.min(len, CHUNK)];
            for (int done = 0; done < len; ) {
                int n = Math.min(CHUNK, len - done);
                fill(start + done, tmp, 0, n);
                narrow(tmp, dst, off + done, n);
                done += n;
            }
        }

        /** Rounds to float32; a distribution with an open upper bound overrides this to keep it open. */
        void narrow(double[] src, float[] dst, int off, int n) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = (float) src[i];
            }
        }
    }

    /** One chunk of flat words: elements {@code first .. first + n - 1}, the {@code done}-th onwards of the call. */
    @FunctionalInterface
    interface ChunkBody {
        void apply(long[] words, int w, long first, int done, int n);
    }

    /**
     * Walks {@code len} elements from {@code start} in chunks of at most {@link #CHUNK}, handing each
     * chunk's flat words (one per element, from offset {@code w}) to {@code body}.
     */
    final void flatChunks(long start, int len, ChunkBody body) {
        if (len == 0) {
            return;
        }
        long[] words = new long[Math.min(len, CHUNK) + 8];
        for (int done = 0; done < len; ) {
            int n = Math.min(CHUNK, len - done);
            int w = Streams.flatWords(k0, k1, start + done, n, words);
            body.apply(words, w, start + done, done, n);
            done += n;
        }
    }

    /** Continuous, one flat word per element. */
    abstract static class FlatContinuous extends Continuous {

        FlatContinuous(long seed, long stream) {
            super(seed, stream);
        }

        @Override
        final void fill(long start, double[] dst, int off, int len) {
            flatChunks(start, len, (words, w, first, done, n) -> transform(words, w, first, dst, off + done, n));
        }

        /**
         * {@code dst[off + i] = f(words[w + i])}, element index {@code start + i}, for {@code i < n}; a sampler
         * whose word is not enough continues in the element's sub-stream.
         */
        abstract void transform(long[] words, int w, long start, double[] dst, int off, int n);
    }

    /** Continuous, a sub-stream per element. */
    abstract static class ElementContinuous extends Continuous {

        ElementContinuous(long seed, long stream) {
            super(seed, stream);
        }

        @Override
        final void fill(long start, double[] dst, int off, int len) {
            ElementStream s = new ElementStream(k0, k1);
            for (int i = 0; i < len; i++) {
                s.reset(start + i);
                dst[off + i] = sample(s);
            }
        }

        abstract double sample(ElementStream s);
    }

    /** Integer distributions: int64 output. */
    abstract static class Integral extends Kernel {

        Integral(long seed, long stream) {
            super(seed, stream);
        }

        abstract void fill(long start, long[] dst, int off, int len);
    }

    /** Integral, one flat word per element (with, where needed, a rare fallback to the element's sub-stream). */
    abstract static class FlatIntegral extends Integral {

        FlatIntegral(long seed, long stream) {
            super(seed, stream);
        }

        @Override
        final void fill(long start, long[] dst, int off, int len) {
            flatChunks(start, len, (words, w, first, done, n) -> transform(words, w, first, dst, off + done, n));
        }

        /** {@code dst[off + i] = f(words[w + i])}, element index {@code start + i}, for {@code i < n}. */
        abstract void transform(long[] words, int w, long start, long[] dst, int off, int n);
    }

    /** Integral, a sub-stream per element. */
    abstract static class ElementIntegral extends Integral {

        ElementIntegral(long seed, long stream) {
            super(seed, stream);
        }

        @Override
        final void fill(long start, long[] dst, int off, int len) {
            ElementStream s = new ElementStream(k0, k1);
            for (int i = 0; i < len; i++) {
                s.reset(start + i);
                dst[off + i] = sample(s);
            }
        }

        abstract long sample(ElementStream s);
    }
}
