package org.tessella.linalg.kernel;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Block kernels of the blocked one-sided (Hestenes) Jacobi SVD that {@code org.tessella.linalg} builds as a graph.
 *
 * <p>A <em>panel state</em> is a column panel of the matrix being orthogonalized, kept as unit directions and
 * lengths, {@code B_p = U_p · diag(s_p)} (U_p n x w, s_p length w), plus the same panel of the accumulated right
 * rotations V (n x w, absent when only singular values are wanted) and a 1-element float64 vector holding the
 * largest off-diagonal measure seen so far in the current sweep. Keeping directions apart from lengths keeps the
 * directions of tiny and zero singular values orthonormal (they come out of a Householder Q), where normalizing
 * a column of length 1e-17 would not.
 *
 * <p>Not part of the user API: it is public only so that the graph code can reach it. Every returned array is
 * fresh, C order, owned by the caller; inputs are never modified.
 */
public final class JacobiKernels {
    private JacobiKernels() {
    }

    /**
     * The first state of panel {@code r} (n x w, columns {@code offset .. offset + w - 1} of an n x n matrix):
     * U = a copy of r, s = ones, V = those columns of the identity (when {@code vectors}), measure 0.
     *
     * @return {@code [u, s, v, measure]}, or {@code [u, s, measure]} without vectors
     */
    public static INDArray[] initialPanel(INDArray r, long offset, boolean vectors) {
        DataType type = r.dataType();
        long n = r.size(0);
        long w = r.size(1);
        INDArray u = r.dup('c');
        INDArray s = Nd4j.ones(type, w);
        INDArray m = Nd4j.zeros(DataType.DOUBLE, 1);
        if (!vectors) {
            return new INDArray[] {u, s, m};
        }
        INDArray v = Nd4j.create(type, new long[] {n, w}, 'c');
        for (long i = 0; i < w; i++) {
            v.putScalar(new long[] {offset + i, i}, 1.0);
        }
        return new INDArray[] {u, s, v, m};
    }

    /**
     * The rotation of one step of the block Jacobi method on a pair of panels {@code a} (the lower panel index) and
     * {@code b}: {@code X = [U_a diag(s_a), U_b diag(s_b)] = Q R} (Householder), {@code R = W Σ Zᵀ} (dense SVD, Σ
     * descending), and the new pair is {@code Q W} with lengths Σ: its columns are orthonormal directions, the first
     * {@code w_a} (the larger singular values) go to panel a, the rest to b. V's pair is rotated by Z, so
     * {@code X Z = (Q W) Σ}: the product of the panels with V is unchanged. Tiny and zero lengths keep orthonormal
     * directions (they come from Q).
     *
     * @param va V panel of a, or null (then vb must be null and no V is returned)
     * @return {@code [u_a, s_a, v_a, u_b, s_b, v_b]}, or {@code [u_a, s_a, u_b, s_b]} without V
     */
    public static INDArray[] rotatePair(INDArray ua, INDArray sa, INDArray va, INDArray ub, INDArray sb,
                                        INDArray vb) {
        boolean vectors = va != null;
        long wa = ua.size(1);
        long wb = ub.size(1);
        INDArray xa = ua.mulRowVector(sa);
        INDArray xb = ub.mulRowVector(sb);
        INDArray x = Nd4j.hstack(xa, xb);
        xa.close();
        xb.close();
        Kernels.Qr qr = Kernels.qr(x);
        x.close();
        Kernels.Svd svd = pairSvd(qr.r());
        qr.r().close();
        INDArray dirs = Kernels.matmul(qr.q(), svd.u());
        qr.q().close();
        svd.u().close();
        INDArray[] out = new INDArray[vectors ? 6 : 4];
        int k = 0;
        out[k++] = columns(dirs, 0, wa);
        out[k++] = svd.s().get(NDArrayIndex.interval(0, wa)).dup();
        INDArray vNew = null;
        if (vectors) {
            INDArray vPair = Nd4j.hstack(va, vb);
            INDArray z = svd.vt().transpose().dup('c');
            vNew = Kernels.matmul(vPair, z);
            vPair.close();
            z.close();
            out[k++] = columns(vNew, 0, wa);
        }
        out[k++] = columns(dirs, wa, wa + wb);
        out[k++] = svd.s().get(NDArrayIndex.interval(wa, wa + wb)).dup();
        if (vectors) {
            out[k] = columns(vNew, wa, wa + wb);
            vNew.close();
        }
        dirs.close();
        svd.s().close();
        svd.vt().close();
        return out;
    }

    /**
     * The 1-element float64 measure a pair step records: {@code own}, or its maximum with the carried measures
     * {@code ma}/{@code mb} of the inputs whose flag is set (the caller sets them for inputs produced in the same
     * sweep), so the end-of-sweep states carry the largest measure of the whole sweep.
     */
    public static INDArray measure(double own, INDArray ma, boolean useMa, INDArray mb, boolean useMb) {
        double carried = own;
        if (useMa) {
            carried = Math.max(carried, ma.getDouble(0));
        }
        if (useMb) {
            carried = Math.max(carried, mb.getDouble(0));
        }
        return Nd4j.createFromArray(new double[] {Double.isNaN(own) ? own : carried});
    }

    /**
     * The dense SVD of a pair's R factor. LAPACK's divide and conquer ({@code gesdd}) very rarely fails to converge
     * (info &gt; 0; met here on a 50 x 50 nearly diagonal, strongly graded factor); a blocked SVD runs thousands of
     * these, so a failure falls back to EJML's QR-iteration SVD, a different algorithm, before giving up (NaN fails
     * both, and the first error is thrown).
     */
    static Kernels.Svd pairSvd(INDArray r) {
        try {
            return Kernels.svd(r);
        } catch (org.tessella.linalg.LinAlgException e) {
            try {
                return EjmlKernels.svd(r);
            } catch (RuntimeException second) {
                e.addSuppressed(second);
                throw e;
            }
        }
    }

    /**
     * The off-diagonal measure of a pair of panels: {@code max |u_i · v_j| / (|u_i| |v_j|)} over the columns of
     * two n x w matrices (0 for zero columns; NaN if any value is NaN).
     */
    public static double cosineMeasure(INDArray u, INDArray v) {
        long wu = u.size(1);
        long wv = v.size(1);
        if (wu == 0 || wv == 0 || u.size(0) == 0) {
            return 0;
        }
        INDArray c = Kernels.matmul(u.transpose(), v);
        double[] cd = c.castTo(DataType.DOUBLE).data().asDouble();
        c.close();
        double[] nu = columnNorms(u);
        double[] nv = columnNorms(v);
        double max = 0;
        for (int i = 0; i < wu; i++) {
            for (int j = 0; j < wv; j++) {
                double d = nu[i] * nv[j];
                if (d > 0) {
                    double cos = Math.abs(cd[(int) (i * wv + j)]) / d;
                    if (cos > max || Double.isNaN(cos)) {
                        max = cos;
                    }
                }
            }
        }
        return max;
    }

    private static double[] columnNorms(INDArray a) {
        INDArray norms = a.norm2(0);
        double[] out = norms.castTo(DataType.DOUBLE).data().asDouble();
        norms.close();
        return out;
    }

    /** Columns {@code [from, to)} of a fresh (non-view) C-order matrix, as a fresh C-order matrix. */
    private static INDArray columns(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup('c');
    }

    /** The largest value of 1-element measure vectors. NaN if any is NaN. */
    public static double maxMeasure(List<INDArray> measures) {
        double max = 0;
        for (INDArray m : measures) {
            double v = m.getDouble(0);
            if (v > max || Double.isNaN(v)) {
                max = v;
            }
            if (Double.isNaN(max)) {
                return max;
            }
        }
        return max;
    }

    /** The 1-element float64 vector {@code [max]} of some measure vectors. */
    public static INDArray maxMeasureArray(List<INDArray> measures) {
        return Nd4j.createFromArray(new double[] {maxMeasure(measures)});
    }

    /**
     * The concatenated values of {@code pieces} sorted descending (ties keep their order) and the permutation:
     * {@code sorted[k] = all[perm[k]]}. perm is int64.
     *
     * @return {@code [sorted, perm]}
     */
    public static INDArray[] sortDescending(List<INDArray> pieces) {
        List<Double> values = new ArrayList<>();
        DataType type = pieces.isEmpty() ? DataType.DOUBLE : pieces.get(0).dataType();
        for (INDArray p : pieces) {
            for (long i = 0; i < p.length(); i++) {
                values.add(p.getDouble(i));
            }
        }
        int n = values.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            int c = Double.compare(values.get(y), values.get(x));
            return c != 0 ? c : Integer.compare(x, y);
        });
        double[] sorted = new double[n];
        long[] perm = new long[n];
        for (int k = 0; k < n; k++) {
            perm[k] = order[k];
            sorted[k] = values.get(order[k]);
        }
        INDArray s = Nd4j.createFromArray(sorted);
        if (type != DataType.DOUBLE) {
            INDArray c = s.castTo(type);
            s.close();
            s = c;
        }
        return new INDArray[] {s, Nd4j.createFromArray(perm)};
    }

    /**
     * Block {@code [rowOffset, rowOffset + rows) x [colOffset, colOffset + cols)} of the permutation matrix P with
     * {@code P[perm[k], k] = 1}, so that {@code (X P)[:, k] = X[:, perm[k]]}.
     */
    public static INDArray permutationBlock(INDArray perm, long rowOffset, long rows, long colOffset, long cols,
                                            DataType type) {
        INDArray p = Nd4j.create(type, new long[] {rows, cols}, 'c');
        for (long k = 0; k < cols; k++) {
            long src = perm.getLong(colOffset + k);
            if (src >= rowOffset && src < rowOffset + rows) {
                p.putScalar(new long[] {src - rowOffset, k}, 1.0);
            }
        }
        return p;
    }
}
