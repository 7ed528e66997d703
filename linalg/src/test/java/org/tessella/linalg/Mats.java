package org.tessella.linalg;


import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;
import org.tessella.ndarray.Chunks;

/** Test matrices with known spectra and dense checks (ND4J on whole arrays; fine in tests). */
final class Mats {
    private Mats() {
    }

    /** A seeded standard normal m x n matrix from the random module (chunking-independent values). */
    static INDArray gaussian(long m, long n, long seed) {
        if (m == 0 || n == 0) {
            return Nd4j.create(DataType.DOUBLE, m, n);
        }
        return RandomArrays.seeded(seed).standardNormal(new long[] {m, n}, Chunks.of(-1, -1)).compute();
    }

    /** Q of the QR of a seeded normal m x k matrix: random orthonormal columns. */
    static INDArray orthonormal(long m, long k, long seed) {
        return Kernels.qr(gaussian(m, k, seed)).q();
    }

    /** U diag(s) Vᵀ with random orthonormal U (m x k) and V (n x k). */
    static INDArray withSpectrum(long m, long n, double[] s, long seed) {
        int k = s.length;
        INDArray u = orthonormal(m, k, seed);
        INDArray v = orthonormal(n, k, seed + 1);
        return u.mulRowVector(Nd4j.createFromArray(s)).mmul(v.transpose()).dup('c');
    }

    static double[] geometric(int k, double ratio) {
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = Math.pow(ratio, i);
        }
        return s;
    }

    static ChunkedArray chunked(INDArray a, long... chunks) {
        // A copy: the caller keeps `a` as the dense reference (see the design notes on single-block fromArray).
        return ChunkedArray.fromArray(a.dup('c'), Chunks.of(chunks));
    }

    static double frob(INDArray a) {
        return a.length() == 0 ? 0 : a.norm2Number().doubleValue();
    }

    static double relErr(INDArray got, INDArray want) {
        double d = frob(got.sub(want));
        double w = frob(want);
        return w == 0 ? d : d / w;
    }

    /** max |QᵀQ - I|. */
    static double orthogonality(INDArray q) {
        long k = q.size(1);
        INDArray g = q.transpose().mmul(q);
        return k == 0 ? 0 : g.sub(Nd4j.eye(k).castTo(g.dataType())).amaxNumber().doubleValue();
    }

    /** max |entry| strictly below the diagonal. */
    static double belowDiagonal(INDArray r) {
        double max = 0;
        for (int i = 0; i < r.size(0); i++) {
            for (int j = 0; j < Math.min(i, r.size(1)); j++) {
                max = Math.max(max, Math.abs(r.getDouble(i, j)));
            }
        }
        return max;
    }

    /** Unit roundoff times two (NumPy's {@code finfo(dtype).eps}) of the type Linalg computes {@code dtype} in. */
    static double eps(org.tessella.ndarray.DType dtype) {
        return dtype == org.tessella.ndarray.DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
    }

    /** k singular values decaying geometrically from 1 to 1/cond (2-norm condition number cond; {1} for k = 1). */
    static double[] conditioned(int k, double cond) {
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = k == 1 ? 1.0 : Math.pow(cond, -(double) i / (k - 1));
        }
        return s;
    }

    /** Q diag(conditioned(n, cond)) Qᵀ with a random orthogonal Q, exactly symmetric: SPD with condition cond. */
    static INDArray spd(int n, double cond, long seed) {
        INDArray q = orthonormal(n, n, seed);
        INDArray a = q.mulRowVector(Nd4j.createFromArray(conditioned(n, cond))).mmul(q.transpose());
        return a.add(a.transpose()).muli(0.5).dup('c');
    }

    /** A float64 copy (the dense reference arithmetic of the tests runs in float64). */
    static INDArray f64(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c');
    }

    /** The 2-norm condition number s_max / s_min of a dense square matrix (infinite when singular). */
    static double cond(INDArray a) {
        INDArray s = Kernels.singularValues(f64(a));
        long k = s.length();
        return k == 0 ? 1 : s.getDouble(0) / s.getDouble(k - 1);
    }
}
