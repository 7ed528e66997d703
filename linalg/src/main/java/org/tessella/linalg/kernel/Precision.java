package org.tessella.linalg.kernel;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two floating-point precisions the native kernels run in, each binding the LAPACKE and CBLAS routines of the
 * OpenBLAS build that ND4J ships ({@code org.bytedeco.openblas.global.openblas}): the {@code d*} routines for
 * float64, the {@code s*} routines for float32.
 *
 * <p>Every method takes the base {@link Pointer} of a buffer (no position) and, where a routine works on part of a
 * buffer, an element offset. All matrices are column-major ({@code LAPACK_COL_MAJOR} / {@code CblasColMajor}) unless
 * the method says otherwise; the callers in {@link LapackKernels} explain which C-order buffer is read as which
 * column-major matrix. Return values are LAPACK's {@code info}.
 */
enum Precision {
    F64(DataType.DOUBLE, 0x1p-52) {
        @Override int geqrf(int m, int n, Pointer a, int lda, Pointer tau) {
            return openblas.LAPACKE_dgeqrf(openblas.LAPACK_COL_MAJOR, m, n, d(a), lda, d(tau));
        }
        @Override int orgqr(int m, int n, int k, Pointer a, int lda, Pointer tau) {
            return openblas.LAPACKE_dorgqr(openblas.LAPACK_COL_MAJOR, m, n, k, d(a), lda, d(tau));
        }
        @Override int gesdd(char jobz, int m, int n, Pointer a, int lda, Pointer s, Pointer u, int ldu, Pointer vt, int ldvt) {
            return openblas.LAPACKE_dgesdd(openblas.LAPACK_COL_MAJOR, (byte) jobz, m, n, d(a), lda, d(s), d(u), ldu, d(vt), ldvt);
        }
        @Override int potrf(char uplo, int n, Pointer a, int lda) {
            return openblas.LAPACKE_dpotrf(openblas.LAPACK_COL_MAJOR, (byte) uplo, n, d(a), lda);
        }
        @Override int getrf(int m, int n, Pointer a, int lda, IntPointer ipiv) {
            return openblas.LAPACKE_dgetrf(openblas.LAPACK_COL_MAJOR, m, n, d(a), lda, ipiv);
        }
        @Override int getri(int n, Pointer a, int lda, IntPointer ipiv) {
            return openblas.LAPACKE_dgetri(openblas.LAPACK_COL_MAJOR, n, d(a), lda, ipiv);
        }
        @Override double gecon(char norm, int n, Pointer lu, int lda, double anorm) {
            try (DoublePointer rcond = new DoublePointer(1)) {
                int info = openblas.LAPACKE_dgecon(openblas.LAPACK_COL_MAJOR, (byte) norm, n, d(lu), lda, anorm, rcond);
                return info == 0 ? rcond.get() : Double.NaN;
            }
        }
        @Override double pocon(char uplo, int n, Pointer chol, int lda, double anorm) {
            try (DoublePointer rcond = new DoublePointer(1)) {
                int info = openblas.LAPACKE_dpocon(openblas.LAPACK_COL_MAJOR, (byte) uplo, n, d(chol), lda, anorm, rcond);
                return info == 0 ? rcond.get() : Double.NaN;
            }
        }
        @Override double trcon(char norm, char uplo, char diag, int n, Pointer t, int lda) {
            try (DoublePointer rcond = new DoublePointer(1)) {
                int info = openblas.LAPACKE_dtrcon(openblas.LAPACK_COL_MAJOR, (byte) norm, (byte) uplo, (byte) diag, n, d(t), lda, rcond);
                return info == 0 ? rcond.get() : Double.NaN;
            }
        }
        @Override double lange(char norm, int m, int n, Pointer a, int lda) {
            return openblas.LAPACKE_dlange(openblas.LAPACK_COL_MAJOR, (byte) norm, m, n, d(a), lda);
        }
        @Override void trsmRowMajor(boolean lower, boolean transpose, boolean unitDiagonal, int m, int n,
                                    Pointer t, int ldt, Pointer b, int ldb) {
            openblas.cblas_dtrsm(openblas.CblasRowMajor, openblas.CblasLeft, uplo(lower), trans(transpose), diag(unitDiagonal),
                    m, n, 1.0, d(t), ldt, d(b), ldb);
        }
        @Override long iamax(int n, Pointer x, long offset, int inc) {
            return openblas.cblas_idamax(n, d(x).position(offset), inc);
        }
        @Override void negate(int n, Pointer x, long offset, int inc) {
            openblas.cblas_dscal(n, -1.0, d(x).position(offset), inc);
        }
        @Override void swap(int n, Pointer x, long offsetA, long offsetB) {
            openblas.cblas_dswap(n, d(x).position(offsetA), 1, d(x).position(offsetB), 1);
        }
        @Override double lansy(char norm, char uplo, int n, Pointer a, int lda) {
            return openblas.LAPACKE_dlansy(openblas.LAPACK_COL_MAJOR, (byte) norm, (byte) uplo, n, d(a), lda);
        }
    },

    F32(DataType.FLOAT, 0x1p-23) {
        @Override int geqrf(int m, int n, Pointer a, int lda, Pointer tau) {
            return openblas.LAPACKE_sgeqrf(openblas.LAPACK_COL_MAJOR, m, n, f(a), lda, f(tau));
        }
        @Override int orgqr(int m, int n, int k, Pointer a, int lda, Pointer tau) {
            return openblas.LAPACKE_sorgqr(openblas.LAPACK_COL_MAJOR, m, n, k, f(a), lda, f(tau));
        }
        @Override int gesdd(char jobz, int m, int n, Pointer a, int lda, Pointer s, Pointer u, int ldu, Pointer vt, int ldvt) {
            return openblas.LAPACKE_sgesdd(openblas.LAPACK_COL_MAJOR, (byte) jobz, m, n, f(a), lda, f(s), f(u), ldu, f(vt), ldvt);
        }
        @Override int potrf(char uplo, int n, Pointer a, int lda) {
            return openblas.LAPACKE_spotrf(openblas.LAPACK_COL_MAJOR, (byte) uplo, n, f(a), lda);
        }
        @Override int getrf(int m, int n, Pointer a, int lda, IntPointer ipiv) {
            return openblas.LAPACKE_sgetrf(openblas.LAPACK_COL_MAJOR, m, n, f(a), lda, ipiv);
        }
        @Override int getri(int n, Pointer a, int lda, IntPointer ipiv) {
            return openblas.LAPACKE_sgetri(openblas.LAPACK_COL_MAJOR, n, f(a), lda, ipiv);
        }
        @Override double gecon(char norm, int n, Pointer lu, int lda, double anorm) {
            try (FloatPointer rcond = new FloatPointer(1)) {
                int info = openblas.LAPACKE_sgecon(openblas.LAPACK_COL_MAJOR, (byte) norm, n, f(lu), lda, (float) anorm, rcond);
                return info == 0 ? rcond.get() : Double.NaN;
            }
        }
        @Override double pocon(char uplo, int n, Pointer chol, int lda, double anorm) {
            try (FloatPointer rcond = new FloatPointer(1)) {
                int info = openblas.LAPACKE_spocon(openblas.LAPACK_COL_MAJOR, (byte) uplo, n, f(chol), lda, (float) anorm, rcond);
                return info == 0 ? rcond.get() : Double.NaN;
            }
        }
        @Override double trcon(char norm, char uplo, char diag, int n, Pointer t, int lda) {
            try (FloatPointer rcond = new FloatPointer(1)) {
                int info = openblas.LAPACKE_strcon(openblas.LAPACK_COL_MAJOR, (byte) norm, (byte) uplo, (byte) diag, n, f(t), lda, rcond);
                return info == 0 ? rcond.get() : Double.NaN;
            }
        }
        @Override double lange(char norm, int m, int n, Pointer a, int lda) {
            return openblas.LAPACKE_slange(openblas.LAPACK_COL_MAJOR, (byte) norm, m, n, f(a), lda);
        }
        @Override void trsmRowMajor(boolean lower, boolean transpose, boolean unitDiagonal, int m, int n,
                                    Pointer t, int ldt, Pointer b, int ldb) {
            openblas.cblas_strsm(openblas.CblasRowMajor, openblas.CblasLeft, uplo(lower), trans(transpose), diag(unitDiagonal),
                    m, n, 1.0f, f(t), ldt, f(b), ldb);
        }
        @Override long iamax(int n, Pointer x, long offset, int inc) {
            return openblas.cblas_isamax(n, f(x).position(offset), inc);
        }
        @Override void negate(int n, Pointer x, long offset, int inc) {
            openblas.cblas_sscal(n, -1.0f, f(x).position(offset), inc);
        }
        @Override void swap(int n, Pointer x, long offsetA, long offsetB) {
            openblas.cblas_sswap(n, f(x).position(offsetA), 1, f(x).position(offsetB), 1);
        }
        @Override double lansy(char norm, char uplo, int n, Pointer a, int lda) {
            return openblas.LAPACKE_slansy(openblas.LAPACK_COL_MAJOR, (byte) norm, (byte) uplo, n, f(a), lda);
        }
    };

    /** The ND4J data type of this precision. */
    final DataType dataType;
    /** Machine epsilon (unit roundoff times two): 2^-52 for float64, 2^-23 for float32. */
    final double eps;

    Precision(DataType dataType, double eps) {
        this.dataType = dataType;
        this.eps = eps;
    }

    static Precision of(DataType type) {
        switch (type) {
            case DOUBLE: return F64;
            case FLOAT: return F32;
            default: throw new IllegalStateException("no native precision for " + type);
        }
    }

    /** The base pointer of a fresh (non-view, offset 0) array's buffer. */
    static Pointer pointer(INDArray a) {
        return a.data().addressPointer();
    }

    /** QR factorization: R in the upper triangle of a, Householder vectors below it. */
    abstract int geqrf(int m, int n, Pointer a, int lda, Pointer tau);

    /** Overwrites the first n columns of a with the explicit Q of a previous {@link #geqrf}. */
    abstract int orgqr(int m, int n, int k, Pointer a, int lda, Pointer tau);

    /** Divide-and-conquer SVD; jobz 'S' for thin factors, 'N' for singular values only. */
    abstract int gesdd(char jobz, int m, int n, Pointer a, int lda, Pointer s, Pointer u, int ldu, Pointer vt, int ldvt);

    /** Cholesky factorization of the uplo triangle; info &gt; 0: the leading minor of order info is not positive. */
    abstract int potrf(char uplo, int n, Pointer a, int lda);

    /** LU with partial pivoting (1-based pivots); info &gt; 0: U(info, info) is exactly zero. */
    abstract int getrf(int m, int n, Pointer a, int lda, IntPointer ipiv);

    /** Inverse from the output of {@link #getrf}. */
    abstract int getri(int n, Pointer a, int lda, IntPointer ipiv);

    /** Reciprocal condition number estimate from an LU factorization; NaN if LAPACK reports an error. */
    abstract double gecon(char norm, int n, Pointer lu, int lda, double anorm);

    /** Reciprocal condition number estimate (1-norm) from a Cholesky factor; NaN on error. */
    abstract double pocon(char uplo, int n, Pointer chol, int lda, double anorm);

    /** Reciprocal condition number estimate of a triangular matrix; NaN on error. */
    abstract double trcon(char norm, char uplo, char diag, int n, Pointer t, int lda);

    /** A matrix norm: 'M' max abs, '1' one-norm, 'I' infinity norm, 'F' Frobenius. */
    abstract double lange(char norm, int m, int n, Pointer a, int lda);

    /**
     * Solves op(T) X = B in place in B, where T is m x m and B is m x n, both ROW-major (C order): CBLAS handles
     * row-major without copying.
     */
    abstract void trsmRowMajor(boolean lower, boolean transpose, boolean unitDiagonal, int m, int n,
                               Pointer t, int ldt, Pointer b, int ldb);

    /** The 0-based index of the first element of largest magnitude among n elements from offset with stride inc. */
    abstract long iamax(int n, Pointer x, long offset, int inc);

    /** Negates n elements from offset with stride inc, in place. */
    abstract void negate(int n, Pointer x, long offset, int inc);

    /** Swaps n contiguous elements at offsetA with n contiguous elements at offsetB of the same buffer. */
    abstract void swap(int n, Pointer x, long offsetA, long offsetB);

    /** A norm of the symmetric matrix stored in the uplo triangle: 'M', '1' (= 'I') or 'F'. */
    abstract double lansy(char norm, char uplo, int n, Pointer a, int lda);

    private static DoublePointer d(Pointer p) {
        return new DoublePointer(p);
    }

    private static FloatPointer f(Pointer p) {
        return new FloatPointer(p);
    }

    private static int uplo(boolean lower) {
        return lower ? openblas.CblasLower : openblas.CblasUpper;
    }

    private static int trans(boolean transpose) {
        return transpose ? openblas.CblasTrans : openblas.CblasNoTrans;
    }

    private static int diag(boolean unit) {
        return unit ? openblas.CblasUnit : openblas.CblasNonUnit;
    }
}
