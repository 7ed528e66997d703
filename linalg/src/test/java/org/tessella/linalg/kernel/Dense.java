package org.tessella.linalg.kernel;

import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain-Java dense reference arithmetic for the kernel tests, independent of ND4J, BLAS, LAPACK and EJML: random
 * matrices with known spectra, products, norms. Row-major double[rows][cols].
 */
final class Dense {
    private Dense() {
    }

    /** A seeded standard normal m x n matrix from the random module. */
    static double[][] gaussian(int m, int n, long seed) {
        if (m == 0 || n == 0) {
            return new double[m][n];
        }
        return RandomArrays.seeded(seed).standardNormal(new long[] {m, n}, Chunks.of(-1, -1)).compute()
                .toDoubleMatrix();
    }

    /** An m x k matrix with orthonormal columns (k <= m): modified Gram-Schmidt, twice, on a Gaussian matrix. */
    static double[][] orthonormal(int m, int k, long seed) {
        double[][] a = gaussian(m, k, seed);
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < k; j++) {
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += a[i][p] * a[i][j];
                    }
                    for (int i = 0; i < m; i++) {
                        a[i][j] -= dot * a[i][p];
                    }
                }
                double norm = 0;
                for (int i = 0; i < m; i++) {
                    norm += a[i][j] * a[i][j];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < m; i++) {
                    a[i][j] /= norm;
                }
            }
        }
        return a;
    }

    /** U diag(s) Vᵀ with random orthonormal U (m x k) and V (n x k), k = s.length. */
    static double[][] withSpectrum(int m, int n, double[] s, long seed) {
        int k = s.length;
        double[][] u = orthonormal(m, k, seed);
        double[][] v = orthonormal(n, k, seed + 1);
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += u[i][p] * s[p] * v[j][p];
                }
                a[i][j] = sum;
            }
        }
        return a;
    }

    /** Singular values decaying geometrically from 1 to 1/condition over k values. */
    static double[] geometric(int k, double condition) {
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = k == 1 ? 1.0 : Math.pow(condition, -(double) i / (k - 1));
        }
        return s;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        int k = b.length;
        int n = k == 0 ? 0 : b[0].length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                for (int j = 0; j < n; j++) {
                    c[i][j] += aip * b[p][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        int m = a.length;
        int n = m == 0 ? 0 : a[0].length;
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /** ‖a − b‖_F / max(‖b‖_F, tiny). */
    static double relativeError(double[][] a, double[][] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double e = a[i][j] - b[i][j];
                d += e * e;
            }
        }
        return Math.sqrt(d) / Math.max(frobenius(b), Double.MIN_NORMAL);
    }

    /** max |QᵀQ − I|. */
    static double orthonormalityError(double[][] q) {
        double[][] g = multiply(transpose(q), q);
        double worst = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                worst = Math.max(worst, Math.abs(g[i][j] - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    static double[][] diag(double[] s) {
        double[][] d = new double[s.length][s.length];
        for (int i = 0; i < s.length; i++) {
            d[i][i] = s[i];
        }
        return d;
    }

    static INDArray nd(double[][] a, DataType type) {
        int m = a.length;
        int n = m == 0 ? 0 : a[0].length;
        double[] flat = new double[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(a[i], 0, flat, i * n, n);
        }
        INDArray d = Nd4j.create(flat, new long[] {m, n}, DataType.DOUBLE);
        return type == DataType.DOUBLE ? d : d.castTo(type);
    }

    static double[][] java(INDArray a) {
        int m = (int) a.size(0);
        int n = (int) a.size(1);
        double[][] r = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                r[i][j] = a.getDouble(i, j);
            }
        }
        return r;
    }

    static double[] vector(INDArray v) {
        double[] r = new double[(int) v.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = v.getDouble(i);
        }
        return r;
    }
}
