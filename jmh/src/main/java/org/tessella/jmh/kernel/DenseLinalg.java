package org.tessella.jmh.kernel;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense baselines of the linalg benchmarks: one float64 matrix in memory, factored by LAPACKE from the OpenBLAS
 * build ND4J ships ({@code dgeqrf}, {@code dorgqr}, {@code dgesdd}) and multiplied by ND4J's gemm, every core
 * available ({@link Dense#useAllCores()}). ND4J's own decompositions are not used: its {@code svd} throws and its
 * {@code qr} takes minutes on small matrices (DEPENDENCIES.md).
 *
 * <p>LAPACK is column-major and overwrites its input, so each factorization works on an F-order copy of the C-order
 * input ({@code dup('f')}), as NumPy's {@code linalg} does. The factors are handed back in the order LAPACK wrote them
 * (F order: valid INDArrays, no copy back to C order), which gives the baselines their best case. Callers close the
 * results ({@link Qr} and {@link Svd} are {@link AutoCloseable}); temporaries are closed here at once, so repeated
 * runs do not pile up native memory waiting for the garbage collector.
 */
public final class DenseLinalg {
    private DenseLinalg() {
    }

    /** A thin QR factorization: Q m x n with orthonormal columns (F order), R n x n upper triangular (C order). */
    public record Qr(INDArray q, INDArray r) implements AutoCloseable {
        @Override
        public void close() {
            q.close();
            r.close();
        }
    }

    /** A thin SVD {@code A = U diag(s) Vᵀ}: U m x k, s of length k (descending), vt k x n. */
    public record Svd(INDArray u, INDArray s, INDArray vt) implements AutoCloseable {
        @Override
        public void close() {
            u.close();
            s.close();
            vt.close();
        }
    }

    /**
     * Thin QR of a tall m x n matrix (m &gt;= n): {@code dgeqrf} then {@code dorgqr} on one F-order copy, which
     * becomes Q. R's diagonal keeps LAPACK's signs (no normalization; the checks do not depend on them).
     */
    public static Qr qr(INDArray a) {
        int m = rows(a);
        int n = cols(a);
        requireTall(a, m, n);
        INDArray w = a.dup('f');
        try (DoublePointer tau = new DoublePointer(Math.max(1, n))) {
            check(openblas.LAPACKE_dgeqrf(openblas.LAPACK_COL_MAJOR, m, n, pointer(w), m, tau), "dgeqrf");
            INDArray r = upperTriangle(w, m, n);
            check(openblas.LAPACKE_dorgqr(openblas.LAPACK_COL_MAJOR, m, n, n, pointer(w), m, tau), "dorgqr");
            return new Qr(w, r);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /**
     * Thin SVD of a tall m x n matrix (m &gt;= n) by one {@code dgesdd} (divide and conquer, jobz 'S') on an F-order
     * copy. For m much larger than n LAPACK itself first factors A = QR, takes the SVD of R and multiplies Q by R's
     * left singular vectors, so an explicit {@code dgeqrf} + {@code dgesdd} of R would do the same work (measured no
     * faster on 100,000 x 100 and 2000 x 500, linalg's design notes). U and Vᵀ are F order.
     */
    public static Svd svd(INDArray a) {
        int m = rows(a);
        int n = cols(a);
        requireTall(a, m, n);
        INDArray w = a.dup('f');
        INDArray s = Nd4j.createUninitialized(DataType.DOUBLE, n);
        INDArray u = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {m, n}, 'f');
        INDArray vt = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {n, n}, 'f');
        try {
            check(openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) 'S', m, n, pointer(w), m, pointer(s),
                    pointer(u), m, pointer(vt), n), "dgesdd");
        } catch (RuntimeException e) {
            s.close();
            u.close();
            vt.close();
            throw e;
        } finally {
            w.close();
        }
        return new Svd(u, s, vt);
    }

    /**
     * Randomized rank-k SVD, the algorithm of Tessella's {@code Linalg.svdCompressed} on one matrix (Halko, Martinsson,
     * Tropp 2011, algorithms 4.4 and 5.1): {@code Y = A Ω}; per power iteration {@code Q = orth(Y)},
     * {@code Z = orth(Aᵀ Q)}, {@code Y = A Z}; then {@code Q = orth(Y)}, {@code Bᵀ = Aᵀ Q} (n x l), the thin SVD of
     * the tall {@code Bᵀ = U' S V'ᵀ} (so {@code B = V' S U'ᵀ}), {@code U = Q V'[:, :k]}, {@code Vᵀ = U'[:, :k]ᵀ}.
     * orth is {@code dgeqrf} + {@code dorgqr}; the products are ND4J gemm calls with transpose flags (Aᵀ is never
     * copied). Each power iteration reads A twice, as Tessella's does: 2 + 2·iterations passes over A in all.
     *
     * @param omega the n x l Gaussian test matrix (l = k + oversampling, at most min(m, n))
     */
    public static Svd randomizedSvd(INDArray a, INDArray omega, int k, int iterations) {
        long n = a.size(1);
        long l = omega.size(1);
        if (omega.size(0) != n || k < 1 || k > l) {
            throw new IllegalArgumentException("omega has the wrong shape: " + Arrays.toString(omega.shape())
                    + " for a of shape " + Arrays.toString(a.shape()) + " and k = " + k + "; expected [" + n
                    + ", l] with k <= l");
        }
        INDArray y = a.mmul(omega);
        for (int i = 0; i < iterations; i++) {
            INDArray q = orthonormal(y);
            y.close();
            INDArray aq = Nd4j.gemm(a, q, true, false);
            q.close();
            INDArray z = orthonormal(aq);
            aq.close();
            y = a.mmul(z);
            z.close();
        }
        INDArray q = orthonormal(y);
        y.close();
        INDArray bt = Nd4j.gemm(a, q, true, false);
        Svd small = svd(bt);
        bt.close();
        try (small) {
            INDArray vtk = leadingRows(small.vt(), k);       // V'ᵀ[:k, :], k x l
            INDArray u = Nd4j.gemm(q, vtk, false, true);    // Q V'[:, :k], m x k
            vtk.close();
            q.close();
            INDArray vt = leadingColumnsTransposed(small.u(), k); // U'[:, :k]ᵀ, k x n
            INDArray s = Nd4j.createUninitialized(DataType.DOUBLE, k);
            for (int j = 0; j < k; j++) {
                s.putScalar(j, small.s().getDouble(j));
            }
            return new Svd(u, s, vt);
        }
    }

    /** An orthonormal basis of the columns of a tall matrix: the thin Q of {@link #qr} (F order). */
    static INDArray orthonormal(INDArray y) {
        Qr f = qr(y);
        f.r().close();
        return f.q();
    }

    /** The first k rows of a matrix, as a new C-order k x cols matrix. */
    private static INDArray leadingRows(INDArray a, int k) {
        long cols = a.size(1);
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {k, cols}, 'c');
        DataBuffer d = out.data();
        for (int i = 0; i < k; i++) {
            for (long j = 0; j < cols; j++) {
                d.put(i * cols + j, a.getDouble(i, j));
            }
        }
        return out;
    }

    /** The first k columns of an F-order rows x c matrix, transposed: a new C-order k x rows matrix. */
    private static INDArray leadingColumnsTransposed(INDArray f, int k) {
        long rows = f.size(0);
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {k, rows}, 'c');
        DataBuffer s = f.data();
        DataBuffer d = out.data();
        // column j of an F-order matrix is elements [j·rows, (j+1)·rows) of its buffer: row j of the result
        for (long e = 0; e < k * rows; e++) {
            d.put(e, s.getDouble(e));
        }
        return out;
    }

    /** R: the upper triangle of the leading n x n part of a column-major m x n buffer, as a C-order matrix. */
    private static INDArray upperTriangle(INDArray w, int m, int n) {
        INDArray r = Nd4j.create(DataType.DOUBLE, n, n);
        DataBuffer s = w.data();
        DataBuffer d = r.data();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                d.put((long) i * n + j, s.getDouble(i + (long) j * m));
            }
        }
        return r;
    }

    private static DoublePointer pointer(INDArray a) {
        return new DoublePointer(a.data().addressPointer());
    }

    private static int rows(INDArray a) {
        requireMatrix(a);
        return (int) a.size(0);
    }

    private static int cols(INDArray a) {
        requireMatrix(a);
        return (int) a.size(1);
    }

    private static void requireMatrix(INDArray a) {
        if (a.rank() != 2 || a.dataType() != DataType.DOUBLE || a.size(0) > Integer.MAX_VALUE
                || a.size(1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a is not a float64 matrix LAPACK can index: " + a.dataType() + " "
                    + Arrays.toString(a.shape()) + "; expected a 2-d float64 array with dimensions below 2^31");
        }
    }

    private static void requireTall(INDArray a, int m, int n) {
        if (m < n || n == 0) {
            throw new IllegalArgumentException("a is not tall: shape " + Arrays.toString(a.shape())
                    + "; expected m >= n >= 1");
        }
    }

    private static void check(int info, String routine) {
        if (info != 0) {
            throw new IllegalStateException(routine + " failed: info " + info + "; expected 0");
        }
    }
}
