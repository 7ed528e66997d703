package org.tessella.linalg.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The level-3 BLAS and LAPACK calls of the tile kernels ({@link TileKernels}) in both precisions, on parts of
 * buffers: every matrix argument is a base {@link Pointer} (no position) plus an element offset, so a kernel can
 * work on the rows below a panel's diagonal without a copy. Kept beside {@link Precision} (which binds the
 * whole-matrix routines) rather than in it, so the two sets evolve independently.
 *
 * <p>{@code rowMajor} selects {@code CblasRowMajor} (C-order tiles, no transposes needed) or
 * {@code CblasColMajor} (the column-major LU panels).
 */
final class Blas3 {
    private Blas3() {
    }

    /** {@code C := alpha op(A) op(B) + beta C}, C m x n, op(A) m x k. */
    static void gemm(Precision p, boolean rowMajor, boolean transA, boolean transB, int m, int n, int k, double alpha,
                     Pointer a, long aOff, int lda, Pointer b, long bOff, int ldb, double beta,
                     Pointer c, long cOff, int ldc) {
        if (p == Precision.F64) {
            openblas.cblas_dgemm(order(rowMajor), trans(transA), trans(transB), m, n, k, alpha, d(a, aOff), lda,
                    d(b, bOff), ldb, beta, d(c, cOff), ldc);
        } else {
            openblas.cblas_sgemm(order(rowMajor), trans(transA), trans(transB), m, n, k, (float) alpha, f(a, aOff),
                    lda, f(b, bOff), ldb, (float) beta, f(c, cOff), ldc);
        }
    }

    /** {@code C := alpha A Aᵀ + beta C} on the lower triangle of the n x n C (A n x k, not transposed). */
    static void syrkLower(Precision p, boolean rowMajor, int n, int k, double alpha, Pointer a, long aOff, int lda,
                          double beta, Pointer c, long cOff, int ldc) {
        if (p == Precision.F64) {
            openblas.cblas_dsyrk(order(rowMajor), openblas.CblasLower, openblas.CblasNoTrans, n, k, alpha,
                    d(a, aOff), lda, beta, d(c, cOff), ldc);
        } else {
            openblas.cblas_ssyrk(order(rowMajor), openblas.CblasLower, openblas.CblasNoTrans, n, k, (float) alpha,
                    f(a, aOff), lda, (float) beta, f(c, cOff), ldc);
        }
    }

    /**
     * Triangular solve in place in B (m x n): {@code op(T) X = B} ({@code left}) or {@code X op(T) = B}; T is m x m
     * or n x n.
     */
    static void trsm(Precision p, boolean rowMajor, boolean left, boolean lower, boolean transpose, boolean unit,
                     int m, int n, Pointer t, long tOff, int ldt, Pointer b, long bOff, int ldb) {
        int side = left ? openblas.CblasLeft : openblas.CblasRight;
        int uplo = lower ? openblas.CblasLower : openblas.CblasUpper;
        int diag = unit ? openblas.CblasUnit : openblas.CblasNonUnit;
        if (p == Precision.F64) {
            openblas.cblas_dtrsm(order(rowMajor), side, uplo, trans(transpose), diag, m, n, 1.0, d(t, tOff), ldt,
                    d(b, bOff), ldb);
        } else {
            openblas.cblas_strsm(order(rowMajor), side, uplo, trans(transpose), diag, m, n, 1.0f, f(t, tOff), ldt,
                    f(b, bOff), ldb);
        }
    }

    /** LU with partial pivoting of the column-major m x n matrix at {@code aOff} (1-based pivots, relative). */
    static int getrf(Precision p, int m, int n, Pointer a, long aOff, int lda, IntPointer ipiv) {
        return p == Precision.F64
                ? openblas.LAPACKE_dgetrf(openblas.LAPACK_COL_MAJOR, m, n, d(a, aOff), lda, ipiv)
                : openblas.LAPACKE_sgetrf(openblas.LAPACK_COL_MAJOR, m, n, f(a, aOff), lda, ipiv);
    }

    /** Row interchanges {@code ipiv[0..k)} (1-based, relative) on the column-major n-column matrix at {@code aOff}. */
    static int laswp(Precision p, int n, Pointer a, long aOff, int lda, int k, IntPointer ipiv) {
        return p == Precision.F64
                ? openblas.LAPACKE_dlaswp(openblas.LAPACK_COL_MAJOR, n, d(a, aOff), lda, 1, k, ipiv, 1)
                : openblas.LAPACKE_slaswp(openblas.LAPACK_COL_MAJOR, n, f(a, aOff), lda, 1, k, ipiv, 1);
    }

    private static int order(boolean rowMajor) {
        return rowMajor ? openblas.CblasRowMajor : openblas.CblasColMajor;
    }

    private static int trans(boolean transpose) {
        return transpose ? openblas.CblasTrans : openblas.CblasNoTrans;
    }

    private static DoublePointer d(Pointer p, long offset) {
        return new DoublePointer(p).position(offset);
    }

    private static FloatPointer f(Pointer p, long offset) {
        return new FloatPointer(p).position(offset);
    }
}
