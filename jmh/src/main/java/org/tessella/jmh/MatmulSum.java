package org.tessella.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tessella.jmh.kernel.Dense;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;

/**
 * {@code (x @ x).sum()} on an n x n float64 matrix (default 8000 x 8000, 512 MB) in chunk x chunk blocks (default
 * 2000 x 2000: 64 block products of 2000³ feeding a tree sum), against one ND4J gemm {@code x.mmul(x)} of the same
 * size on every core plus its sum. The figure to report is GFLOP/s, 2n³ per run ({@link #flops}, 1.02 TFLOP at the
 * default size): run with {@code -prof org.tessella.jmh.FlopRateProfiler} ({@code ·gflop.rate}).
 *
 * <p>Each run checks its result against {@code colsums(x) · rowsums(x)} (the same number: sum over i, j of
 * (x x)[i, j] is the sum over k of x's column k sum times its row k sum), computed in setup by two reductions, so a
 * wrong product fails the benchmark instead of reporting a time.
 */
public class MatmulSum extends AbstractBenchmark {
    /**
     * Relative tolerance of the check: both sides sum n³ non-negative products in different orders, which stays far
     * below 1e-9 (the tests see under 1e-12 at small sizes); a missing or doubled one of the (n/chunk)³ block
     * products is off by about (chunk/n)³.
     */
    static final double TOLERANCE = 1e-9;

    /** The expression on a chunked array (0-d result). */
    public static ChunkedArray expression(ChunkedArray x) {
        return x.matmul(x).sum();
    }

    /** Floating-point operations of one n x n by n x n product: 2n³ (the sum's n² additions are not counted). */
    public static double flops(long n) {
        return 2.0 * n * n * n;
    }

    /** {@code sum(x @ x)} by reductions: {@code x.sum(axis 0) · x.sum(axis 1)}. */
    static double expected(ChunkedArray x) {
        ChunkedArray columnSums = x.sum(new int[] {0}, false);
        ChunkedArray rowSums = x.sum(new int[] {1}, false);
        return columnSums.mul(rowSums).sum().compute().getDouble(0);
    }

    /** The check: {@code value} within {@link #TOLERANCE} of {@code expected}, else an exception. */
    static double check(double value, double expected) {
        if (!(Math.abs(value - expected) <= TOLERANCE * Math.abs(expected))) {
            throw new IllegalStateException("(x @ x).sum() is wrong: " + value + "; expected " + expected
                    + " (colsums(x) · rowsums(x)) within a relative " + TOLERANCE);
        }
        return value;
    }

    /** The chunked input at this benchmark's sizes. */
    @State(Scope.Benchmark)
    public static class Chunked extends Inputs.ChunkedInput {
        /** Rows and columns. */
        @Param("8000")
        public long n;
        /** Rows and columns of a chunk. */
        @Param("2000")
        public long chunk;
        /** {@code generated}: blocks made during the computation; {@code persisted}: made in setup. */
        @Param({"generated", "persisted"})
        public String source;
        double expected;

        @Setup(Level.Trial)
        public void setUp() {
            make(n, chunk, source);
            expected = expected(x);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            drop();
        }
    }

    /** The dense input at this benchmark's size. */
    @State(Scope.Benchmark)
    public static class DenseMatrix extends Inputs.DenseInput {
        /** Rows and columns. */
        @Param("8000")
        public long n;
        double expected;

        @Setup(Level.Trial)
        public void setUp() {
            expected = expected(Inputs.uniform(n, Chunks.auto()));
            make(n);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            drop();
        }
    }

    @Benchmark
    public double tessella(Chunked in) {
        return check(expression(in.x).compute().getDouble(0), in.expected);
    }

    @Benchmark
    public double dense(DenseMatrix in) {
        return check(Dense.matmulSum(in.x), in.expected);
    }
}
