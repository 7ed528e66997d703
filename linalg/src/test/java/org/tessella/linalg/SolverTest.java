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
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * Cholesky, LU, solve, solveSpd, solveTriangular and inv through the public API only, on matrices with a chosen
 * 2-norm condition number κ (U diag(s) Vᵀ with random orthogonal factors, s geometric from 1 to 1/κ), over
 * chunkings that are one block, uniform, ragged in the last block, one element per block, and different per
 * dimension. Nothing here assumes how many blocks the solvers use.
 *
 * <p>Tolerances, with eps = {@code finfo(dtype).eps} of the compute type and n the order (all norms Frobenius,
 * reference arithmetic in float64 on the dtype-rounded inputs):
 * <ul>
 *   <li>factorizations are backward stable, independent of κ: {@code ‖L Lᵀ − A‖, ‖P L U − A‖ <= FACTOR_C·n·eps·‖A‖};</li>
 *   <li>solvers: backward error {@code ‖A x − b‖ / (‖A‖ ‖x‖ + ‖b‖) <= BACKWARD_C·n·eps}, and forward error
 *       {@code ‖x − x*‖ / ‖x*‖ <= FORWARD_C·n·eps·κ} (first-order perturbation bound: κ times the backward error;
 *       the rounding of b to float32 adds at most eps·κ);</li>
 *   <li>inverse: {@code ‖inv(A) A − I‖ <= FORWARD_C·n·eps·κ}.</li>
 * </ul>
 * All three constants are 2. Worst values measured over every case here with the single-block LAPACK/EJML kernels
 * (n up to 100): backward error 0.63·eps, forward error 0.40·eps·κ, ‖L Lᵀ − A‖ 0.92·eps·‖A‖,
 * ‖P L U − A‖ 2.8·eps·‖A‖, ‖inv(A) A − I‖ 9.7·eps·κ; i.e. at most a tenth of each bound (the largest fraction, 0.09,
 * is the forward error of solveTriangular in float32). A blocked algorithm, which rounds in another order, fits;
 * an off-by-one block, a lost pivot or float32 arithmetic for float64 input (errors of 1e-7 or O(1)) does not.
 */
class SolverTest {
    /** c in the factorization bound c·n·eps·‖A‖. */
    static final double FACTOR_C = 2;
    /** c in the backward-error bound c·n·eps. */
    static final double BACKWARD_C = 2;
    /** c in the forward-error bound c·n·eps·κ. */
    static final double FORWARD_C = 2;

    /** Orders and chunkings: one block, uniform, ragged last blocks, 1-element blocks, different per dimension. */
    static final Object[][] SQUARE = {
            {1, new long[] {1, 1}},
            {7, new long[] {7, 7}},
            {7, new long[] {3, 3}},
            {7, new long[] {1, 1}},
            {7, new long[] {7, 2}},
            {33, new long[] {33, 33}},
            {33, new long[] {10, 7}},
            {33, new long[] {16, 16}},
            {64, new long[] {64, 64}},
            {64, new long[] {16, 16}},
            {64, new long[] {30, 20}},
            {100, new long[] {100, 100}},
            {100, new long[] {32, 32}},
            {100, new long[] {10, 7}},
    };

    static Stream<Arguments> squareCases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (Object[] c : SQUARE) {
                out.add(Arguments.of(dtype, c[0], c[1]));
            }
        }
        return out.stream();
    }

    /** κ values per dtype: float32 stops well below 1/eps = 8e6 (beyond that the solvers rightly refuse). */
    static double[] conditions(DType dtype) {
        return dtype == DType.FLOAT32 ? new double[] {1e2, 1e4} : new double[] {1e2, 1e6, 1e10};
    }

    // ---------------------------------------------------------------- cholesky

    @ParameterizedTest(name = "{0} n={1} chunks {2}")
    @MethodSource("squareCases")
    void choleskyIsLowerTriangularReproducesAAndReadsOnlyTheLowerTriangle(DType dtype, int n, long[] chunks) {
        double eps = Mats.eps(dtype);
        boolean first = true;
        for (double cond : conditions(dtype)) {
            INDArray a = typed(Mats.spd(n, cond, 100L + n), dtype);
            INDArray a64 = Mats.f64(a);
            ChunkedArray lazy = Linalg.cholesky(Mats.chunked(a, chunks));
            assertEquals(dtype, lazy.dtype(), "cholesky keeps float32, computes everything else in float64");
            assertArrayEquals(new long[] {n, n}, lazy.shape());
            INDArray l = lazy.compute();
            assertEquals(dtype.nd4j(), l.dataType());
            assertArrayEquals(new long[] {n, n}, l.shape());
            INDArray l64 = Mats.f64(l);
            for (int i = 0; i < n; i++) {
                assertTrue(l64.getDouble(i, i) > 0, "diag(L) > 0 at " + i);
                for (int j = i + 1; j < n; j++) {
                    assertEquals(0.0, l64.getDouble(i, j), "L is lower triangular: L[" + i + ", " + j + "]");
                }
            }
            double err = Mats.frob(l64.mmul(l64.transpose()).sub(a64));
            double bound = FACTOR_C * n * eps * Mats.frob(a64);
            assertTrue(err <= bound, () -> "κ=" + cond + ": ‖L Lᵀ − A‖ = " + err + " > " + bound
                    + " = FACTOR_C·n·eps·‖A‖ (Cholesky is backward stable, independent of κ)");
            if (first) {
                first = false;
                INDArray garbage = a.dup('c');
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        garbage.putScalar(new long[] {i, j}, 1e3 + i + 2 * j);
                    }
                }
                INDArray lg = Mats.f64(Linalg.cholesky(Mats.chunked(garbage, chunks)).compute());
                double diff = Mats.frob(lg.sub(l64));
                double same = n * eps * Mats.frob(l64);
                assertTrue(diff <= same, () -> "only the lower triangle is read: changing the strict upper "
                        + "triangle changed L by " + diff + " > n·eps·‖L‖ = " + same + " (allowing for another "
                        + "rounding order, not for reading the garbage)");
            }
        }
    }

    // ---------------------------------------------------------------- lu

    static Stream<Arguments> luCases() {
        List<Arguments> out = new ArrayList<>();
        Object[][] rectangular = {
                {13, 10, new long[] {4, 3}},
                {10, 13, new long[] {3, 4}},
                {1, 6, new long[] {1, 2}},
                {6, 1, new long[] {2, 1}},
                {100, 33, new long[] {32, 10}},
                {33, 100, new long[] {10, 7}},
        };
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (Object[] c : SQUARE) {
                out.add(Arguments.of(dtype, c[0], c[0], c[1]));
            }
            for (Object[] c : rectangular) {
                out.add(Arguments.of(dtype, c[0], c[1], c[2]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2} chunks {3}")
    @MethodSource("luCases")
    void luIsPermutationTimesUnitLowerTimesUpper(DType dtype, int m, int n, long[] chunks) {
        INDArray a = typed(Mats.gaussian(m, n, 200L + 7L * m + n), dtype);
        checkLu(a, chunks, dtype, "");
    }

    @Test
    void luOfASingularMatrixIsStillAFactorization() {
        // Rank 3 of 9 (LU with partial pivoting does not need a nonsingular matrix; U has tiny pivots).
        INDArray a = Mats.withSpectrum(9, 9, new double[] {2, 1, 0.5}, 4);
        checkLu(a, new long[] {4, 4}, DType.FLOAT64, "rank 3: ");
        INDArray zeroColumn = Mats.gaussian(6, 6, 5);
        for (int i = 0; i < 6; i++) {
            zeroColumn.putScalar(new long[] {i, 2}, 0.0);
        }
        checkLu(zeroColumn, new long[] {6, 4}, DType.FLOAT64, "a zero column: ");
    }

    private static void checkLu(INDArray a, long[] chunks, DType dtype, String what) {
        int m = (int) a.size(0);
        int n = (int) a.size(1);
        int k = Math.min(m, n);
        double eps = Mats.eps(dtype);
        Linalg.LU f = Linalg.lu(Mats.chunked(a, chunks));
        assertArrayEquals(new long[] {m, m}, f.p().shape(), what + "P is m x m");
        assertArrayEquals(new long[] {m, k}, f.l().shape(), what + "L is m x min(m, n)");
        assertArrayEquals(new long[] {k, n}, f.u().shape(), what + "U is min(m, n) x n");
        assertEquals(dtype, f.l().dtype());
        List<INDArray> plu = ChunkedArray.compute(f.p(), f.l(), f.u());
        assertEquals(dtype.nd4j(), plu.get(1).dataType());
        INDArray p = Mats.f64(plu.get(0));
        INDArray l = Mats.f64(plu.get(1));
        INDArray u = Mats.f64(plu.get(2));
        for (int i = 0; i < m; i++) {
            double rowSum = 0;
            double colSum = 0;
            for (int j = 0; j < m; j++) {
                double v = p.getDouble(i, j);
                assertTrue(v == 0 || v == 1, what + "P has only zeros and ones: P[" + i + ", " + j + "] = " + v);
                rowSum += v;
                colSum += p.getDouble(j, i);
            }
            assertEquals(1.0, rowSum, what + "P is a permutation: one 1 in row " + i);
            assertEquals(1.0, colSum, what + "P is a permutation: one 1 in column " + i);
        }
        for (int i = 0; i < m; i++) {
            for (int j = i; j < k; j++) {
                assertEquals(i == j ? 1.0 : 0.0, l.getDouble(i, j), what + "L is unit lower: L[" + i + ", " + j + "]");
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, u.getDouble(i, j), what + "U is upper: U[" + i + ", " + j + "]");
            }
        }
        INDArray a64 = Mats.f64(a);
        double err = Mats.frob(p.mmul(l).mmul(u).sub(a64));
        double bound = FACTOR_C * Math.max(m, n) * eps * Mats.frob(a64);
        assertTrue(err <= bound, () -> what + "‖P L U − A‖ = " + err + " > " + bound
                + " = FACTOR_C·max(m, n)·eps·‖A‖ (partial pivoting is backward stable for these matrices)");
    }

    // ---------------------------------------------------------------- solve, solveSpd, inv

    @ParameterizedTest(name = "{0} n={1} chunks {2}")
    @MethodSource("squareCases")
    void solveReachesBackwardErrorNearEpsAndForwardErrorNearEpsTimesKappa(DType dtype, int n, long[] chunks) {
        for (double cond : conditions(dtype)) {
            INDArray a = typed(Mats.withSpectrum(n, n, Mats.conditioned(n, cond), 300L + n), dtype);
            for (int k : new int[] {0, 3}) { // 0: a vector b
                checkSolve("solve κ=" + cond, a, cond, k, chunks, dtype, (x, y) -> Linalg.solve(x, y));
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1} chunks {2}")
    @MethodSource("squareCases")
    void solveSpdReachesBackwardErrorNearEpsAndReadsOnlyTheLowerTriangle(DType dtype, int n, long[] chunks) {
        double[] conditions = conditions(dtype);
        for (double cond : conditions) {
            INDArray a = typed(Mats.spd(n, cond, 400L + n), dtype);
            for (int k : new int[] {0, 3}) {
                INDArray x = checkSolve("solveSpd κ=" + cond, a, cond, k, chunks, dtype,
                        (y, z) -> Linalg.solveSpd(y, z));
                if (cond == conditions[0] && k == 3) {
                    INDArray garbage = a.dup('c');
                    for (int i = 0; i < n; i++) {
                        for (int j = i + 1; j < n; j++) {
                            garbage.putScalar(new long[] {i, j}, -5e2 - i);
                        }
                    }
                    INDArray b = rhs(a, k, 1000L + n + k).castTo(dtype.nd4j()); // checkSolve's b
                    INDArray xg = Mats.f64(Linalg.solveSpd(Mats.chunked(garbage, chunks),
                            Mats.chunked(b, chunks[0], 2)).compute());
                    double diff = Mats.frob(xg.sub(x));
                    double same = FORWARD_C * n * Mats.eps(dtype) * cond * Mats.frob(x);
                    assertTrue(diff <= same, () -> "solveSpd reads only the lower triangle: garbage above the "
                            + "diagonal changed x by " + diff + " > FORWARD_C·n·eps·κ·‖x‖ = " + same);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} n={1} chunks {2}")
    @MethodSource("squareCases")
    void inverseTimesMatrixIsTheIdentityWithinEpsTimesKappa(DType dtype, int n, long[] chunks) {
        double eps = Mats.eps(dtype);
        for (double cond : conditions(dtype)) {
            INDArray a = typed(Mats.withSpectrum(n, n, Mats.conditioned(n, cond), 500L + n), dtype);
            ChunkedArray lazy = Linalg.inv(Mats.chunked(a, chunks));
            assertEquals(dtype, lazy.dtype());
            assertArrayEquals(new long[] {n, n}, lazy.shape());
            INDArray inv = lazy.compute();
            assertEquals(dtype.nd4j(), inv.dataType());
            INDArray product = Mats.f64(inv).mmul(Mats.f64(a));
            double err = Mats.frob(product.sub(Nd4j.eye(n).castTo(DataType.DOUBLE)));
            double bound = FORWARD_C * n * eps * cond;
            assertTrue(err <= bound, () -> "κ=" + cond + ": ‖inv(A) A − I‖ = " + err + " > " + bound
                    + " = FORWARD_C·n·eps·κ");
        }
    }

    // ---------------------------------------------------------------- solveTriangular

    static Stream<Arguments> triangularCases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (Object[] c : SQUARE) {
                int n = (Integer) c[0];
                if (n != 64) { // 64 adds nothing over 33 and 100 here; keeps the runtime down
                    out.add(Arguments.of(dtype, n, c[1]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n={1} chunks {2}")
    @MethodSource("triangularCases")
    void solveTriangularLowerUpperTransposeAndUnitDiagonal(DType dtype, int n, long[] chunks) {
        double cond = dtype == DType.FLOAT32 ? 1e2 : 1e5;
        // The Cholesky factor of an SPD matrix with condition κ² has condition κ (a random triangular matrix
        // would be exponentially ill-conditioned).
        INDArray factor = Kernels.cholesky(Mats.spd(n, cond * cond, 600L + n));
        for (boolean lower : new boolean[] {true, false}) {
            for (boolean transpose : new boolean[] {false, true}) {
                for (boolean unit : new boolean[] {false, true}) {
                    String what = "lower=" + lower + " transpose=" + transpose + " unitDiagonal=" + unit;
                    INDArray t = factor.dup('c');
                    if (unit) { // L D⁻¹: unit diagonal, condition measured below
                        for (int j = 0; j < n; j++) {
                            double d = factor.getDouble(j, j);
                            for (int i = j; i < n; i++) {
                                t.putScalar(new long[] {i, j}, factor.getDouble(i, j) / d);
                            }
                        }
                    }
                    if (!lower) {
                        t = t.transpose().dup('c');
                    }
                    t = Mats.f64(t.castTo(dtype.nd4j())); // the triangle the solver sees, rounded to dtype
                    INDArray input = t.dup('c');
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            if (lower ? j > i : j < i) {
                                input.putScalar(new long[] {i, j}, 1e3 + i); // the other triangle is not read
                            }
                        }
                        if (unit) {
                            t.putScalar(new long[] {i, i}, 1.0);
                            input.putScalar(new long[] {i, i}, 7.0); // a unit diagonal is not read
                        }
                    }
                    INDArray op = transpose ? t.transpose().dup('c') : t;
                    double kappa = Mats.cond(op);
                    int seed = 700 + n;
                    checkSolve("solveTriangular " + what + " κ=" + kappa, typed(input, dtype), kappa, 2, chunks,
                            dtype, op, seed, (x, y) -> Linalg.solveTriangular(x, y, lower, transpose, unit));
                    if (transpose || unit) {
                        continue;
                    }
                    checkSolve("solveTriangular(a, b, lower=" + lower + ") vector b", typed(input, dtype), kappa,
                            0, chunks, dtype, op, seed, (x, y) -> Linalg.solveTriangular(x, y, lower));
                }
            }
        }
    }

    // ---------------------------------------------------------------- types and empty systems

    static Stream<Arguments> integerTypes() {
        return Stream.of(Arguments.of(DType.INT64, new long[] {3, 2}), Arguments.of(DType.INT32, new long[] {5, 5}),
                Arguments.of(DType.INT16, new long[] {1, 1}));
    }

    /** Integer inputs compute in float64 (as NumPy's linalg); integer-valued systems with a known solution. */
    @ParameterizedTest(name = "{0} chunks {1}")
    @MethodSource("integerTypes")
    void integerInputsPromoteToFloat64(DType dtype, long[] chunks) {
        int n = 6;
        double eps = Mats.eps(DType.FLOAT64);
        // A = B Bᵀ + n I with small integer B: integer, symmetric positive definite, well conditioned.
        INDArray g = Mats.gaussian(n, n, 800);
        INDArray bInt = Nd4j.create(DataType.DOUBLE, n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                bInt.putScalar(new long[] {i, j}, Math.rint(2 * g.getDouble(i, j)));
            }
        }
        INDArray a64 = bInt.mmul(bInt.transpose()).add(Nd4j.eye(n).castTo(DataType.DOUBLE).mul(n)).dup('c');
        INDArray xTrue = Nd4j.createFromArray(new double[] {1, -2, 3, 0, 5, -1});
        INDArray b64 = a64.mmul(xTrue.reshape(new long[] {n, 1})).reshape(new long[] {n}).dup('c');
        ChunkedArray a = Mats.chunked(a64.castTo(dtype.nd4j()), chunks);
        ChunkedArray b = Mats.chunked(b64.castTo(dtype.nd4j()), chunks[0]);
        assertEquals(dtype, a.dtype());
        double tol = FORWARD_C * n * eps * Mats.cond(a64); // forward-error bound c·n·eps·κ of the float64 solve
        List<ChunkedArray> results = List.of(Linalg.solve(a, b), Linalg.solveSpd(a, b),
                Linalg.solveTriangular(a, b, true), Linalg.cholesky(a), Linalg.inv(a), Linalg.lu(a).u());
        for (ChunkedArray r : results) {
            assertEquals(DType.FLOAT64, r.dtype(), "integer input computes in float64");
        }
        List<INDArray> got = ChunkedArray.compute(results.toArray(new ChunkedArray[0]));
        for (INDArray r : got) {
            assertEquals(DataType.DOUBLE, r.dataType());
        }
        assertTrue(Mats.relErr(got.get(0), xTrue) <= tol, "solve of an integer system: " + got.get(0));
        assertTrue(Mats.relErr(got.get(1), xTrue) <= tol, "solveSpd of an integer system: " + got.get(1));
        INDArray lower = a64.dup('c');
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                lower.putScalar(new long[] {i, j}, 0);
            }
        }
        INDArray residual = lower.mmul(got.get(2).reshape(new long[] {n, 1})).reshape(new long[] {n}).sub(b64);
        assertTrue(Mats.frob(residual) <= tol * Mats.frob(b64), "solveTriangular of an integer system");
        INDArray l = got.get(3);
        assertTrue(Mats.relErr(l.mmul(l.transpose()), a64) <= FACTOR_C * n * eps, "cholesky of an integer matrix");
        assertTrue(Mats.relErr(got.get(4).mmul(a64), Nd4j.eye(n).castTo(DataType.DOUBLE)) <= tol,
                "inv of an integer matrix");
    }

    /** NumPy's promotion: float32 with float32 stays float32; float32 with float64 or an integer is float64. */
    @Test
    void mixedTypesPromoteLikeNumPy() {
        int n = 7;
        INDArray a = Mats.withSpectrum(n, n, Mats.conditioned(n, 10), 900);
        INDArray b = Mats.gaussian(n, 2, 901);
        ChunkedArray a32 = Mats.chunked(a.castTo(DataType.FLOAT), 3, 3);
        ChunkedArray a64 = Mats.chunked(a, 3, 3);
        ChunkedArray b32 = Mats.chunked(b.castTo(DataType.FLOAT), 3, 2);
        ChunkedArray b64 = Mats.chunked(b, 3, 2);
        ChunkedArray bInt = Mats.chunked(b.mul(10).castTo(DataType.LONG), 3, 2);
        assertEquals(DType.FLOAT32, Linalg.solve(a32, b32).dtype());
        assertEquals(DType.FLOAT64, Linalg.solve(a32, b64).dtype());
        assertEquals(DType.FLOAT64, Linalg.solve(a64, b32).dtype());
        assertEquals(DType.FLOAT64, Linalg.solve(a32, bInt).dtype());
        INDArray x = Linalg.solve(a32, b64).compute();
        assertEquals(DataType.DOUBLE, x.dataType());
        INDArray a32in64 = Mats.f64(a.castTo(DataType.FLOAT));
        double backward = Mats.frob(a32in64.mmul(x).sub(b)) / (Mats.frob(a32in64) * Mats.frob(x) + Mats.frob(b));
        double bound = BACKWARD_C * n * Mats.eps(DType.FLOAT64);
        assertTrue(backward <= bound, () -> "float32 a with float64 b solves in float64: backward error " + backward
                + " > BACKWARD_C·n·eps(float64) = " + bound);
    }

    @Test
    void emptySystemsGiveEmptyResults() {
        ChunkedArray a = ChunkedArray.zeros(new long[] {0, 0}, DType.FLOAT64, Chunks.of(-1, -1));
        assertArrayEquals(new long[] {0, 0}, Linalg.cholesky(a).compute().shape());
        assertArrayEquals(new long[] {0, 0}, Linalg.inv(a).compute().shape());
        ChunkedArray b = ChunkedArray.zeros(new long[] {0, 3}, DType.FLOAT64, Chunks.of(-1, -1));
        assertArrayEquals(new long[] {0, 3}, Linalg.solve(a, b).compute().shape());
        ChunkedArray v = ChunkedArray.zeros(new long[] {0}, DType.FLOAT64, Chunks.of(-1));
        assertArrayEquals(new long[] {0}, Linalg.solveSpd(a, v).compute().shape());
    }

    // ---------------------------------------------------------------- checks

    private interface Solver {
        ChunkedArray solve(ChunkedArray a, ChunkedArray b);
    }

    /** A seeded right-hand side for a: x* Gaussian (n x k, or n for k = 0), b = A x* in float64. */
    private static INDArray rhs(INDArray a, int k, long seed) {
        return product(Mats.f64(a), solution(a.size(0), k, seed));
    }

    private static INDArray solution(long n, int k, long seed) {
        INDArray x = Mats.gaussian(n, Math.max(k, 1), seed);
        return k == 0 ? x.reshape(new long[] {n}).dup('c') : x;
    }

    private static INDArray product(INDArray a, INDArray x) {
        if (x.rank() == 1) {
            return a.mmul(x.reshape(new long[] {x.length(), 1})).reshape(new long[] {a.size(0)}).dup('c');
        }
        return a.mmul(x);
    }

    private static INDArray checkSolve(String what, INDArray a, double cond, int k, long[] chunks, DType dtype,
                                       Solver solver) {
        return checkSolve(what, a, cond, k, chunks, dtype, Mats.f64(a), 1000L + a.size(0) + k, solver);
    }

    /**
     * Solves op·x = b with b = op·x* (x* seeded, k columns, a vector for k = 0) for the input {@code a} chunked as
     * {@code chunks} (b: the same row chunks, 2 columns per block), and checks the shape, the dtype, the backward
     * error against {@code op} (the matrix the solver should use, float64) and the forward error against x*.
     * Returns x in float64.
     */
    private static INDArray checkSolve(String what, INDArray a, double cond, int k, long[] chunks, DType dtype,
                                       INDArray op, long seed, Solver solver) {
        long n = a.size(0);
        double eps = Mats.eps(dtype);
        INDArray xTrue = solution(n, k, seed);
        INDArray b = product(op, xTrue).castTo(dtype.nd4j());
        ChunkedArray bc = k == 0 ? Mats.chunked(b, chunks[0]) : Mats.chunked(b, chunks[0], 2);
        ChunkedArray lazy = solver.solve(Mats.chunked(a, chunks), bc);
        String label = what + (k == 0 ? " (vector b)" : " (b with " + k + " columns)") + ": ";
        assertArrayEquals(b.shape(), lazy.shape(), label + "the result has b's shape");
        assertEquals(dtype, lazy.dtype(), label + "the result has the compute type");
        INDArray got = lazy.compute();
        assertArrayEquals(b.shape(), got.shape(), label + "the computed result has b's shape");
        assertEquals(dtype.nd4j(), got.dataType());
        INDArray x = Mats.f64(got);
        INDArray b64 = Mats.f64(b);
        double backward = Mats.frob(product(op, x).sub(b64)) / (Mats.frob(op) * Mats.frob(x) + Mats.frob(b64));
        double backwardBound = BACKWARD_C * n * eps;
        assertTrue(backward <= backwardBound, () -> label + "backward error ‖Ax − b‖/(‖A‖‖x‖ + ‖b‖) = " + backward
                + " > " + backwardBound + " = BACKWARD_C·n·eps");
        double forward = Mats.relErr(x, xTrue);
        double forwardBound = FORWARD_C * n * eps * cond;
        assertTrue(forward <= forwardBound, () -> label + "forward error ‖x − x*‖/‖x*‖ = " + forward + " > "
                + forwardBound + " = FORWARD_C·n·eps·κ");
        return x;
    }

    private static INDArray typed(INDArray a, DType dtype) {
        return a.castTo(dtype.nd4j()).dup('c');
    }
}
