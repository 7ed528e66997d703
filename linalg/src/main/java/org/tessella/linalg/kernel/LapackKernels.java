package org.tessella.linalg.kernel;

import static org.tessella.linalg.kernel.Matrices.cols;
import static org.tessella.linalg.kernel.Matrices.newC;
import static org.tessella.linalg.kernel.Matrices.newF;
import static org.tessella.linalg.kernel.Matrices.rows;
import static org.tessella.linalg.kernel.Matrices.scratch;
import static org.tessella.linalg.kernel.Precision.pointer;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.tessella.linalg.LinAlgException;

/**
 * Kernels for large blocks: LAPACKE and CBLAS from the OpenBLAS build ND4J ships.
 *
 * <h2>Layouts</h2>
 * LAPACK is column-major; blocks are C order. A C-order {@code m x n} buffer <em>is</em> the column-major
 * {@code n x m} matrix {@code Aᵀ}, and each kernel picks whichever reading avoids copies:
 * <ul>
 *   <li>QR, LU and the SVD of tall matrices work on an F-order copy of A (the copy is needed anyway because LAPACK
 *       overwrites its input). Reading the C buffer as {@code Aᵀ} and using {@code gelqf}/{@code orglq} instead was
 *       measured 2.4x slower than {@code geqrf}/{@code orgqr} on 100,000 x 100 (see docs/design-notes.md).</li>
 *   <li>The SVD of a wide matrix factors the C buffer as the tall {@code Aᵀ}: its column-major {@code U'} and
 *       {@code V'ᵀ} are exactly {@code Vᵀ} and {@code U} in C order, so nothing is transposed.</li>
 *   <li>Cholesky, solve and inverse factor the C buffer as {@code Aᵀ} (for a symmetric matrix that is A itself)
 *       and finish with row-major CBLAS triangular solves, so neither A nor B is ever transposed.</li>
 * </ul>
 * Inputs must already have the compute type, be non-empty and be validated: {@link Kernels} does that.
 */
final class LapackKernels {
    /** LAPACKE's info for a failed workspace allocation (-1011 for a failed transpose buffer). */
    private static final int LAPACK_WORK_MEMORY_ERROR = -1010;

    private LapackKernels() {
    }

    /** Thin QR of an m x n matrix: Q m x k with orthonormal columns, R k x n upper trapezoidal, k = min(m, n). */
    static Kernels.Qr qr(INDArray a) {
        Precision p = Precision.of(a.dataType());
        int m = rows(a);
        int n = cols(a);
        int k = Math.min(m, n);
        INDArray w = Matrices.copy(a, 'f');
        try (Pointer tau = scratch(p, k)) {
            check(p.geqrf(m, n, pointer(w), m, tau), "geqrf", "a");
            INDArray r = Matrices.upperFromColumnMajor(w, m, k, n);
            check(p.orgqr(m, k, k, pointer(w), m, tau), "orgqr", "a");
            INDArray q = k == n ? w.dup('c') : w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).dup('c');
            Signs.normalizeQr(p, q, r);
            return new Kernels.Qr(q, r);
        } finally {
            w.close();
        }
    }

    /** Thin SVD by divide and conquer ({@code gesdd}, jobz 'S'); singular values descending. */
    static Kernels.Svd svd(INDArray a) {
        Precision p = Precision.of(a.dataType());
        int m = rows(a);
        int n = cols(a);
        int k = Math.min(m, n);
        INDArray s = org.nd4j.linalg.factory.Nd4j.createUninitialized(p.dataType, k);
        INDArray u;
        INDArray vt;
        if (m >= n) {
            INDArray w = Matrices.copy(a, 'f');
            INDArray uf = newF(p.dataType, m, k);
            INDArray vtf = newF(p.dataType, k, n);
            try {
                checkSvd(p.gesdd('S', m, n, pointer(w), m, pointer(s), pointer(uf), m, pointer(vtf), k));
                u = uf.dup('c');
                vt = vtf.dup('c');
            } finally {
                w.close();
                uf.close();
                vtf.close();
            }
        } else {
            // The C buffer is the tall column-major Aᵀ = U' S V'ᵀ; U' read back in C order is Vᵀ, V'ᵀ is U.
            INDArray w = Matrices.copy(a, 'c');
            u = newC(p.dataType, m, k);
            vt = newC(p.dataType, k, n);
            try {
                checkSvd(p.gesdd('S', n, m, pointer(w), n, pointer(s), pointer(vt), n, pointer(u), k));
            } finally {
                w.close();
            }
        }
        Signs.normalizeSvd(p, u, vt);
        return new Kernels.Svd(u, s, vt);
    }

    /** Singular values only, descending ({@code gesdd}, jobz 'N'), on whichever reading of A is tall. */
    static INDArray singularValues(INDArray a) {
        Precision p = Precision.of(a.dataType());
        int m = rows(a);
        int n = cols(a);
        int k = Math.min(m, n);
        INDArray s = org.nd4j.linalg.factory.Nd4j.createUninitialized(p.dataType, k);
        INDArray w = Matrices.copy(a, m >= n ? 'f' : 'c');
        try (Pointer dummy = scratch(p, 1)) {
            int rowsT = Math.max(m, n);
            int colsT = Math.min(m, n);
            checkSvd(p.gesdd('N', rowsT, colsT, pointer(w), rowsT, pointer(s), dummy, 1, dummy, 1));
        } finally {
            w.close();
        }
        return s;
    }

    /** Lower Cholesky factor L with A = L Lᵀ; reads only the lower triangle of A. */
    static INDArray cholesky(INDArray a) {
        Precision p = Precision.of(a.dataType());
        int n = rows(a);
        // Column-major reading of the C buffer is Aᵀ; its upper triangle is A's lower triangle, and the upper
        // factor U (Aᵀ = Uᵀ U) read back in C order is L = Uᵀ.
        INDArray w = Matrices.copy(a, 'c');
        int info = p.potrf('U', n, pointer(w), n);
        if (info > 0) {
            w.close();
            throw notPositiveDefinite("a", info);
        }
        check(info, "potrf", "a");
        Matrices.zeroStrictUpper(w, n);
        return w;
    }

    /** LU with partial pivoting of an m x n matrix: A[perm[i], :] = (L U)[i, :]. Singular matrices are allowed. */
    static Kernels.Lu lu(INDArray a) {
        Precision p = Precision.of(a.dataType());
        int m = rows(a);
        int n = cols(a);
        int k = Math.min(m, n);
        INDArray w = Matrices.copy(a, 'f');
        try (IntPointer ipiv = new IntPointer(k)) {
            int info = LargeStack.call(() -> p.getrf(m, n, pointer(w), m, ipiv));
            if (info < 0) {
                check(info, "getrf", "a");
            }
            // info > 0 only says U has an exact zero on its diagonal: still a valid factorization.
            INDArray l = org.nd4j.linalg.factory.Nd4j.create(p.dataType, m, k);
            INDArray u = org.nd4j.linalg.factory.Nd4j.create(p.dataType, k, n);
            DataBuffer wb = w.data();
            DataBuffer lb = l.data();
            DataBuffer ub = u.data();
            for (int i = 0; i < m; i++) {
                int lim = Math.min(i, k);
                for (int j = 0; j < lim; j++) {
                    lb.put((long) i * k + j, wb.getDouble(i + (long) j * m));
                }
                if (i < k) {
                    lb.put((long) i * k + i, 1.0);
                    for (int j = i; j < n; j++) {
                        ub.put((long) i * n + j, wb.getDouble(i + (long) j * m));
                    }
                }
            }
            int[] perm = new int[m];
            for (int i = 0; i < m; i++) {
                perm[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int r = ipiv.get(i) - 1;
                int t = perm[i];
                perm[i] = perm[r];
                perm[r] = t;
            }
            return new Kernels.Lu(perm, l, u);
        } finally {
            w.close();
        }
    }

    /**
     * Solves A X = B for a general square A (B n x k, C order, any k &gt;= 1). Throws {@link LinAlgException} when A
     * is singular to working precision (reciprocal condition number below machine epsilon).
     */
    static INDArray solve(INDArray a, INDArray b) {
        Precision p = Precision.of(a.dataType());
        int n = rows(a);
        int k = cols(b);
        // Column-major reading: M = Aᵀ = P L U, so A = Uᵀ Lᵀ Pᵀ; in the C view the lower triangle of the factored
        // buffer is Uᵀ (non-unit) and the strict upper triangle is Lᵀ (unit).
        INDArray w = Matrices.copy(a, 'c');
        try (IntPointer ipiv = new IntPointer(n)) {
            factorGeneral(p, w, n, ipiv);
            INDArray x = Matrices.copy(b, 'c');
            p.trsmRowMajor(true, false, false, n, k, pointer(w), n, pointer(x), k);
            p.trsmRowMajor(false, false, true, n, k, pointer(w), n, pointer(x), k);
            // X = P Y with P = S_0 S_1 ... S_{n-1}: apply the interchanges in reverse order.
            for (int i = n - 1; i >= 0; i--) {
                int r = ipiv.get(i) - 1;
                if (r != i) {
                    p.swap(k, pointer(x), (long) i * k, (long) r * k);
                }
            }
            return x;
        } finally {
            w.close();
        }
    }

    /** Solves A X = B for a symmetric positive-definite A, reading only A's lower triangle. */
    static INDArray solveSpd(INDArray a, INDArray b) {
        Precision p = Precision.of(a.dataType());
        int n = rows(a);
        int k = cols(b);
        INDArray w = Matrices.copy(a, 'c');
        try {
            double anorm = p.lansy('1', 'U', n, pointer(w), n);
            int info = p.potrf('U', n, pointer(w), n);
            if (info > 0) {
                throw notPositiveDefinite("a", info);
            }
            check(info, "potrf", "a");
            requireWellConditioned("a", p, p.pocon('U', n, pointer(w), n, anorm));
            // The C view's lower triangle now holds L with A = L Lᵀ.
            INDArray x = Matrices.copy(b, 'c');
            p.trsmRowMajor(true, false, false, n, k, pointer(w), n, pointer(x), k);
            p.trsmRowMajor(true, true, false, n, k, pointer(w), n, pointer(x), k);
            return x;
        } finally {
            w.close();
        }
    }

    /** Solves op(T) X = B for a triangular T; the other triangle of T is not read. */
    static INDArray solveTriangular(INDArray t, INDArray b, boolean lower, boolean transpose, boolean unitDiagonal) {
        Precision p = Precision.of(t.dataType());
        int n = rows(t);
        int k = cols(b);
        INDArray tc = Matrices.plainC(t);
        try {
            // trcon reads the C buffer as column-major Tᵀ, whose triangle is the opposite one.
            double rcond = p.trcon('1', lower ? 'U' : 'L', unitDiagonal ? 'U' : 'N', n, pointer(tc), n);
            if (!unitDiagonal) {
                DataBuffer d = tc.data();
                for (int i = 0; i < n; i++) {
                    if (d.getDouble((long) i * n + i) == 0.0) {
                        throw new LinAlgException("a", "a is singular: diagonal element " + i
                                + " is zero; expected a nonsingular triangular matrix");
                    }
                }
            }
            requireWellConditioned("a", p, rcond);
            INDArray x = Matrices.copy(b, 'c');
            p.trsmRowMajor(lower, transpose, unitDiagonal, n, k, pointer(tc), n, pointer(x), k);
            return x;
        } finally {
            if (tc != t) {
                tc.close();
            }
        }
    }

    /** The inverse of a square matrix; throws {@link LinAlgException} when it is singular to working precision. */
    static INDArray inv(INDArray a) {
        Precision p = Precision.of(a.dataType());
        int n = rows(a);
        // getrf + getri on the column-major Aᵀ give (Aᵀ)⁻¹ = (A⁻¹)ᵀ, which read in C order is A⁻¹.
        INDArray w = Matrices.copy(a, 'c');
        try (IntPointer ipiv = new IntPointer(n)) {
            factorGeneral(p, w, n, ipiv);
            check(p.getri(n, pointer(w), n, ipiv), "getri", "a");
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** LU-factors the column-major n x n matrix in w in place and rejects (numerically) singular matrices. */
    private static void factorGeneral(Precision p, INDArray w, int n, IntPointer ipiv) {
        double anorm = p.lange('1', n, n, pointer(w), n);
        int info = LargeStack.call(() -> p.getrf(n, n, pointer(w), n, ipiv));
        if (info > 0) {
            throw new LinAlgException("a", "a is singular: U[" + (info - 1) + ", " + (info - 1)
                    + "] of its LU factorization is exactly zero; expected a nonsingular matrix");
        }
        check(info, "getrf", "a");
        requireWellConditioned("a", p, p.gecon('1', n, pointer(w), n, anorm));
    }

    static void requireWellConditioned(String name, Precision p, double rcond) {
        if (Double.isNaN(rcond)) {
            throw new LinAlgException(name, name + " has no condition estimate: NaN; expected finite values");
        }
        if (!(rcond >= p.eps)) {
            throw new LinAlgException(name, name + " is singular to working precision: reciprocal condition number "
                    + rcond + "; expected at least machine epsilon " + p.eps + " for " + p.dataType);
        }
    }

    static LinAlgException notPositiveDefinite(String name, int minor) {
        return new LinAlgException(name, name + " is not positive definite: the leading minor of order " + minor
                + " is not positive; expected a symmetric positive-definite matrix");
    }

    private static void checkSvd(int info) {
        if (info > 0) {
            throw new LinAlgException("a", "a: the SVD did not converge (gesdd info " + info
                    + "); expected finite values");
        }
        check(info, "gesdd", "a");
    }

    /**
     * Maps LAPACKE's negative info to an error. LAPACKE's high-level functions check their matrix arguments for
     * NaN and report it as a negative info naming that argument; any other negative value is a bug here.
     */
    static void check(int info, String routine, String name) {
        if (info <= LAPACK_WORK_MEMORY_ERROR) {
            throw new OutOfMemoryError("LAPACKE " + routine + " could not allocate its workspace (info " + info + ")");
        }
        if (info < 0) {
            throw new LinAlgException(name, name + " contains NaN (LAPACKE " + routine + " rejected argument "
                    + (-info) + "); expected finite values");
        }
        if (info > 0) {
            throw new IllegalStateException("LAPACKE " + routine + " failed with info " + info);
        }
    }
}
