package org.tessella.linalg;

/**
 * Settings of {@link Linalg#svdCompressed}: oversampling p (extra random directions, default 10), power iterations
 * q (default 2, each re-orthonormalized by TSQR), and the seed of the Gaussian test matrix (default 42). This class
 * is immutable; the {@code with...} methods return copies.
 */
public final class SvdCompressedOptions {
    private static final SvdCompressedOptions DEFAULTS = new SvdCompressedOptions(10, 2, 42L);

    private final int oversampling;
    private final int iterations;
    private final long seed;

    private SvdCompressedOptions(int oversampling, int iterations, long seed) {
        this.oversampling = oversampling;
        this.iterations = iterations;
        this.seed = seed;
    }

    /** Oversampling 10, 2 power iterations, seed 42. */
    public static SvdCompressedOptions defaults() {
        return DEFAULTS;
    }

    /** @throws IllegalArgumentException if {@code oversampling < 0} */
    public SvdCompressedOptions withOversampling(int oversampling) {
        if (oversampling < 0) {
            throw new IllegalArgumentException("oversampling is negative: " + oversampling + "; expected >= 0");
        }
        return new SvdCompressedOptions(oversampling, iterations, seed);
    }

    /** @throws IllegalArgumentException if {@code iterations < 0} */
    public SvdCompressedOptions withIterations(int iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations is negative: " + iterations + "; expected >= 0");
        }
        return new SvdCompressedOptions(oversampling, iterations, seed);
    }

    public SvdCompressedOptions withSeed(long seed) {
        return new SvdCompressedOptions(oversampling, iterations, seed);
    }

    public int oversampling() {
        return oversampling;
    }

    public int iterations() {
        return iterations;
    }

    public long seed() {
        return seed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SvdCompressedOptions x && x.oversampling == oversampling && x.iterations == iterations
                && x.seed == seed;
    }

    @Override
    public int hashCode() {
        return (31 * oversampling + iterations) * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "SvdCompressedOptions[oversampling=" + oversampling + ", iterations=" + iterations + ", seed=" + seed
                + "]";
    }
}
