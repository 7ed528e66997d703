package org.tessella.linalg.kernel;

import static org.tessella.linalg.kernel.Matrices.cols;
import static org.tessella.linalg.kernel.Matrices.rows;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.LUDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.linalg.LinAlgException;

/**
 * Kernels for small matrices (stacked R factors, k x k cores): EJML on row-major Java arrays, where LAPACKE's
 * per-call overhead (JNI, native allocation, layout copies) would dominate.
 *
 * <p>EJML always computes in float64; float32 inputs are widened and the results narrowed back, so float32 stays
 * float32 and is, if anything, slightly more accurate here than on the LAPACK path. Conditioning checks use the
 * input type's epsilon, like {@link LapackKernels}, and the sign conventions of {@link Signs} are the same.
 * Inputs must already have the compute type, be non-empty and be validated: {@link Kernels} does that.
 */
final class EjmlKernels {
    private EjmlKernels() {
    }

    static Kernels.Qr qr(INDArray a) {
        int m = rows(a);
        int n = cols(a);
        int k = Math.min(m, n);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
        DMatrixRMaj am = toEjml(a);
        requireFinite("a", am);
        // EJML's Householder QR returns false when a column is zero on and below the diagonal (rank-deficient
        // blocks, e.g. a zero row block of a TSQR panel), but the factorization is still valid: that step's
        // reflector is the identity (gamma = 0) and R[j, j] = 0, as LAPACK's geqrf does with tau = 0. NaN was
        // rejected above, so the result is used either way.
        qr.decompose(am);
        DMatrixRMaj q = qr.getQ(null, true);
        DMatrixRMaj r = qr.getR(null, true);
        Signs.normalizeQr(q.data, m, k, r.data, n);
        return new Kernels.Qr(toNd4j(q, a.dataType()), toNd4j(r, a.dataType()));
    }

    static Kernels.Svd svd(INDArray a) {
        int m = rows(a);
        int n = cols(a);
        int k = Math.min(m, n);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
        DMatrixRMaj am = toEjml(a);
        requireFinite("a", am);
        if (!svd.decompose(am)) {
            throw new LinAlgException("a", "a: the SVD did not converge (EJML); expected finite values");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj vt = svd.getV(null, true);
        double[] s = svd.getSingularValues().clone();
        SingularOps_DDRM.descendingOrder(u, false, s, k, vt, true);
        Signs.normalizeSvd(u.data, m, k, vt.data, n);
        return new Kernels.Svd(toNd4j(u, a.dataType()), vector(s, k, a.dataType()), toNd4j(vt, a.dataType()));
    }

    static INDArray singularValues(INDArray a) {
        int m = rows(a);
        int n = cols(a);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, false, false, true);
        DMatrixRMaj am = toEjml(a);
        requireFinite("a", am);
        if (!svd.decompose(am)) {
            throw new LinAlgException("a", "a: the SVD did not converge (EJML); expected finite values");
        }
        double[] s = svd.getSingularValues().clone();
        int k = Math.min(m, n);
        java.util.Arrays.sort(s, 0, k);
        for (int i = 0; i < k / 2; i++) {
            double t = s[i];
            s[i] = s[k - 1 - i];
            s[k - 1 - i] = t;
        }
        return vector(s, k, a.dataType());
    }

    static INDArray cholesky(INDArray a) {
        int n = rows(a);
        DMatrixRMaj am = toEjml(a);
        symmetrizeFromLower(am); // EJML reads both triangles; the contract is "only the lower one"
        requireFinite("a", am);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(am)) {
            // EJML does not say where it failed; LAPACK's potrf names the leading minor that is not positive
            // (and decides borderline cases the same way as the large-matrix path).
            return LapackKernels.cholesky(a);
        }
        DMatrixRMaj l = chol.getT(null);
        zeroStrictUpper(l);
        return toNd4j(l, a.dataType());
    }

    static Kernels.Lu lu(INDArray a) {
        int m = rows(a);
        int n = cols(a);
        DMatrixRMaj am = toEjml(a);
        requireFinite("a", am);
        LUDecomposition_F64<DMatrixRMaj> lu = DecompositionFactory_DDRM.lu(m, n);
        if (!lu.decompose(am)) {
            throw new IllegalStateException("EJML LU failed on a " + m + "x" + n + " matrix");
        }
        DMatrixRMaj l = lu.getLower(null);
        DMatrixRMaj u = lu.getUpper(null);
        int[] perm = java.util.Arrays.copyOf(lu.getRowPivotV(null), m);
        return new Kernels.Lu(perm, toNd4j(l, a.dataType()), toNd4j(u, a.dataType()));
    }

    static INDArray solve(INDArray a, INDArray b) {
        int n = rows(a);
        DMatrixRMaj am = toEjml(a);
        requireFinite("a", am);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        double anorm = NormOps_DDRM.inducedP1(am);
        if (!solver.setA(solver.modifiesA() ? am.copy() : am)) {
            throw singular("a");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        solver.invert(inverse);
        requireWellConditioned("a", a.dataType(), anorm, inverse);
        return solveWith(solver, b, a.dataType());
    }

    static INDArray solveSpd(INDArray a, INDArray b) {
        int n = rows(a);
        DMatrixRMaj am = toEjml(a);
        symmetrizeFromLower(am);
        requireFinite("a", am);
        double anorm = NormOps_DDRM.inducedP1(am);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(n);
        if (!solver.setA(solver.modifiesA() ? am.copy() : am)) {
            return LapackKernels.solveSpd(a, b); // names the leading minor, as in cholesky
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        solver.invert(inverse);
        requireWellConditioned("a", a.dataType(), anorm, inverse);
        return solveWith(solver, b, a.dataType());
    }

    static INDArray solveTriangular(INDArray t, INDArray b, boolean lower, boolean transpose, boolean unitDiagonal) {
        int n = rows(t);
        DMatrixRMaj tm = toEjml(t);
        requireFinite("a", tm);
        // Keep only the referenced triangle (and a unit diagonal if requested), then solve op(T) X = B.
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (lower ? j > i : j < i) {
                    tm.data[i * n + j] = 0.0;
                }
            }
            if (unitDiagonal) {
                tm.data[i * n + i] = 1.0;
            } else if (tm.data[i * n + i] == 0.0) {
                throw new LinAlgException("a", "a is singular: diagonal element " + i
                        + " is zero; expected a nonsingular triangular matrix");
            }
        }
        if (transpose) {
            tm = CommonOps_DDRM.transpose(tm, null);
        }
        boolean effectiveLower = lower != transpose;
        double anorm = NormOps_DDRM.inducedP1(tm);
        DMatrixRMaj inverse = CommonOps_DDRM.identity(n);
        substitute(tm, inverse, effectiveLower);
        requireWellConditioned("a", t.dataType(), anorm, inverse);
        DMatrixRMaj x = toEjml(b);
        substitute(tm, x, effectiveLower);
        return toNd4j(x, t.dataType());
    }

    static INDArray inv(INDArray a) {
        int n = rows(a);
        DMatrixRMaj am = toEjml(a);
        requireFinite("a", am);
        double anorm = NormOps_DDRM.inducedP1(am);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(n);
        if (!solver.setA(solver.modifiesA() ? am.copy() : am)) {
            throw singular("a");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(n, n);
        solver.invert(inverse);
        requireWellConditioned("a", a.dataType(), anorm, inverse);
        return toNd4j(inverse, a.dataType());
    }

    /** Forward (lower) or backward (upper) substitution of a triangular t into the columns of x, in place. */
    private static void substitute(DMatrixRMaj t, DMatrixRMaj x, boolean lower) {
        int n = t.numRows;
        int k = x.numCols;
        double[] td = t.data;
        double[] xd = x.data;
        if (lower) {
            for (int i = 0; i < n; i++) {
                double d = td[i * n + i];
                for (int c = 0; c < k; c++) {
                    double s = xd[i * k + c];
                    for (int j = 0; j < i; j++) {
                        s -= td[i * n + j] * xd[j * k + c];
                    }
                    xd[i * k + c] = s / d;
                }
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                double d = td[i * n + i];
                for (int c = 0; c < k; c++) {
                    double s = xd[i * k + c];
                    for (int j = i + 1; j < n; j++) {
                        s -= td[i * n + j] * xd[j * k + c];
                    }
                    xd[i * k + c] = s / d;
                }
            }
        }
    }

    private static INDArray solveWith(LinearSolverDense<DMatrixRMaj> solver, INDArray b, DataType type) {
        DMatrixRMaj bm = toEjml(b);
        DMatrixRMaj x = new DMatrixRMaj(bm.numRows, bm.numCols);
        solver.solve(solver.modifiesB() ? bm.copy() : bm, x);
        return toNd4j(x, type);
    }

    /** The same policy as the LAPACK path: reciprocal condition number (1-norm) at least machine epsilon. */
    private static void requireWellConditioned(String name, DataType type, double anorm, DMatrixRMaj inverse) {
        double inorm = NormOps_DDRM.inducedP1(inverse);
        double rcond = Double.isFinite(inorm) && inorm > 0 && anorm > 0 ? 1.0 / (anorm * inorm) : 0.0;
        LapackKernels.requireWellConditioned(name, Precision.of(type), rcond);
    }

    private static void symmetrizeFromLower(DMatrixRMaj a) {
        int n = a.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a.data[i * n + j] = a.data[j * n + i];
            }
        }
    }

    private static void zeroStrictUpper(DMatrixRMaj a) {
        int n = a.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a.data[i * n + j] = 0.0;
            }
        }
    }

    private static void requireFinite(String name, DMatrixRMaj a) {
        for (double v : a.data) {
            if (Double.isNaN(v)) {
                throw new LinAlgException(name, name + " contains NaN; expected finite values");
            }
        }
    }

    private static LinAlgException singular(String name) {
        return new LinAlgException(name, name + " is singular: its LU factorization has a zero pivot; "
                + "expected a nonsingular matrix");
    }


    /** A row-major float64 copy of a matrix (any numeric type, any layout). */
    static DMatrixRMaj toEjml(INDArray a) {
        INDArray c = Matrices.plainC(a);
        try {
            return DMatrixRMaj.wrap((int) a.size(0), (int) a.size(1), c.data().asDouble());
        } finally {
            if (c != a) {
                c.close();
            }
        }
    }

    static INDArray toNd4j(DMatrixRMaj m, DataType type) {
        int size = m.numRows * m.numCols;
        double[] data = m.data.length == size ? m.data : java.util.Arrays.copyOf(m.data, size);
        INDArray d = Nd4j.create(data, new long[] {m.numRows, m.numCols}, DataType.DOUBLE);
        if (type == DataType.DOUBLE) {
            return d;
        }
        INDArray c = d.castTo(type);
        d.close();
        return c;
    }

    private static INDArray vector(double[] s, int k, DataType type) {
        double[] exact = s.length == k ? s : java.util.Arrays.copyOf(s, k);
        INDArray d = Nd4j.createFromArray(exact);
        if (type == DataType.DOUBLE) {
            return d;
        }
        INDArray c = d.castTo(type);
        d.close();
        return c;
    }
}
