package org.tessella.jmh;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tessella.jmh.kernel.Dense;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.random.RandomArrays;

/**
 * Benchmark inputs: an n x n float64 matrix of uniform values in [0, 1),
 * {@code RandomArrays.seeded(SEED).uniform(0, 1, {n, n}, chunks)} ({@link #uniform}), chunked for Tessella and
 * dense for the baselines. Both hold the same values: a random array's values depend only on the seed and each
 * element's position, so the dense input is the same array computed whole. The chunked input is
 * either generated block by block inside the measured computation ({@code source=generated}, as
 * {@code da.random.random} in the Dask talks) or computed once in setup and held in memory
 * ({@code source=persisted}, comparable with the dense baseline, whose input is made in setup).
 *
 * <p>Sizes are {@code @Param}s: {@link Chunked} and {@link DenseMatrix} carry the default
 * 20000 x 20000 in 2000 x 2000 chunks; a benchmark with other defaults declares its own states on
 * {@link ChunkedInput} and {@link DenseInput}. {@code -p n=2000 -p chunk=500} gives a smoke run.
 */
public final class Inputs {
    private Inputs() {
    }

    /** The input matrix: n x n uniform values in [0, 1) with seed {@link AbstractBenchmark#SEED}. */
    public static ChunkedArray uniform(long n, Chunks chunks) {
        return uniform(n, n, chunks);
    }

    /** An m x n matrix of uniform values in [0, 1) with seed {@link AbstractBenchmark#SEED} (the tall inputs). */
    public static ChunkedArray uniform(long m, long n, Chunks chunks) {
        return RandomArrays.seeded(AbstractBenchmark.SEED).uniform(0, 1, new long[] {m, n}, chunks);
    }

    /** A chunked input; subclasses hold the {@code @Param}s and call {@link #make} in setup. */
    public abstract static class ChunkedInput {
        public ChunkedArray x;

        protected void make(long n, long chunk, String source) {
            make(uniform(n, Chunks.of(chunk, chunk)), source);
        }

        /** {@code a} as it is ({@code generated}) or computed and held in memory ({@code persisted}). */
        protected void make(ChunkedArray a, String source) {
            x = switch (source) {
                case "generated" -> a;
                case "persisted" -> a.persist();
                default -> throw new IllegalArgumentException("source is unknown: '" + source
                        + "'; expected generated or persisted");
            };
        }

        protected void drop() {
            x = null;
        }
    }

    /** A dense input made in setup (not timed); subclasses hold the {@code @Param} and call {@link #make}. */
    public abstract static class DenseInput {
        public INDArray x;

        protected void make(long n) {
            make(n, n);
        }

        /** The m x n input. */
        protected void make(long m, long n) {
            // The same values as every chunking, computed whole (not timed). Not as one chunk: at 20000 x 20000
            // that block is 3.2 GB, filled by one thread, past the 2 GiB a ByteBuffer (random's fill path) spans.
            x = uniform(m, n, Chunks.auto()).compute();
            Dense.useAllCores(); // after compute: the scheduler lowers ND4J's threads for its workers
            // Blocks the setup's computations released (up to 256 MiB) would otherwise stay resident in the pool and
            // count in the baseline's peak RSS, though the baseline never uses the pool.
            BlockPool.clear();
        }

        protected void drop() {
            x.close();
            x = null;
        }
    }

    /** The chunked input at the default sizes. */
    @State(Scope.Benchmark)
    public static class Chunked extends ChunkedInput {
        /** Rows and columns. */
        @Param("20000")
        public long n;
        /** Rows and columns of a chunk. */
        @Param("2000")
        public long chunk;
        /** {@code generated}: blocks made during the computation; {@code persisted}: made in setup. */
        @Param({"generated", "persisted"})
        public String source;

        @Setup(Level.Trial)
        public void setUp() {
            make(n, chunk, source);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            drop();
        }
    }

    /** The dense input at the default size. */
    @State(Scope.Benchmark)
    public static class DenseMatrix extends DenseInput {
        /** Rows and columns. */
        @Param("20000")
        public long n;

        @Setup(Level.Trial)
        public void setUp() {
            make(n);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            drop();
        }
    }
}
