package org.tessella.linalg.kernel;

/**
 * Where the kernels switch from EJML (small matrices) to LAPACKE (large blocks). Every constant was set from the
 * JMH crossover benchmark {@code KernelCrossoverBenchmark} (linalg test sources) on the 2-core development machine
 * with one BLAS thread; the figures and the command are in docs/design-notes.md, section "linalg". Re-measure before
 * changing a value.
 *
 * <p>The thresholds compare a work estimate, not a dimension: both backends cost about {@code c·m·n·min(m, n)} plus a
 * per-call overhead that only LAPACKE has (JNI, native allocation, layout copies), so the crossover is a fixed amount
 * of work whatever the aspect ratio.
 */
final class Thresholds {
    private Thresholds() {
    }

    /** Thin QR: EJML while m·n·min(m, n) is at most this. */
    static final long QR_EJML_MAX_WORK = 64L * 64 * 64;

    /** Thin SVD and singular values: EJML while m·n·min(m, n) is at most this. */
    static final long SVD_EJML_MAX_WORK = 32L * 32 * 32;

    /** Cholesky, LU, solve, SPD solve, triangular solve and inverse: EJML while n³ is at most this. */
    static final long SQUARE_EJML_MAX_WORK = 64L * 64 * 64;

    static long work(long m, long n) {
        return m * n * Math.min(m, n);
    }
}
