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
 * Tall-and-skinny SVD of an m x n float64 matrix of uniform values (default 2,000,000 x 100, 1.6 GB) in row blocks of
 * {@code rows} x n (default 100,000 rows, 80 MB: 20 blocks). Tessella: {@code Linalg.svd} (TSQR, the SVD of the
 * n x n R, {@code U = Q U_R}, signs normalized), with u, s and vt computed into memory in one graph (U assembled, as
 * {@code da.compute(u, s, v)}). Dense baseline: one LAPACKE {@code dgesdd} (jobz 'S') of the whole matrix on every
 * core ({@link DenseLinalg#svd}), which for m &gt;&gt; n factors A = QR itself and takes the SVD of R; its U stays in
 * LAPACK's F order.
 *
 * <p>Each run checks its result ({@link LinalgChecks#checkSvd}): a wrong factorization fails the benchmark instead of
 * reporting a time. Memory: the dense baseline holds the input, its F-order copy and U (3 x 1.6 GB).
 */
public class LinalgSvd extends AbstractBenchmark {
    /** The chunked input at this benchmark's sizes. */
    @State(Scope.Benchmark)
    public static class Chunked extends TallInputs.Chunked {
        /** Rows. */
        @Param("2000000")
        public long m;
        /** Columns. */
        @Param("100")
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
        @Param("2000000")
        public long m;
        /** Columns. */
        @Param("100")
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
        Linalg.SVD f = Linalg.svd(in.x);
        List<INDArray> usv = ChunkedArray.compute(f.u(), f.s(), f.vt());
        try {
            return LinalgChecks.checkSvd(in.reference, usv.get(0), usv.get(1), usv.get(2));
        } finally {
            usv.forEach(INDArray::close);
        }
    }

    @Benchmark
    public double dense(DenseMatrix in) {
        try (DenseLinalg.Svd f = DenseLinalg.svd(in.x)) {
            return LinalgChecks.checkSvd(in.reference, f.u(), f.s(), f.vt());
        }
    }
}
