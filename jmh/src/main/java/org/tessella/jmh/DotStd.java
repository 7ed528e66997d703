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

/**
 * {@code (x.dot(x.T + 1) - x.mean()).std()} on an 8000 x 8000 float64 matrix in 1000 x 1000 chunks
 * (the Dask talks' second example): about 1.0 TFLOP of block products feeding a mean and a
 * variance reduction. The goal is most of one BLAS call's throughput on the same total size, which
 * the dense baseline (one {@code mmul} over all cores) measures.
 */
public class DotStd extends AbstractBenchmark {
    /** The expression on a chunked array (0-d result). */
    public static ChunkedArray expression(ChunkedArray x) {
        return x.dot(x.transpose().add(1)).sub(x.mean()).std();
    }

    /** The chunked input at this benchmark's sizes. */
    @State(Scope.Benchmark)
    public static class Chunked extends Inputs.ChunkedInput {
        /** Rows and columns. */
        @Param("8000")
        public long n;
        /** Rows and columns of a chunk. */
        @Param("1000")
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

    /** The dense input at this benchmark's size. */
    @State(Scope.Benchmark)
    public static class DenseMatrix extends Inputs.DenseInput {
        /** Rows and columns. */
        @Param("8000")
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

    @Benchmark
    public double tessella(Chunked in) {
        return expression(in.x).compute().getDouble(0);
    }

    @Benchmark
    public double dense(DenseMatrix in) {
        return Dense.dotStd(in.x);
    }
}
