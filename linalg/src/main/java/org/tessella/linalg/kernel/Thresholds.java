package org.tessella.linalg.kernel;

/**
 * Where the kernels switch from EJML (small matrices) to LAPACKE (large blocks). Every constant was set from the
 * JMH crossover benchmark {@code KernelCrossoverBenchmark} (linalg test sources): float64, one BLAS and one libnd4j
 * thread, median call time on the shared 2-core machine (load average about 10 during the run). The full table and
 * the command are in docs/design-notes.md, section "linalg"; re-measure before changing a value.
 *
 * <p>The thresholds compare a work estimate, {@code m·n·min(m, n)} (n³ for square kernels), not a dimension: both
 * backends cost about that times a constant, plus a per-call overhead that only the LAPACKE path has (JNI, native
 * allocation, layout copies: about 20 µs), so the crossover is roughly a fixed amount of work.
 */
final class Thresholds {
    private Thresholds() {
    }

    /**
     * Thin QR: EJML while m·n·min(m, n) is at most this (about 25³). Measured EJML/LAPACKE median time: 0.46 at
     * 8x8, 0.47 at 24x24, 1.13 at 100x10, 1.18 at 32x32, 1.6-2.8 from 48x48 and 300x30 up to 2000x100.
     */
    static final long QR_EJML_MAX_WORK = 16_384;

    /**
     * Thin SVD and singular values: EJML while m·n·min(m, n) is at most this (32³). Measured EJML/LAPACKE: 0.66-0.88
     * up to 24x24, 1.00 at 32x32, 1.06 at 100x10; tall blocks favour LAPACKE strongly beyond (3.1 at 1000x10, 7.7 at
     * 2000x100), while squares of 48-64 are within 10% either way.
     */
    static final long SVD_EJML_MAX_WORK = 32_768;

    /**
     * Cholesky, LU, solve, SPD solve, triangular solve and inverse: EJML while n³ is at most this (n &lt;= 16).
     * Measured EJML/LAPACKE for solve: 0.29 at n = 8, 0.89 at 16, 2.1 at 32, 5.8 at 96; for Cholesky 1.0 at 8,
     * 1.3 at 16 (2 µs), 1.7 at 32. EJML's solvers pay for an explicit inverse to get an exact condition number.
     */
    static final long SQUARE_EJML_MAX_WORK = 4_096;

    static long work(long m, long n) {
        return m * n * Math.min(m, n);
    }
}
