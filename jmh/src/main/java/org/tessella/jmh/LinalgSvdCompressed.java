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
import org.tessella.linalg.SvdCompressedOptions;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;

/**
 * Randomized rank-k SVD of an n x n float64 matrix of uniform values (default 20000 x 20000, 3.2 GB, in 2000 x 2000
 * chunks) with k = 20, 2 power iterations and oversampling 10 (l = 30 directions): {@code Linalg.svdCompressed}, u, s
 * and vt computed in one graph (the optional error pass is not computed). Each power iteration reads A twice, so the
 * run makes 2 + 2·iterations passes over A; with {@code source=generated} the scheduler keeps A's blocks from the
 * first pass to the last rather than generating them six times.
 *
 * <p>Dense baseline: the same algorithm on one in-memory matrix ({@link DenseLinalg#randomizedSvd}: ND4J gemm for the
 * products, LAPACKE {@code dgeqrf}/{@code dorgqr} for the orthonormal bases, {@code dgesdd} of the n x l matrix
 * {@code Bᵀ}) with the same Gaussian test matrix Ω (same seed; its values do not depend on the chunking), so both
 * compute the same factors to rounding. The exact dense SVD ({@code dgesdd} of all 20000 x 20000) is not the
 * baseline: at roughly 10 n³ = 8e13 flops, much of it memory-bound bidiagonalization, it would take an estimated
 * tens of minutes on 2 cores (not measured) and needs four 3.2 GB matrices; it also answers a different question.
 *
 * <p>Each run checks its result ({@link LinalgChecks#checkCompressed}): a wrong factorization fails the benchmark
 * instead of reporting a time.
 */
public class LinalgSvdCompressed extends AbstractBenchmark {
    /** The chunked input at this benchmark's sizes. */
    @State(Scope.Benchmark)
    public static class Chunked extends Inputs.ChunkedInput {
        /** Rows and columns. */
        @Param("20000")
        public long n;
        /** Rows and columns of a chunk. */
        @Param("2000")
        public long chunk;
        /** Rank of the approximation. */
        @Param("20")
        public int k;
        /** Power iterations. */
        @Param("2")
        public int iterations;
        /** Extra random directions beyond k. */
        @Param("10")
        public int oversampling;
        /** {@code generated}: blocks made during the computation; {@code persisted}: made in setup. */
        @Param({"generated", "persisted"})
        public String source;
        LinalgChecks.Compressed reference;

        @Setup(Level.Trial)
        public void setUp() {
            reference = LinalgChecks.Compressed.of(n, n);
            make(n, chunk, source);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            drop();
            reference = null;
        }

        SvdCompressedOptions options() {
            return SvdCompressedOptions.defaults().withIterations(iterations).withOversampling(oversampling);
        }
    }

    /** The dense input at this benchmark's size, and the Gaussian test matrix Ω of Tessella's run. */
    @State(Scope.Benchmark)
    public static class DenseMatrix extends Inputs.DenseInput {
        /** Rows and columns. */
        @Param("20000")
        public long n;
        /** Rank of the approximation. */
        @Param("20")
        public int k;
        /** Power iterations. */
        @Param("2")
        public int iterations;
        /** Extra random directions beyond k. */
        @Param("10")
        public int oversampling;
        LinalgChecks.Compressed reference;
        /** n x l standard normal values, l = min(k + oversampling, n): {@code svdCompressed}'s Ω. */
        INDArray omega;

        @Setup(Level.Trial)
        public void setUp() {
            reference = LinalgChecks.Compressed.of(n, n);
            long l = Math.min((long) k + oversampling, n);
            omega = RandomArrays.seeded(SvdCompressedOptions.defaults().seed())
                    .standardNormal(new long[] {n, l}, Chunks.auto()).compute();
            make(n);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            drop();
            omega.close();
            omega = null;
            reference = null;
        }
    }

    @Benchmark
    public double tessella(Chunked in) {
        Linalg.CompressedSVD f = Linalg.svdCompressed(in.x, in.k, in.options());
        List<INDArray> usv = ChunkedArray.compute(f.u(), f.s(), f.vt());
        try {
            return LinalgChecks.checkCompressed(in.reference, in.k, usv.get(0), usv.get(1), usv.get(2));
        } finally {
            usv.forEach(INDArray::close);
        }
    }

    @Benchmark
    public double dense(DenseMatrix in) {
        try (DenseLinalg.Svd f = DenseLinalg.randomizedSvd(in.x, in.omega, in.k, in.iterations)) {
            return LinalgChecks.checkCompressed(in.reference, in.k, f.u(), f.s(), f.vt());
        }
    }
}
