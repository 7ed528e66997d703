package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * {@link Linalg#lstsq} and the norms through the public API, over tall, square and wide matrices, full rank and rank
 * deficient, one-block, ragged, one-element and two-dimensional chunkings, float64 and float32.
 *
 * <p>lstsq references come from the known factors: A = U diag(s) Vᵀ with orthonormal U (m x r), V (n x r), so the
 * minimum-norm solution is x* = V diag(1/s) Uᵀ b and the residual is r* = (I − U Uᵀ) b, independent of any solver.
 * Tolerances (eps of the compute type, p = max(m, n), κ = s_1 / s_r, all norms Frobenius per column):
 * <ul>
 *   <li>x: {@code ‖x − x*‖ / ‖x*‖ <= C·p·eps·(κ + κ²·‖r*‖ / (s_1 ‖x*‖))}, the least-squares perturbation bound
 *       (Golub and Van Loan, Theorem 5.3.1; the κ² term is the price of a nonzero residual);</li>
 *   <li>residuals: {@code |√residual − ‖r*‖| <= C·p·eps·κ·(‖A‖ ‖x*‖ + ‖b‖)}, and equal to {@code ‖A x − b‖²} of the
 *       returned x within {@code C·p·eps·(‖A‖ ‖x‖ + ‖b‖)²};</li>
 *   <li>singular values: {@code |s_i − s*_i| <= C·p·eps·s_1} (Weyl: the rounding of A moves each by at most
 *       eps·‖A‖);</li>
 *   <li>norms: sums, maxima and powers {@code <= C·len·eps·|ref|} (summation error), exact for ±inf and 0;
 *       spectral norms {@code <= C·p·eps·s_1}, nuclear {@code <= C·p·k·eps·s_1}.</li>
 * </ul>
 * C = {@link #C} = 2. Worst fractions of these bounds measured here: x 0.03, residuals 0.008, singular values 0.25,
 * norms 0.52 (the last two on 1 x 1 matrices, where the bound is a few ulps; 0.07 or less from 7 x 7 up).
 */
class NormLstsqTest {
    /** The constant in every bound above. */
    static final double C = 2;

    // ---------------------------------------------------------------- lstsq

    static Stream<Arguments> lstsqCases() {
        Object[][] shapes = { // m, n, rank (-1: full), chunks
                {100, 7, -1, new long[] {100, 7}},    // tall, one block
                {100, 7, -1, new long[] {32, 7}},     // tall, ragged row blocks
                {100, 7, -1, new long[] {10, 3}},     // tall, chunked in both dimensions
                {33, 20, -1, new long[] {10, 7}},     // tall, ragged in both dimensions
                {40, 5, -1, new long[] {1, 1}},       // one-element blocks
                {33, 33, -1, new long[] {10, 7}},     // square
                {7, 7, -1, new long[] {3, 3}},
                {1, 1, -1, new long[] {1, 1}},
                {7, 33, -1, new long[] {3, 10}},      // wide: minimum-norm solution, zero residual
                {20, 100, -1, new long[] {7, 32}},
                {100, 7, 4, new long[] {32, 7}},      // rank deficient: tall, wide, square
                {7, 33, 3, new long[] {3, 10}},
                {33, 33, 20, new long[] {10, 7}},
        };
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            // float32 counts singular values below eps·max(m, n)·s_1 ≈ 1e-5 as zero: κ stays at 1e2 there.
            for (double cond : dtype == DType.FLOAT32 ? new double[] {1e2} : new double[] {1e2, 1e6}) {
                for (Object[] s : shapes) {
                    out.add(Arguments.of(dtype, cond, s[0], s[1], s[2], s[3]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} κ={1} {2}x{3} rank {4} chunks {5}")
    @MethodSource("lstsqCases")
    void lstsqMatchesTheMinimumNormSolutionFromTheKnownFactors(DType dtype, double cond, int m, int n, int rankArg,
                                                               long[] chunks) {
        int r = rankArg < 0 ? Math.min(m, n) : rankArg;
        long seed = 10L * m + n + r;
        double[] s = Mats.conditioned(r, cond);
        double kappa = s[0] / s[r - 1];
        INDArray u = Mats.orthonormal(m, r, seed);
        INDArray v = Mats.orthonormal(n, r, seed + 1);
        INDArray a = u.mulRowVector(Nd4j.createFromArray(s)).mmul(v.transpose()).castTo(dtype.nd4j()).dup('c');
        INDArray a64 = Mats.f64(a);
        double eps = Mats.eps(dtype);
        int p = Math.max(m, n);
        for (int k : new int[] {0, 3}) { // 0: a vector b
            int cols = Math.max(k, 1);
            // b = A x0 + (I − U Uᵀ) g / 2: a residual of the same order as b whenever m > r.
            INDArray x0 = v.mmul(Mats.gaussian(r, cols, seed + 2));
            INDArray g = Mats.gaussian(m, cols, seed + 3);
            INDArray b2 = a64.mmul(x0).add(g.sub(u.mmul(u.transpose().mmul(g))).mul(0.5));
            INDArray bTyped = (k == 0 ? b2.reshape(new long[] {m}) : b2).castTo(dtype.nd4j()).dup('c');
            INDArray b64 = Mats.f64(bTyped).reshape(new long[] {m, cols});
            INDArray xRef = v.mulRowVector(Nd4j.createFromArray(s).rdiv(1.0)).mmul(u.transpose().mmul(b64));
            INDArray rRef = b64.sub(u.mmul(u.transpose().mmul(b64)));
            ChunkedArray bc = k == 0 ? Mats.chunked(bTyped, chunks[0]) : Mats.chunked(bTyped, chunks[0], 2);
            String label = (k == 0 ? "vector b" : "b with " + k + " columns") + ": ";

            Linalg.Lstsq f = Linalg.lstsq(Mats.chunked(a, chunks), bc);
            assertArrayEquals(k == 0 ? new long[] {n} : new long[] {n, k}, f.x().shape(), label + "x is n or n x k");
            assertArrayEquals(new long[] {cols}, f.residuals().shape(), label + "residuals: one per column of b, "
                    + "(1,) for a vector (documented: always computed, unlike NumPy)");
            assertArrayEquals(new long[0], f.rank().shape(), "rank is 0-d");
            assertEquals(DType.INT64, f.rank().dtype(), "rank is int64");
            assertArrayEquals(new long[] {Math.min(m, n)}, f.singularValues().shape());
            assertEquals(dtype, f.x().dtype());
            assertEquals(dtype, f.residuals().dtype());
            assertEquals(dtype, f.singularValues().dtype());
            List<INDArray> got = ChunkedArray.compute(f.x(), f.residuals(), f.rank(), f.singularValues());
            assertEquals(dtype.nd4j(), got.get(0).dataType());
            assertEquals(r, got.get(2).getLong(0), label + "rank");

            INDArray sv = Mats.f64(got.get(3));
            for (int i = 0; i < Math.min(m, n); i++) {
                double want = i < r ? s[i] : 0.0;
                double tol = C * p * eps * s[0];
                assertEquals(want, sv.getDouble(i), tol, "singular value " + i + " within C·p·eps·s_1 = " + tol);
            }

            INDArray x = Mats.f64(got.get(0)).reshape(new long[] {n, cols});
            INDArray res = Mats.f64(got.get(1));
            double normA = Mats.frob(a64);
            for (int j = 0; j < cols; j++) {
                INDArray xj = column(x, j);
                INDArray xs = column(xRef, j);
                INDArray bj = column(b64, j);
                double rNorm = Mats.frob(column(rRef, j));
                double xNorm = Mats.frob(xs);
                double err = Mats.frob(xj.sub(xs)) / xNorm;
                double bound = C * p * eps * (kappa + kappa * kappa * rNorm / (s[0] * xNorm));
                int jj = j;
                assertTrue(err <= bound, () -> label + "column " + jj + ": ‖x − x*‖/‖x*‖ = " + err + " > " + bound
                        + " = C·p·eps·(κ + κ²‖r*‖/(s_1‖x*‖))");
                double resid = res.getDouble(j);
                double dRef = Math.abs(Math.sqrt(resid) - rNorm);
                double refBound = C * p * eps * kappa * (normA * xNorm + Mats.frob(bj));
                assertTrue(dRef <= refBound, () -> label + "column " + jj + ": √residual = " + Math.sqrt(resid)
                        + " vs ‖r*‖ = " + rNorm + ", off by " + dRef + " > C·p·eps·κ·(‖A‖‖x*‖ + ‖b‖) = " + refBound);
                INDArray diff = a64.mmul(xj).sub(bj);
                double direct = Mats.frob(diff) * Mats.frob(diff);
                double scale = normA * Mats.frob(xj) + Mats.frob(bj);
                double selfBound = C * p * eps * scale * scale;
                assertTrue(Math.abs(resid - direct) <= selfBound, () -> label + "column " + jj + ": residual "
                        + resid + " vs ‖A x − b‖² = " + direct + " of the returned x; expected within "
                        + "C·p·eps·(‖A‖‖x‖ + ‖b‖)² = " + selfBound);
            }
        }
    }

    @Test
    void lstsqOfIntegerInputComputesInFloat64() {
        // A 5 x 3 integer matrix of full rank and an integer b; the reference solves the normal equations (fine:
        // κ(A) is small, κ(AᵀA) = κ² ≈ 10).
        double[][] av = {{1, 0, 2}, {0, 1, 1}, {1, 1, 0}, {2, -1, 1}, {0, 3, 1}};
        double[] bv = {1, 2, 3, 4, 5};
        INDArray a64 = Nd4j.createFromArray(av);
        INDArray b64 = Nd4j.createFromArray(bv).reshape(new long[] {5, 1});
        INDArray ata = a64.transpose().mmul(a64);
        INDArray atb = a64.transpose().mmul(b64);
        INDArray xRef = org.tessella.linalg.kernel.Kernels.solve(ata, atb);
        ChunkedArray a = Mats.chunked(a64.castTo(DataType.LONG), 2, 2);
        ChunkedArray b = Mats.chunked(Nd4j.createFromArray(bv).castTo(DataType.INT), 3);
        Linalg.Lstsq f = Linalg.lstsq(a, b);
        assertEquals(DType.FLOAT64, f.x().dtype());
        List<INDArray> got = ChunkedArray.compute(f.x(), f.residuals(), f.rank());
        assertEquals(DataType.DOUBLE, got.get(0).dataType());
        double eps = Mats.eps(DType.FLOAT64);
        double tol = C * 5 * eps * Mats.cond(ata);
        assertTrue(Mats.relErr(got.get(0).reshape(new long[] {3, 1}), xRef) <= tol,
                "x equals the normal-equations solution within C·p·eps·κ(AᵀA)");
        INDArray r = a64.mmul(xRef).sub(b64);
        double rr = Mats.frob(r) * Mats.frob(r);
        assertEquals(rr, got.get(1).getDouble(0), tol * Mats.frob(b64) * Mats.frob(b64), "residual");
        assertEquals(3, got.get(2).getLong(0));
    }

    /**
     * A zero column makes A rank deficient (NumPy's lstsq handles it): the minimum-norm solution has a zero in that
     * component and equals the least-squares solution on the other columns (reference: normal equations of the
     * well-conditioned 6 x 2 remainder).
     */
    @ParameterizedTest(name = "chunks {0}")
    @MethodSource("zeroColumnChunkings")
    void lstsqOfAMatrixWithAZeroColumnIsRankDeficient(long[] chunks) {
        INDArray a64 = Mats.gaussian(6, 3, 51);
        INDArray rest = Nd4j.create(DataType.DOUBLE, 6, 2);
        for (int i = 0; i < 6; i++) {
            a64.putScalar(new long[] {i, 1}, 0.0);
            rest.putScalar(new long[] {i, 0}, a64.getDouble(i, 0));
            rest.putScalar(new long[] {i, 1}, a64.getDouble(i, 2));
        }
        INDArray b64 = Mats.gaussian(6, 1, 52);
        INDArray xRest = org.tessella.linalg.kernel.Kernels.solve(rest.transpose().mmul(rest),
                rest.transpose().mmul(b64));
        Linalg.Lstsq f = Linalg.lstsq(Mats.chunked(a64, chunks), Mats.chunked(b64, chunks[0], 1));
        List<INDArray> got = ChunkedArray.compute(f.x(), f.rank(), f.singularValues());
        double tol = C * 6 * Mats.eps(DType.FLOAT64) * Mats.cond(rest.transpose().mmul(rest));
        INDArray x = got.get(0);
        assertEquals(2, got.get(1).getLong(0), "rank of a 6 x 3 matrix with a zero column");
        assertEquals(0.0, x.getDouble(1, 0), tol, "the minimum-norm solution is zero on the zero column");
        assertEquals(xRest.getDouble(0, 0), x.getDouble(0, 0), tol * Mats.frob(xRest), "x[0]");
        assertEquals(xRest.getDouble(1, 0), x.getDouble(2, 0), tol * Mats.frob(xRest), "x[2]");
        assertEquals(0.0, got.get(2).getDouble(2), C * 6 * Mats.eps(DType.FLOAT64) * got.get(2).getDouble(0),
                "the last singular value is zero");
    }

    static Stream<long[]> zeroColumnChunkings() {
        return Stream.of(new long[] {6, 3}, new long[] {2, 2}, new long[] {1, 3});
    }

    private static INDArray column(INDArray a, int j) {
        INDArray c = Nd4j.create(DataType.DOUBLE, a.size(0), 1);
        for (int i = 0; i < a.size(0); i++) {
            c.putScalar(new long[] {i, 0}, a.getDouble(i, j));
        }
        return c;
    }

    // ---------------------------------------------------------------- vector norms

    static Stream<Arguments> vectorCases() {
        Object[][] shapes = {{1, 1L}, {7, 7L}, {7, 3L}, {7, 1L}, {33, 10L}, {100, 100L}, {100, 32L}};
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
            for (Object[] s : shapes) {
                out.add(Arguments.of(dtype, s[0], s[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} length {1} chunks {2}")
    @MethodSource("vectorCases")
    void vectorNormsMatchTheDenseFormulas(DType dtype, int len, long chunk) {
        INDArray g = Mats.gaussian(len, 1, 31L + len);
        double[] values = new double[len];
        for (int i = 0; i < len; i++) {
            double v = dtype == DType.INT64 ? Math.rint(3 * g.getDouble(i, 0)) : g.getDouble(i, 0);
            values[i] = i % 5 == 3 ? 0.0 : v; // exact zeros for ord 0 (and a zero sum of |x|^p for p < 0)
        }
        INDArray data = Nd4j.createFromArray(values).castTo(dtype.nd4j()).dup('c');
        double[] x = Mats.f64(data).toDoubleVector();
        ChunkedArray cx = Mats.chunked(data, chunk);
        DType out = dtype == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        double eps = Mats.eps(out);

        List<ChunkedArray> lazy = new ArrayList<>();
        List<Double> want = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        int nonZero = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
            min = Math.min(min, Math.abs(v));
            nonZero += v != 0 ? 1 : 0;
        }
        lazy.add(Linalg.norm(cx, Double.POSITIVE_INFINITY));
        want.add(max);
        names.add("ord +inf (max |x|)");
        lazy.add(Linalg.norm(cx, Double.NEGATIVE_INFINITY));
        want.add(min);
        names.add("ord -inf (min |x|)");
        lazy.add(Linalg.norm(cx, 0));
        want.add((double) nonZero);
        names.add("ord 0 (count of non-zeros)");
        for (double ord : new double[] {1, 2, 3, 0.5, -1}) {
            lazy.add(Linalg.norm(cx, ord));
            want.add(pNorm(x, ord));
            names.add("ord " + ord + " ((Σ|x|^p)^(1/p))");
        }
        double[] shifted = new double[len]; // no zeros: a negative p that is not just 0
        for (int i = 0; i < len; i++) {
            shifted[i] = Math.abs(x[i]) + 0.5;
        }
        lazy.add(Linalg.norm(cx.abs().add(0.5), -1));
        want.add(pNorm(shifted, -1));
        names.add("ord -1 of |x| + 0.5 (no zeros)");
        lazy.add(Linalg.norm(cx, "fro"));
        want.add(pNorm(x, 2));
        names.add("ord \"fro\" (the 2-norm for a vector)");
        lazy.add(Linalg.norm(cx));
        want.add(pNorm(x, 2));
        names.add("default (the 2-norm)");

        List<INDArray> got = ChunkedArray.compute(lazy.toArray(new ChunkedArray[0]));
        for (int i = 0; i < got.size(); i++) {
            String name = names.get(i);
            assertEquals(out, lazy.get(i).dtype(), name + ": float32 stays float32, the rest is float64");
            assertEquals(0, got.get(i).rank(), name + ": 0-d");
            double exactOrSum = i < 3 ? 0 : C * len * eps * Math.abs(want.get(i));
            assertEquals(want.get(i), got.get(i).getDouble(), exactOrSum, name + " within "
                    + (i < 3 ? "0 (exact)" : "C·len·eps·|ref| (summation error)"));
        }
    }

    /** NumPy's {@code (Σ|x|^p)^(1/p)} in float64 (0 for p < 0 when an entry is 0, as NumPy). */
    private static double pNorm(double[] x, double p) {
        double sum = 0;
        for (double v : x) {
            sum += Math.pow(Math.abs(v), p);
        }
        return Math.pow(sum, 1 / p);
    }

    @Test
    void normsOfAnEmptyVectorAreZero() {
        ChunkedArray e = ChunkedArray.zeros(new long[] {0}, DType.FLOAT64, Chunks.of(-1));
        assertEquals(0.0, Linalg.norm(e).compute().getDouble(), 0.0, "NumPy: norm([]) == 0");
        assertEquals(0.0, Linalg.norm(e, 1).compute().getDouble(), 0.0, "NumPy: norm([], 1) == 0");
    }

    // ---------------------------------------------------------------- matrix norms

    static Stream<Arguments> matrixCases() {
        Object[][] shapes = {
                {1, 1, new long[] {1, 1}},
                {7, 7, new long[] {3, 3}},
                {7, 7, new long[] {1, 1}},
                {33, 20, new long[] {10, 7}},
                {20, 33, new long[] {7, 10}},
                {64, 64, new long[] {16, 16}},
                {100, 100, new long[] {100, 100}},
                {100, 100, new long[] {32, 32}},
        };
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (Object[] s : shapes) {
                out.add(Arguments.of(dtype, s[0], s[1], s[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} chunks {3}")
    @MethodSource("matrixCases")
    void matrixNormsMatchTheDenseFormulasAndTheKnownSpectrum(DType dtype, int m, int n, long[] chunks) {
        int k = Math.min(m, n);
        double[] s = Mats.conditioned(k, 1e3);
        for (int i = 0; i < k; i++) {
            s[i] *= 3; // not 1, so that a missing scale shows
        }
        INDArray a = Mats.withSpectrum(m, n, s, 41L + m + n).castTo(dtype.nd4j()).dup('c');
        INDArray a64 = Mats.f64(a);
        ChunkedArray x = Mats.chunked(a, chunks);
        double eps = Mats.eps(dtype);
        int p = Math.max(m, n);

        double[] colSums = new double[n];
        double[] rowSums = new double[m];
        double fro = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = a64.getDouble(i, j);
                colSums[j] += Math.abs(v);
                rowSums[i] += Math.abs(v);
                fro += v * v;
            }
        }
        double nuc = 0;
        for (double v : s) {
            nuc += v;
        }
        List<ChunkedArray> lazy = List.of(Linalg.norm(x, "fro"), Linalg.norm(x), Linalg.norm(x, 1),
                Linalg.norm(x, -1), Linalg.norm(x, Double.POSITIVE_INFINITY),
                Linalg.norm(x, Double.NEGATIVE_INFINITY), Linalg.norm(x, 2), Linalg.norm(x, -2),
                Linalg.norm(x, "nuc"));
        double[] want = {Math.sqrt(fro), Math.sqrt(fro), max(colSums), min(colSums), max(rowSums), min(rowSums),
                s[0], s[k - 1], nuc};
        double spectral = C * p * eps * s[0];
        double[] tol = {C * m * n * eps * Math.sqrt(fro), C * m * n * eps * Math.sqrt(fro), C * m * eps * want[2],
                C * m * eps * want[3], C * n * eps * want[4], C * n * eps * want[5], spectral, spectral,
                C * p * k * eps * s[0]};
        String[] names = {"\"fro\"", "default (Frobenius)", "1 (max column sum)", "-1 (min column sum)",
                "+inf (max row sum)", "-inf (min row sum)", "2 (s_max)", "-2 (s_min)", "\"nuc\" (Σ s)"};
        List<INDArray> got = ChunkedArray.compute(lazy.toArray(new ChunkedArray[0]));
        for (int i = 0; i < want.length; i++) {
            assertEquals(dtype, lazy.get(i).dtype(), names[i] + ": float32 stays float32");
            assertEquals(0, got.get(i).rank(), names[i] + ": 0-d");
            assertEquals(want[i], got.get(i).getDouble(), tol[i], "ord " + names[i] + " within " + tol[i]
                    + (i < 6 ? " (C·terms·eps·|ref|: summation error)" : " (C·p·eps·s_1, times k for the sum)"));
        }
    }

    @Test
    void matrixNormsOfIntegerInputComputeInFloat64() {
        INDArray a = Nd4j.createFromArray(new double[][] {{3, -4}, {0, 0}, {1, 2}}).castTo(DataType.INT);
        ChunkedArray x = Mats.chunked(a, 2, 1);
        assertEquals(DType.FLOAT64, Linalg.norm(x, 1).dtype());
        assertEquals(6.0, Linalg.norm(x, 1).compute().getDouble(), 0.0, "max column sum |-4| + 0 + |2|");
        assertEquals(4.0, Linalg.norm(x, -1).compute().getDouble(), 0.0, "min column sum |3| + 0 + |1|");
        assertEquals(7.0, Linalg.norm(x, Double.POSITIVE_INFINITY).compute().getDouble(), 0.0, "max row sum");
        assertEquals(0.0, Linalg.norm(x, Double.NEGATIVE_INFINITY).compute().getDouble(), 0.0, "min row sum");
        assertEquals(Math.sqrt(30), Linalg.norm(x, "fro").compute().getDouble(), 1e-15 * Math.sqrt(30));
    }

    /** NumPy: every norm of a zero matrix is 0 (a zero matrix is a valid input to the SVD-based norms too). */
    @ParameterizedTest(name = "chunks {0}")
    @MethodSource("zeroColumnChunkings")
    void normsOfTheZeroMatrixAreZero(long[] chunks) {
        ChunkedArray z = ChunkedArray.zeros(new long[] {6, 3}, DType.FLOAT64, Chunks.of(chunks));
        List<ChunkedArray> lazy = List.of(Linalg.norm(z), Linalg.norm(z, 1), Linalg.norm(z, -1),
                Linalg.norm(z, Double.POSITIVE_INFINITY), Linalg.norm(z, Double.NEGATIVE_INFINITY),
                Linalg.norm(z, 2), Linalg.norm(z, -2), Linalg.norm(z, "nuc"));
        String[] names = {"fro", "1", "-1", "+inf", "-inf", "2", "-2", "nuc"};
        for (int i = 0; i < names.length; i++) {
            assertEquals(0.0, lazy.get(i).compute().getDouble(), 0.0, "ord " + names[i] + " of zeros(6, 3)");
        }
    }

    private static double max(double[] v) {
        double r = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            r = Math.max(r, d);
        }
        return r;
    }

    private static double min(double[] v) {
        double r = Double.POSITIVE_INFINITY;
        for (double d : v) {
            r = Math.min(r, d);
        }
        return r;
    }
}
