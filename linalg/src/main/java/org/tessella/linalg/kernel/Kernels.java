package org.tessella.linalg.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.tessella.linalg.LinAlgException;

/**
 * Dense factorizations and solvers on single blocks: the façade the blocked algorithms call.
 *
 * <p>Each method validates its arguments, chooses the compute type (float32 when every input is float32, otherwise
 * float64, as NumPy's linalg does), handles empty shapes, and dispatches by the measured thresholds in
 * {@code Thresholds} to LAPACKE (large blocks) or EJML (small matrices). Both backends return the same
 * factorization with the same sign conventions:
 * <ul>
 *   <li>QR: {@code diag(R) >= 0};</li>
 *   <li>SVD: singular values descending, and the largest-magnitude entry of each column of U positive.</li>
 * </ul>
 *
 * <p>Inputs are never modified. Every returned array is freshly allocated, C order, owned by the caller (close it to
 * free its native memory at once). Bad shapes throw {@link IllegalArgumentException}; values that make the problem
 * impossible (singular, not positive definite, NaN) throw {@link LinAlgException}, naming the argument.
 *
 * <p>Not part of the user API: it is public only so that the {@code org.tessella.linalg} graph code can reach it.
 */
public final class Kernels {
    private Kernels() {
    }

    /** A thin QR factorization {@code A = Q R}: Q is m x k with orthonormal columns, R is k x n upper trapezoidal. */
    public record Qr(INDArray q, INDArray r) {
        public Qr {
            Objects.requireNonNull(q, "q");
            Objects.requireNonNull(r, "r");
        }
    }

    /** A thin SVD {@code A = U diag(s) Vᵀ}: U is m x k, s has length k (descending), vt is k x n. */
    public record Svd(INDArray u, INDArray s, INDArray vt) {
        public Svd {
            Objects.requireNonNull(u, "u");
            Objects.requireNonNull(s, "s");
            Objects.requireNonNull(vt, "vt");
        }
    }

    /**
     * An LU factorization with partial pivoting of an m x n matrix: {@code A[perm[i], :] = (L U)[i, :]}, L is m x k
     * unit lower trapezoidal, U is k x n upper trapezoidal, k = min(m, n). In matrix form {@code A = P L U} with
     * {@code P[perm[i], i] = 1} (SciPy's convention).
     */
    public record Lu(int[] perm, INDArray l, INDArray u) {
        public Lu {
            perm = Objects.requireNonNull(perm, "perm").clone();
            Objects.requireNonNull(l, "l");
            Objects.requireNonNull(u, "u");
        }

        /** The row permutation; a copy. */
        @Override
        public int[] perm() {
            return perm.clone();
        }

        /** The permutation matrix P (m x m) with {@code A = P L U}, in the type of L. */
        public INDArray permutationMatrix() {
            int m = perm.length;
            INDArray p = Nd4j.create(l.dataType(), m, m);
            for (int i = 0; i < m; i++) {
                p.putScalar(perm[i], i, 1.0);
            }
            return p;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Lu other && Arrays.equals(perm, other.perm) && l.equals(other.l) && u.equals(other.u);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(perm) + l.hashCode()) + u.hashCode();
        }

        @Override
        public String toString() {
            return "Lu[perm=" + Arrays.toString(perm) + ", l=" + Arrays.toString(l.shape()) + ", u="
                    + Arrays.toString(u.shape()) + "]";
        }
    }

    /**
     * The QR of blocks stacked vertically, {@code [B_0; B_1; ...] = [Q_0; Q_1; ...] R}: the reduction step of TSQR
     * (the blocks are R factors of the level below). {@code qPieces.get(i)} has as many rows as block i.
     */
    public record StackedQr(List<INDArray> qPieces, INDArray r) {
        public StackedQr {
            qPieces = List.copyOf(qPieces);
            Objects.requireNonNull(r, "r");
        }
    }

    /**
     * Thin QR of an m x n matrix with {@code diag(R) >= 0}. Empty shapes give Q m x 0 and R 0 x n (or Q 0 x 0 and
     * R 0 x n).
     *
     * @throws LinAlgException if {@code a} contains NaN
     */
    public static Qr qr(INDArray a) {
        Matrices.requireMatrix("a", a);
        DataType type = Matrices.computeType(a);
        long m = a.size(0);
        long n = a.size(1);
        long k = Math.min(m, n);
        if (k == 0) {
            return new Qr(Nd4j.create(type, m, k), Nd4j.create(type, k, n));
        }
        INDArray x = Matrices.as(a, type);
        return Thresholds.work(m, n) <= Thresholds.QR_EJML_MAX_WORK ? EjmlKernels.qr(x) : LapackKernels.qr(x);
    }

    /**
     * QR of the vertical stack of {@code blocks}, which must all be matrices with the same number of columns (any
     * number of rows, including fewer rows than columns, or none). Returns the rows of the thin Q that belong to
     * each block, and R ({@code min(Σrows, n) x n}, diag(R) &gt;= 0). With the sign convention, the TSQR tree built
     * from {@link #qr} and this step yields the same Q and R as one QR of the whole matrix (full column rank).
     *
     * @throws IllegalArgumentException if {@code blocks} is empty or the column counts differ
     */
    public static StackedQr qrStacked(List<INDArray> blocks) {
        Objects.requireNonNull(blocks, "blocks");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("blocks is empty: []; expected at least one matrix");
        }
        long n = -1;
        for (int i = 0; i < blocks.size(); i++) {
            INDArray b = blocks.get(i);
            Matrices.requireMatrix("blocks[" + i + "]", b);
            if (n >= 0 && b.size(1) != n) {
                throw new IllegalArgumentException("blocks[" + i + "] has the wrong number of columns: shape "
                        + Arrays.toString(b.shape()) + "; expected " + n + " columns like blocks[0]");
            }
            n = b.size(1);
        }
        DataType type = Matrices.computeType(blocks.toArray(new INDArray[0]));
        INDArray[] typed = new INDArray[blocks.size()];
        for (int i = 0; i < typed.length; i++) {
            typed[i] = Matrices.as(blocks.get(i), type);
        }
        INDArray stacked = typed.length == 1 ? typed[0] : Nd4j.vstack(typed);
        Qr qr = qr(stacked);
        if (stacked != typed[0]) {
            stacked.close();
        }
        long k = qr.q().size(1);
        List<INDArray> pieces = new ArrayList<>(typed.length);
        long offset = 0;
        for (INDArray b : typed) {
            long rows = b.size(0);
            pieces.add(rows == 0 ? Nd4j.create(type, 0, k)
                    : qr.q().get(NDArrayIndex.interval(offset, offset + rows), NDArrayIndex.all()).dup('c'));
            offset += rows;
        }
        qr.q().close();
        return new StackedQr(pieces, qr.r());
    }

    /**
     * The matrix product {@code A B} as a new C-order array (ND4J gemm, i.e. OpenBLAS), in the compute type.
     *
     * @throws IllegalArgumentException if the inner dimensions differ
     */
    public static INDArray matmul(INDArray a, INDArray b) {
        Matrices.requireMatrix("a", a);
        Matrices.requireMatrix("b", b);
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("b has the wrong number of rows: shape " + Arrays.toString(b.shape())
                    + "; expected " + a.size(1) + " rows to match a of shape " + Arrays.toString(a.shape()));
        }
        DataType type = Matrices.computeType(a, b);
        long m = a.size(0);
        long n = b.size(1);
        if (m == 0 || n == 0 || a.size(1) == 0) {
            return Nd4j.create(type, m, n);
        }
        return Matrices.as(a, type).mmul(Matrices.as(b, type), 'c');
    }

    /**
     * Thin SVD of an m x n matrix, singular values descending, signs normalized (see the class comment).
     *
     * @throws LinAlgException if {@code a} contains NaN or the iteration does not converge
     */
    public static Svd svd(INDArray a) {
        Matrices.requireMatrix("a", a);
        DataType type = Matrices.computeType(a);
        long m = a.size(0);
        long n = a.size(1);
        long k = Math.min(m, n);
        if (k == 0) {
            return new Svd(Nd4j.create(type, m, k), Nd4j.create(type, k), Nd4j.create(type, k, n));
        }
        INDArray x = Matrices.as(a, type);
        return Thresholds.work(m, n) <= Thresholds.SVD_EJML_MAX_WORK ? EjmlKernels.svd(x) : LapackKernels.svd(x);
    }

    /**
     * The singular values of an m x n matrix, descending, as a vector of length min(m, n); cheaper than
     * {@link #svd} because no singular vectors are formed.
     */
    public static INDArray singularValues(INDArray a) {
        Matrices.requireMatrix("a", a);
        DataType type = Matrices.computeType(a);
        long m = a.size(0);
        long n = a.size(1);
        long k = Math.min(m, n);
        if (k == 0) {
            return Nd4j.create(type, k);
        }
        INDArray x = Matrices.as(a, type);
        return Thresholds.work(m, n) <= Thresholds.SVD_EJML_MAX_WORK
                ? EjmlKernels.singularValues(x) : LapackKernels.singularValues(x);
    }

    /**
     * The lower Cholesky factor L of a symmetric positive-definite matrix, {@code A = L Lᵀ}. Only the lower
     * triangle of {@code a} is read (as NumPy does).
     *
     * @throws IllegalArgumentException if {@code a} is not square
     * @throws LinAlgException          if {@code a} is not positive definite or contains NaN
     */
    public static INDArray cholesky(INDArray a) {
        Matrices.requireSquare("a", a);
        DataType type = Matrices.computeType(a);
        long n = a.size(0);
        if (n == 0) {
            return Nd4j.create(type, 0, 0);
        }
        INDArray x = Matrices.as(a, type);
        return square(n) ? EjmlKernels.cholesky(x) : LapackKernels.cholesky(x);
    }

    /**
     * LU factorization with partial pivoting of an m x n matrix (see {@link Lu}). Singular matrices are allowed:
     * U then has a zero on its diagonal.
     */
    public static Lu lu(INDArray a) {
        Matrices.requireMatrix("a", a);
        DataType type = Matrices.computeType(a);
        long m = a.size(0);
        long n = a.size(1);
        long k = Math.min(m, n);
        if (k == 0) {
            int[] perm = new int[(int) m];
            Arrays.setAll(perm, i -> i);
            return new Lu(perm, Nd4j.create(type, m, k), Nd4j.create(type, k, n));
        }
        INDArray x = Matrices.as(a, type);
        return m == n && square(n) ? EjmlKernels.lu(x) : LapackKernels.lu(x);
    }

    /**
     * Solves {@code A X = B} for a square, nonsingular A; {@code b} is a vector of length n (the result is a vector)
     * or an n x k matrix.
     *
     * @throws IllegalArgumentException if {@code a} is not square or {@code b} does not match it
     * @throws LinAlgException          if {@code a} is singular to working precision (reciprocal condition number
     *                                  below machine epsilon) or contains NaN
     */
    public static INDArray solve(INDArray a, INDArray b) {
        Matrices.requireSquare("a", a);
        Matrices.requireRightHandSide("b", b, "a", a);
        return solveSquare(a, b, (x, y) -> {
            try {
                return square(x.size(0)) ? EjmlKernels.solve(x, y) : LapackKernels.solve(x, y);
            } catch (LinAlgException e) {
                throw namingTheZeroPivot(e, x);
            }
        });
    }

    /**
     * Solves {@code A X = B} for a symmetric positive-definite A through its Cholesky factor; only the lower
     * triangle of {@code a} is read.
     *
     * @throws LinAlgException if {@code a} is not positive definite, is singular to working precision or contains NaN
     */
    public static INDArray solveSpd(INDArray a, INDArray b) {
        Matrices.requireSquare("a", a);
        Matrices.requireRightHandSide("b", b, "a", a);
        return solveSquare(a, b, (x, y) -> square(x.size(0)) ? EjmlKernels.solveSpd(x, y) : LapackKernels.solveSpd(x, y));
    }

    /**
     * Solves {@code op(A) X = B} for a triangular A, where op(A) is A or Aᵀ; only the triangle named by
     * {@code lower} is read, and with {@code unitDiagonal} the diagonal is taken as ones and not read.
     *
     * @throws LinAlgException if {@code a} has a zero on its diagonal or is singular to working precision
     */
    public static INDArray solveTriangular(INDArray a, INDArray b, boolean lower, boolean transpose,
                                           boolean unitDiagonal) {
        Matrices.requireSquare("a", a);
        Matrices.requireRightHandSide("b", b, "a", a);
        return solveSquare(a, b, (x, y) -> square(x.size(0))
                ? EjmlKernels.solveTriangular(x, y, lower, transpose, unitDiagonal)
                : LapackKernels.solveTriangular(x, y, lower, transpose, unitDiagonal));
    }

    /**
     * The inverse of a square, nonsingular matrix.
     *
     * @throws LinAlgException if {@code a} is singular to working precision or contains NaN
     */
    public static INDArray inv(INDArray a) {
        Matrices.requireSquare("a", a);
        DataType type = Matrices.computeType(a);
        long n = a.size(0);
        if (n == 0) {
            return Nd4j.create(type, 0, 0);
        }
        INDArray x = Matrices.as(a, type);
        try {
            return square(n) ? EjmlKernels.inv(x) : LapackKernels.inv(x);
        } catch (LinAlgException e) {
            throw namingTheZeroPivot(e, x);
        }
    }

    /**
     * A singular-matrix failure restated with the first exactly zero pivot of {@code a = P L U}, the factorization
     * {@link #lu} returns (the LAPACK path factors the transpose, and the EJML path only sees a condition
     * number, so neither can name it). Other failures (NaN, merely ill-conditioned) are returned as they are.
     */
    private static LinAlgException namingTheZeroPivot(LinAlgException e, INDArray a) {
        if (!"a".equals(e.argument()) || !e.getMessage().contains("singular")) {
            return e;
        }
        INDArray u = lu(a).u();
        long n = Math.min(u.size(0), u.size(1));
        for (long i = 0; i < n; i++) {
            if (u.getDouble(i, i) == 0.0) {
                LinAlgException named = new LinAlgException("a", "a is singular: U[" + i + ", " + i
                        + "] of its LU factorization a = P L U is exactly zero; expected a nonsingular matrix");
                named.addSuppressed(e);
                return named;
            }
        }
        return e;
    }

    private interface SquareSolver {
        INDArray solve(INDArray a, INDArray b);
    }

    /** Common handling of the right-hand side: type, vectors as n x 1, empty shapes. */
    private static INDArray solveSquare(INDArray a, INDArray b, SquareSolver solver) {
        DataType type = Matrices.computeType(a, b);
        long n = a.size(0);
        boolean vector = b.rank() == 1;
        long k = vector ? 1 : b.size(1);
        if (n == 0 || k == 0) {
            return vector ? Nd4j.create(type, n) : Nd4j.create(type, n, k);
        }
        INDArray x = Matrices.as(a, type);
        INDArray y = Matrices.as(b, type);
        if (vector) {
            y = y.reshape(n, 1);
        }
        INDArray result = solver.solve(x, y);
        return vector ? result.reshape(n) : result;
    }

    private static boolean square(long n) {
        return n * n * n <= Thresholds.SQUARE_EJML_MAX_WORK;
    }
}
