package org.tessella.random.kernel;

import java.nio.LongBuffer;

/**
 * A pseudo-random permutation of {@code 0 .. n-1} computed element by element: {@code apply(i)} needs neither
 * the other elements nor any state, so a block of {@code permutation(n)} is generated alone, lazily, in
 * O(block) time and memory, and the result does not depend on the chunking.
 *
 * <p>Method: a balanced Feistel network on the smallest even number of bits {@code 2h >= log2(n)} (at least 2),
 * with {@value #ROUNDS} rounds whose round function is a 64-bit multiply-xorshift mixer of the right half xored
 * with a round key; the round keys are Philox words at key {@code (seed, "permute")} and counters
 * {@code (n, j, PERMUTATION, 0)}, so permutations of different lengths are unrelated. The network is a
 * bijection of {@code [0, 4^h)}; cycle walking (re-encrypting until the value falls below n) restricts it to a
 * bijection of {@code [0, n)}, with fewer than 4 encryptions per element on average since {@code 4^h < 4n}.
 *
 * <p>What it is not: a uniform draw from all n! permutations. A keyed Feistel network reaches only a tiny
 * subset of them (for large n, at most 2^512 keys against n! permutations), so it is a permutation that
 * "looks" random (every position's value is uniform across seeds, pairs of positions are close to uniform),
 * good for shuffling and subsampling, but it must not be used where exact uniformity over permutations
 * matters. The alternative with exact uniformity - sorting n random keys - needs the whole array at once
 * (O(n log n) work and a global sort per computation), which a lazy per-block array cannot offer.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Permutation {

    /** Feistel rounds: 4 suffice for a pseudo-random permutation with ideal round functions; 8 for margin. */
    static final int ROUNDS = 8;

    /** Largest supported length: the bit budget keeps halves within 31 bits. */
    public static final long MAX_LENGTH = 1L << 62;

    private static final long STREAM = Streams.tag("permute");

    private final long seed;
    private final long n;
    private final int half;     // bits per half
    private final long mask;    // (1 << half) - 1
    private final long[] keys = new long[ROUNDS];

    private Permutation(long seed, long n) {
        this.seed = seed;
        this.n = n;
        int bits = n <= 4 ? 2 : 64 - Long.numberOfLeadingZeros(n - 1);
        bits += bits & 1;
        this.half = bits / 2;
        this.mask = (1L << half) - 1;
        long[] words = new long[4];
        for (int j = 0; j < ROUNDS / 4; j++) {
            Philox4x64.apply(seed, STREAM, n, j, Streams.PERMUTATION, 0, words, 0);
            System.arraycopy(words, 0, keys, 4 * j, 4);
        }
    }

    /** The permutation of {@code 0 .. n-1} for {@code seed}; {@code 0 <= n <= 2^62}. */
    public static Permutation of(long seed, long n) {
        if (n < 0 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("n is out of range: " + n + "; expected 0 <= n <= 2^62");
        }
        return new Permutation(seed, n);
    }

    public long seed() {
        return seed;
    }

    public long length() {
        return n;
    }

    /** The value at position {@code i}, {@code 0 <= i < n}. */
    public long apply(long i) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("i is out of range: " + i + "; expected 0 <= i < " + n);
        }
        return walk(i);
    }

    /** The values at positions {@code start .. start + len - 1} into {@code dst[off ..]}. */
    public void fill(long start, long[] dst, int off, int len) {
        checkRange(start, len);
        if (off < 0 || len < 0 || off > dst.length - len) {
            throw new IllegalArgumentException("dst is too small: off=" + off + ", len=" + len + ", length="
                    + dst.length + "; expected off + len <= length");
        }
        for (int i = 0; i < len; i++) {
            dst[off + i] = walk(start + i);
        }
    }

    /** The values at positions {@code start .. start + len - 1} into {@code dst} at absolute indices 0 .. len-1. */
    public void fill(long start, LongBuffer dst, int len) {
        checkRange(start, len);
        if (dst.limit() < len) {
            throw new IllegalArgumentException("dst is too small: limit=" + dst.limit() + "; expected at least " + len);
        }
        for (int i = 0; i < len; i++) {
            dst.put(i, walk(start + i));
        }
    }

    private void checkRange(long start, int len) {
        if (start < 0 || len < 0 || start > n - len) {
            throw new IllegalArgumentException("positions are out of range: start=" + start + ", len=" + len
                    + "; expected 0 <= start and start + len <= " + n);
        }
    }

    private long walk(long i) {
        long x = i;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    /** The Feistel bijection of [0, 4^half). */
    long encrypt(long x) {
        long left = x >>> half;
        long right = x & mask;
        for (int r = 0; r < ROUNDS; r++) {
            long next = left ^ (mix(right ^ keys[r]) >>> (64 - half));
            left = right;
            right = next;
        }
        return (left << half) | right;
    }

    /** A 64-bit bijective mixer (xorshift-multiply, constants of MurmurHash3's finalizer). */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    @Override
    public String toString() {
        return "Permutation(seed=" + seed + ", n=" + n + ")";
    }
}
