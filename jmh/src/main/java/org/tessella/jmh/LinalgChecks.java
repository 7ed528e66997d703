package org.tessella.jmh;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.jmh.kernel.Values;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.Slice;

/**
 * Sanity checks of the linalg benchmarks' results, run inside each measured call so that a wrong result fails the
 * benchmark (JMH prints the exception and reports no score) instead of reporting a time. They cost O(n³) plus a few
 * dozen rows or columns: milliseconds next to factorizations of seconds. The references are made in setup from the
 * same random matrix by other Tessella operations (a blocked {@code Aᵀ A} product, row and column slices, a sum of
 * squares), never by the code under test. None of the checks depends on the signs of the factors, so Tessella's
 * normalized factors and LAPACK's raw ones pass alike.
 */
final class LinalgChecks {
    /**
     * Relative tolerance. The inputs are well-conditioned (uniform random), so backward-stable factorizations should
     * reproduce {@code Aᵀ A} and sampled rows near 1e-13 relative (the margin is not measured per check); a real
     * defect (a block in the wrong place, a missing factor) is off by order 1.
     */
    static final double TOLERANCE = 1e-9;
    /** Rows of a tall input sampled for the checks: evenly spaced, first and last included. */
    static final int SAMPLED_ROWS = 33;
    /** Columns of the input of the randomized SVD sampled for its check. */
    static final int SAMPLED_COLUMNS = 9;

    private LinalgChecks() {
    }

    /** What a tall m x n input must satisfy: its Gram matrix {@code Aᵀ A} and a few of its rows. */
    record Tall(long m, long n, double[][] gram, long[] rowIndex, double[][] rows) {
        /** The reference of the benchmarks' m x n uniform input ({@link Inputs#uniform(long, long, Chunks)}). */
        static Tall of(long m, long n) {
            ChunkedArray x = Inputs.uniform(m, n, Chunks.auto());
            long[] index = evenlySpaced(m, SAMPLED_ROWS);
            ChunkedArray[] outputs = new ChunkedArray[index.length + 1];
            outputs[0] = x.transpose().matmul(x);
            for (int i = 0; i < index.length; i++) {
                outputs[i + 1] = x.get(Slice.index(index[i]), Slice.all());
            }
            List<INDArray> values = ChunkedArray.compute(outputs);
            double[][] rows = new double[index.length][];
            for (int i = 0; i < index.length; i++) {
                rows[i] = Values.vector(values.get(i + 1));
            }
            Tall t = new Tall(m, n, Values.matrix(values.get(0)), index, rows);
            values.forEach(INDArray::close);
            return t;
        }
    }

    /** What the input of the randomized SVD must satisfy: a few of its columns and its Frobenius norm. */
    record Compressed(long m, long n, long[] columnIndex, double[][] columns, double frobenius) {
        static Compressed of(long m, long n) {
            ChunkedArray x = Inputs.uniform(m, n, Chunks.auto());
            long[] index = evenlySpaced(n, SAMPLED_COLUMNS);
            ChunkedArray[] outputs = new ChunkedArray[index.length + 1];
            outputs[0] = x.mul(x).sum().sqrt();
            for (int i = 0; i < index.length; i++) {
                outputs[i + 1] = x.get(Slice.all(), Slice.index(index[i]));
            }
            List<INDArray> values = ChunkedArray.compute(outputs);
            double[][] columns = new double[index.length][];
            for (int i = 0; i < index.length; i++) {
                columns[i] = Values.vector(values.get(i + 1));
            }
            Compressed c = new Compressed(m, n, index, columns, values.get(0).getDouble(0));
            values.forEach(INDArray::close);
            return c;
        }
    }

    /** {@code count} distinct indices evenly spaced over [0, size), the first and the last included. */
    static long[] evenlySpaced(long size, int count) {
        if (size <= count) {
            return LongStream.range(0, size).toArray();
        }
        return LongStream.range(0, count).map(i -> Math.round(i * (size - 1) / (double) (count - 1)))
                .distinct().toArray();
    }

    /**
     * Checks a thin QR of the reference's input: shapes; R upper triangular; {@code RᵀR = AᵀA} (which, for a matrix
     * of full rank, fixes R up to the signs of its rows); and {@code Q[i, :] R = A[i, :]} for the sampled rows.
     *
     * @return |R[0, 0]|, for JMH to consume
     * @throws IllegalStateException if any check fails
     */
    static double checkQr(Tall ref, INDArray q, INDArray r) {
        int n = Math.toIntExact(ref.n());
        requireShape("q", q, ref.m(), ref.n());
        requireShape("r", r, ref.n(), ref.n());
        double[][] rr = Values.matrix(r);
        double gramScale = maxAbs(ref.gram());
        double rScale = maxAbs(rr);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(rr[i][j]) <= TOLERANCE * rScale)) {
                    throw wrong("r", "not upper triangular: r[" + i + ", " + j + "] = " + rr[i][j], "0");
                }
            }
        }
        double gramError = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double g = 0;
                for (int k = 0; k < n; k++) {
                    g += rr[k][i] * rr[k][j];
                }
                gramError = Math.max(gramError, Math.abs(g - ref.gram()[i][j]));
            }
        }
        requireSmall("r", "max |RᵀR - AᵀA|", gramError, TOLERANCE * gramScale);
        double[][] qRows = Values.rows(q, ref.rowIndex());
        for (int s = 0; s < qRows.length; s++) {
            double rowError = 0;
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int k = 0; k < n; k++) {
                    a += qRows[s][k] * rr[k][j];
                }
                rowError = Math.max(rowError, Math.abs(a - ref.rows()[s][j]));
            }
            requireSmall("q", "max |(Q R)[" + ref.rowIndex()[s] + ", :] - A[" + ref.rowIndex()[s] + ", :]|", rowError,
                    TOLERANCE * rScale);
        }
        return Math.abs(rr[0][0]);
    }

    /**
     * Checks a thin SVD of the reference's input: shapes; s non-negative, finite and descending; Vᵀ's rows
     * orthonormal; {@code V diag(s)² Vᵀ = AᵀA}; and {@code (U diag(s) Vᵀ)[i, :] = A[i, :]} for the sampled rows.
     *
     * @return the largest singular value, for JMH to consume
     * @throws IllegalStateException if any check fails
     */
    static double checkSvd(Tall ref, INDArray u, INDArray s, INDArray vt) {
        int n = Math.toIntExact(ref.n());
        requireShape("u", u, ref.m(), ref.n());
        requireShape("vt", vt, ref.n(), ref.n());
        double[] sv = singularValues(s, n);
        double[][] v = Values.matrix(vt);
        requireOrthonormalRows("vt", v);
        double gramError = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double g = 0;
                for (int k = 0; k < n; k++) {
                    g += v[k][i] * sv[k] * sv[k] * v[k][j];
                }
                gramError = Math.max(gramError, Math.abs(g - ref.gram()[i][j]));
            }
        }
        requireSmall("s, vt", "max |V diag(s)² Vᵀ - AᵀA|", gramError, TOLERANCE * maxAbs(ref.gram()));
        double[][] uRows = Values.rows(u, ref.rowIndex());
        for (int r = 0; r < uRows.length; r++) {
            double rowError = 0;
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int k = 0; k < n; k++) {
                    a += uRows[r][k] * sv[k] * v[k][j];
                }
                rowError = Math.max(rowError, Math.abs(a - ref.rows()[r][j]));
            }
            requireSmall("u", "max |(U diag(s) Vᵀ)[" + ref.rowIndex()[r] + ", :] - A[" + ref.rowIndex()[r] + ", :]|",
                    rowError, TOLERANCE * sv[0]);
        }
        return sv[0];
    }

    /**
     * Checks a rank-k randomized SVD of the reference's input: shapes; s positive, finite and descending; U's columns
     * and Vᵀ's rows orthonormal; {@code Uᵀ A[:, j] = diag(s) Vᵀ[:, j]} for the sampled columns (exact for the
     * algorithm: U spans Q U_B with {@code B = Qᵀ A = U_B S Vᵀ}); {@code ||s||₂ <= ||A||_F}; and
     * {@code s[0] >= ||A||_F / sqrt(min(m, n))}, a bound the largest singular value always meets, which a run that
     * found no dominant direction would miss.
     *
     * @return the largest singular value, for JMH to consume
     * @throws IllegalStateException if any check fails
     */
    static double checkCompressed(Compressed ref, int k, INDArray u, INDArray s, INDArray vt) {
        requireShape("u", u, ref.m(), k);
        requireShape("vt", vt, k, ref.n());
        double[] sv = singularValues(s, k);
        if (!(sv[k - 1] > 0)) {
            throw wrong("s", "not positive: s[" + (k - 1) + "] = " + sv[k - 1], "> 0");
        }
        double frob = ref.frobenius();
        double sumSquares = 0;
        for (double x : sv) {
            sumSquares += x * x;
        }
        if (!(Math.sqrt(sumSquares) <= frob * (1 + TOLERANCE))) {
            throw wrong("s", "too large: ||s|| = " + Math.sqrt(sumSquares), "at most ||A||_F = " + frob);
        }
        double lower = frob / Math.sqrt(Math.min(ref.m(), ref.n()));
        if (!(sv[0] >= lower * (1 - TOLERANCE))) {
            throw wrong("s", "too small: s[0] = " + sv[0], "at least ||A||_F / sqrt(min(m, n)) = " + lower);
        }
        double[][] um = Values.matrix(u);
        double[][] v = Values.matrix(vt);
        requireOrthonormalRows("vt", v);
        requireOrthonormalRows("u", transpose(um));
        for (int c = 0; c < ref.columnIndex().length; c++) {
            double[] column = ref.columns()[c];
            int j = Math.toIntExact(ref.columnIndex()[c]);
            double error = 0;
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < column.length; i++) {
                    dot += um[i][p] * column[i];
                }
                error = Math.max(error, Math.abs(dot - sv[p] * v[p][j]));
            }
            requireSmall("u, s, vt", "max |(Uᵀ A)[:, " + j + "] - (diag(s) Vᵀ)[:, " + j + "]|", error,
                    TOLERANCE * sv[0]);
        }
        return sv[0];
    }

    private static double[] singularValues(INDArray s, int k) {
        if (s.length() != k) {
            throw wrong("s", "of the wrong length: " + s.length(), String.valueOf(k));
        }
        double[] sv = Values.vector(s);
        for (int i = 0; i < k; i++) {
            if (!(sv[i] >= 0 && sv[i] < Double.POSITIVE_INFINITY)) {
                throw wrong("s", "not finite and non-negative: s[" + i + "] = " + sv[i], "a value >= 0");
            }
            if (i > 0 && sv[i] > sv[i - 1]) {
                throw wrong("s", "not descending: s[" + i + "] = " + sv[i] + " > s[" + (i - 1) + "] = " + sv[i - 1],
                        "descending values");
            }
        }
        return sv;
    }

    /** Rows of {@code a} orthonormal: max |a aᵀ - I| within the tolerance. */
    private static void requireOrthonormalRows(String name, double[][] a) {
        double error = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j <= i; j++) {
                double d = 0;
                for (int c = 0; c < a[i].length; c++) {
                    d += a[i][c] * a[j][c];
                }
                error = Math.max(error, Math.abs(d - (i == j ? 1 : 0)));
            }
        }
        requireSmall(name, "max deviation from orthonormal", error, TOLERANCE);
    }

    private static double[][] transpose(double[][] a) {
        int rows = a.length;
        int cols = rows == 0 ? 0 : a[0].length;
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    private static void requireShape(String name, INDArray a, long rows, long cols) {
        long[] shape = Values.shape(a);
        if (!Arrays.equals(shape, new long[] {rows, cols})) {
            throw wrong(name, "of the wrong shape: " + Arrays.toString(shape), "[" + rows + ", " + cols + "]");
        }
    }

    private static void requireSmall(String name, String what, double error, double bound) {
        if (!(error <= bound)) {
            throw wrong(name, String.format(Locale.ROOT, "off: %s = %.3e", what, error),
                    String.format(Locale.ROOT, "at most %.3e", bound));
        }
    }

    private static IllegalStateException wrong(String name, String what, String expected) {
        return new IllegalStateException(name + " is " + what + "; expected " + expected);
    }
}
