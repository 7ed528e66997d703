package org.tessella.linalg.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Block kernels of the blocked (column-panel) QR that {@code org.tessella.linalg} builds as a graph: the product of
 * two triangular factors, and the guard that keeps Q orthonormal when a panel is rank deficient.
 *
 * <p>Not part of the user API: it is public only so that the graph code can reach it. Every returned array is
 * fresh, C order, owned by the caller; inputs are never modified.
 */
public final class PanelKernels {
    private PanelKernels() {
    }

    /** {@code a · b} for upper triangular a and b, with the strict lower triangle set to exact zeros. */
    public static INDArray upperProduct(INDArray a, INDArray b) {
        INDArray c = Kernels.matmul(a, b);
        long rows = c.size(0);
        long cols = c.size(1);
        for (long i = 1; i < rows; i++) {
            for (long j = 0; j < Math.min(i, cols); j++) {
                c.putScalar(new long[] {i, j}, 0.0);
            }
        }
        return c;
    }

    /**
     * Flags (1 = replace, 0 = keep, in r's type; length k) for the rows of the k x w factor {@code r} whose 2-norm is
     * at most {@code factor · eps · sqrt(normSquared + ||r||_F²)}, eps being the machine epsilon of r's type. A
     * row of R that small means the matching column of Q carries nothing of the panel, so it may be replaced.
     *
     * @param normSquared a 0-d (or 1-element) array: the squared Frobenius norm of the rest of the panel
     */
    public static INDArray negligibleRows(INDArray r, INDArray normSquared, double factor) {
        DataType type = r.dataType();
        double eps = type == DataType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0);
        long k = r.size(0);
        long w = r.size(1);
        double[] rd = r.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double total = normSquared.getDouble(0);
        double[] rows = new double[(int) k];
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < w; j++) {
                double v = rd[(int) (i * w + j)];
                s += v * v;
            }
            rows[i] = s;
            total += s;
        }
        double threshold = factor * eps * Math.sqrt(total);
        double[] flags = new double[(int) k];
        for (int i = 0; i < k; i++) {
            flags[i] = Math.sqrt(rows[i]) <= threshold ? 1.0 : 0.0;
        }
        INDArray f = Nd4j.createFromArray(flags);
        if (type == DataType.DOUBLE) {
            return f;
        }
        INDArray c = f.castTo(type);
        f.close();
        return c;
    }

    /**
     * A copy of the row block {@code q} (rows {@code rowOffset ..} of a matrix with {@code totalRows} rows) whose
     * flagged columns are replaced by pseudo-random values in {@code [-1, 1) / sqrt(totalRows)}. The values depend
     * only on {@code seed}, the global row and the column, never on the chunking.
     */
    public static INDArray replaceColumns(INDArray q, INDArray flags, long rowOffset, long totalRows, long seed) {
        INDArray out = q.dup('c');
        long rows = out.size(0);
        long cols = out.size(1);
        double scale = 1.0 / Math.sqrt(Math.max(1, totalRows));
        for (long j = 0; j < cols; j++) {
            if (flags.getDouble(j) == 0.0) {
                continue;
            }
            for (long i = 0; i < rows; i++) {
                out.putScalar(new long[] {i, j}, scale * uniform(seed, rowOffset + i, j));
            }
        }
        return out;
    }

    /** A uniform value in [-1, 1) from a SplitMix64 hash of (seed, row, column). */
    static double uniform(long seed, long row, long col) {
        long z = seed * 0x9E3779B97F4A7C15L + row * 0xBF58476D1CE4E5B9L + col * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) * 0x1.0p-53) * 2.0 - 1.0;
    }
}
