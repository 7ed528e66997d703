package org.tessella.linalg.kernel;

import static org.tessella.linalg.kernel.Precision.pointer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sign conventions that make factorizations unique, so results do not depend on the backend or the chunking.
 *
 * <ul>
 *   <li>QR: the diagonal of R is non-negative (column i of Q and row i of R are negated together). For a matrix
 *       of full column rank this makes the thin QR unique.</li>
 *   <li>SVD: in each column of U, the entry of largest magnitude (the first one on a tie) is positive (column j of U
 *       and row j of Vᵀ are negated together). This fixes the singular vectors of distinct non-zero singular values;
 *       vectors of repeated or zero singular values are not unique in any convention.</li>
 * </ul>
 * Both flips keep {@code Q R} and {@code U S Vᵀ} exactly as they were.
 */
final class Signs {
    private Signs() {
    }

    /** Makes diag(R) non-negative; q is C-order m x k, r is C-order k x n. */
    static void normalizeQr(Precision p, INDArray q, INDArray r) {
        int m = (int) q.size(0);
        int k = (int) q.size(1);
        int n = (int) r.size(1);
        for (int i = 0; i < k; i++) {
            if (r.data().getDouble((long) i * n + i) < 0) {
                p.negate(n - i, pointer(r), (long) i * n + i, 1);
                p.negate(m, pointer(q), i, k);
            }
        }
    }

    /** Makes the largest-magnitude entry of each column of u positive; u is C-order m x k, vt is C-order k x n. */
    static void normalizeSvd(Precision p, INDArray u, INDArray vt) {
        int m = (int) u.size(0);
        int k = (int) u.size(1);
        int n = (int) vt.size(1);
        for (int j = 0; j < k; j++) {
            long i = p.iamax(m, pointer(u), j, k);
            if (u.data().getDouble(i * k + j) < 0) {
                p.negate(m, pointer(u), j, k);
                p.negate(n, pointer(vt), (long) j * n, 1);
            }
        }
    }

    /** {@link #normalizeQr} on row-major Java arrays (the EJML path). */
    static void normalizeQr(double[] q, int m, int k, double[] r, int n) {
        for (int i = 0; i < k; i++) {
            if (r[i * n + i] < 0) {
                for (int j = i; j < n; j++) {
                    r[i * n + j] = -r[i * n + j];
                }
                for (int row = 0; row < m; row++) {
                    q[row * k + i] = -q[row * k + i];
                }
            }
        }
    }

    /** {@link #normalizeSvd} on row-major Java arrays (the EJML path). */
    static void normalizeSvd(double[] u, int m, int k, double[] vt, int n) {
        for (int j = 0; j < k; j++) {
            int best = 0;
            double bestAbs = -1;
            for (int row = 0; row < m; row++) {
                double v = Math.abs(u[row * k + j]);
                if (v > bestAbs) {
                    bestAbs = v;
                    best = row;
                }
            }
            if (u[best * k + j] < 0) {
                for (int row = 0; row < m; row++) {
                    u[row * k + j] = -u[row * k + j];
                }
                for (int c = 0; c < n; c++) {
                    vt[j * n + c] = -vt[j * n + c];
                }
            }
        }
    }
}
