package org.tessella.jmh;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tessella.jmh.kernel.DenseLinalg;
import org.tessella.linalg.Linalg;
import org.tessella.ndarray.ChunkedArray;

/**
 * Tall-and-skinny QR of an m x n float64 matrix of uniform values (default 1,000,000 x 200, 1.6 GB) in row blocks of
 * {@code rows} x n (default 100,000 rows, 160 MB: 10 blocks), Q and R computed into memory in one graph.
 * <ul>
 *   <li>{@code tessella}: {@code Linalg.qr}, the general entry point, which keeps a caller's one column of row
 *       blocks as it is (the same graph as {@code tsqr} here; before session 2 it rechunked blocks over
 *       {@code Linalg.BLOCK_BUDGET_BYTES} to 83,886 rows, a whole copy).</li>
 *   <li>{@code tessellaTsqr}: {@code Linalg.tsqr} on the 100,000-row blocks as they are (tsqr takes any one column
 *       of blocks).</li>
 *   <li>{@code dense}: LAPACKE {@code dgeqrf} + {@code dorgqr} of the whole matrix on every core
 *       ({@link DenseLinalg#qr}); Q is the F-order working copy itself.</li>
 * </ul>
 * Each run checks its result ({@link LinalgChecks#checkQr}): a wrong factorization fails the benchmark instead of
 * reporting a time.
 */
public class LinalgQr extends AbstractBenchmark {
    /** The chunked input at this benchmark's sizes. */
    @State(Scope.Benchmark)
    public static class Chunked extends TallInputs.Chunked {
        /** Rows. */
        @Param("1000000")
        public long m;
        /** Columns. */
        @Param("200")
        public long n;
        /** Rows of a row block (one column of blocks). */
        @Param("100000")
        public long rows;
        /** {@code generated}: blocks made during the computation; {@code persisted}: made in setup. */
        @Param({"generated", "persisted"})
        public String source;

        @Setup(Level.Trial)
        public void setUp() {
            open(m, n, rows, source);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    /** The dense input at this benchmark's size. */
    @State(Scope.Benchmark)
    public static class DenseMatrix extends TallInputs.Dense {
        /** Rows. */
        @Param("1000000")
        public long m;
        /** Columns. */
        @Param("200")
        public long n;

        @Setup(Level.Trial)
        public void setUp() {
            open(m, n);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            close();
        }
    }

    @Benchmark
    public double tessella(Chunked in) {
        return computeAndCheck(Linalg.qr(in.x), in.reference);
    }

    @Benchmark
    public double tessellaTsqr(Chunked in) {
        return computeAndCheck(Linalg.tsqr(in.x), in.reference);
    }

    @Benchmark
    public double dense(DenseMatrix in) {
        try (DenseLinalg.Qr f = DenseLinalg.qr(in.x)) {
            return LinalgChecks.checkQr(in.reference, f.q(), f.r());
        }
    }

    private static double computeAndCheck(Linalg.QR f, LinalgChecks.Tall reference) {
        List<INDArray> qr = ChunkedArray.compute(f.q(), f.r());
        try {
            return LinalgChecks.checkQr(reference, qr.get(0), qr.get(1));
        } finally {
            qr.forEach(INDArray::close);
        }
    }
}
