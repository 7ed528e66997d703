package org.tessella.linalg.kernel;

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

/**
 * Cholesky, LU, solvers and inverse against plain-Java references, on matrices with a chosen condition number.
 * Bounds: backward error ‖A x − b‖ / (‖A‖ ‖x‖) ≤ 10·n·eps, forward error ‖x − x*‖ / ‖x*‖ ≤ 10·n·κ·eps, with eps
 * the machine epsilon of the compute type; factorizations reproduce A to 1e-12 (float64) or 5e-5 (float32).
 */
class SolverKernelTest {

    private static final int[] SIZES = {1, 2, 7, 40, 150};

    static Stream<Arguments> squareCases() {
        List<Arguments> out = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                for (int n : SIZES) {
                    for (double cond : type == DataType.DOUBLE ? new double[] {10, 1e8} : new double[] {10, 1e3}) {
                        out.add(Arguments.of(backend, type, n, cond));
                    }
                }
            }
        }
        return out.stream();
    }

    private static double eps(DataType type) {
        return type == DataType.DOUBLE ? 0x1p-52 : 0x1p-23;
    }

    private static double factorTol(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 5e-5;
    }

    /** Q diag(λ) Qᵀ with λ geometric from 1 to 1/cond: symmetric positive definite with condition number cond. */
    static double[][] spd(int n, double cond, long seed) {
        double[][] q = Dense.orthonormal(n, n, seed);
        return Dense.multiply(Dense.multiply(q, Dense.diag(Dense.geometric(n, cond))), Dense.transpose(q));
    }

    @ParameterizedTest(name = "{0} {1} n={2} cond {3}")
    @MethodSource("squareCases")
    void choleskyReproducesAndReadsOnlyTheLowerTriangle(Backend backend, DataType type, int n, double cond) {
        double[][] a = spd(n, cond, n);
        double[][] garbage = new double[n][];
        for (int i = 0; i < n; i++) {
            garbage[i] = a[i].clone();
            for (int j = i + 1; j < n; j++) {
                garbage[i][j] = 1e6 + j; // the upper triangle must not be read
            }
        }
        INDArray l = backend.cholesky(Dense.nd(garbage, type));
        assertEquals(type, l.dataType());
        assertArrayEquals(new long[] {n, n}, l.shape());
        double[][] lj = Dense.java(l);
        for (int i = 0; i < n; i++) {
            assertTrue(lj[i][i] > 0, "diagonal of L not positive");
            for (int j = i + 1; j < n; j++) {
                assertEquals(0.0, lj[i][j], "L not lower triangular at " + i + "," + j);
            }
        }
        double err = Dense.relativeError(Dense.multiply(lj, Dense.transpose(lj)), a);
        assertTrue(err <= factorTol(type), () -> "‖LLᵀ − A‖/‖A‖ = " + err);
    }

    @ParameterizedTest(name = "{0} {1} n={2} cond {3}")
    @MethodSource("squareCases")
    void solveReachesBackwardStableResiduals(Backend backend, DataType type, int n, double cond) {
        double[][] a = Dense.withSpectrum(n, n, Dense.geometric(n, cond), 31L * n);
        for (int k : new int[] {1, 4}) {
            double[][] xTrue = Dense.gaussian(n, k, 7L * n + k);
            double[][] b = Dense.multiply(a, xTrue);
            INDArray x = backend.solve(Dense.nd(a, type), Dense.nd(b, type));
            assertEquals(type, x.dataType());
            assertArrayEquals(new long[] {n, k}, x.shape());
            assertSolved(a, Dense.java(x), b, xTrue, cond, type);
        }
    }

    @ParameterizedTest(name = "{0} {1} n={2} cond {3}")
    @MethodSource("squareCases")
    void solveSpdReachesBackwardStableResiduals(Backend backend, DataType type, int n, double cond) {
        double[][] a = spd(n, cond, 3L * n);
        for (int k : new int[] {1, 3}) {
            double[][] xTrue = Dense.gaussian(n, k, 11L * n + k);
            double[][] b = Dense.multiply(a, xTrue);
            INDArray x = backend.solveSpd(Dense.nd(a, type), Dense.nd(b, type));
            assertEquals(type, x.dataType());
            assertSolved(a, Dense.java(x), b, xTrue, cond, type);
        }
    }

    @ParameterizedTest(name = "{0} {1} n={2} cond {3}")
    @MethodSource("squareCases")
    void inverseTimesMatrixIsIdentity(Backend backend, DataType type, int n, double cond) {
        double[][] a = Dense.withSpectrum(n, n, Dense.geometric(n, cond), 17L * n);
        INDArray inv = backend.inv(Dense.nd(a, type));
        assertEquals(type, inv.dataType());
        double[][] product = Dense.multiply(a, Dense.java(inv));
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                worst = Math.max(worst, Math.abs(product[i][j] - (i == j ? 1 : 0)));
            }
        }
        double bound = 10.0 * n * cond * eps(type);
        double w = worst;
        assertTrue(worst <= bound, () -> "max |A A⁻¹ − I| = " + w + " > " + bound);
    }

    static Stream<Arguments> luCases() {
        List<Arguments> out = new ArrayList<>();
        int[][] shapes = {{1, 1}, {5, 5}, {40, 40}, {150, 150}, {10, 13}, {13, 10}, {1, 6}, {6, 1}, {200, 30}};
        for (Backend backend : Backend.values()) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                for (int[] s : shapes) {
                    if (backend == Backend.EJML && s[0] != s[1]) {
                        continue; // the façade sends rectangular LU to LAPACK
                    }
                    out.add(Arguments.of(backend, type, s[0], s[1]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @MethodSource("luCases")
    void luWithPartialPivotingReproduces(Backend backend, DataType type, int m, int n) {
        double[][] a = Dense.gaussian(m, n, 101L * m + n);
        Kernels.Lu lu = backend.lu(Dense.nd(a, type));
        int k = Math.min(m, n);
        assertArrayEquals(new long[] {m, k}, lu.l().shape());
        assertArrayEquals(new long[] {k, n}, lu.u().shape());
        double[][] l = Dense.java(lu.l());
        double[][] u = Dense.java(lu.u());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                if (j > i) {
                    assertEquals(0.0, l[i][j], "L not lower at " + i + "," + j);
                } else if (j == i) {
                    assertEquals(1.0, l[i][j], "L not unit at " + i);
                } else {
                    assertTrue(Math.abs(l[i][j]) <= 1 + 1e-12, "partial pivoting bounds |L| by 1");
                }
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, u[i][j], "U not upper at " + i + "," + j);
            }
        }
        double[][] plu = Dense.multiply(Dense.java(lu.permutationMatrix()), Dense.multiply(l, u));
        double err = Dense.relativeError(plu, a);
        assertTrue(err <= factorTol(type), () -> "‖PLU − A‖/‖A‖ = " + err);
        int[] perm = lu.perm();
        double[][] lu2 = Dense.multiply(l, u);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(a[perm[i]][j], lu2[i][j], factorTol(type) * 10 * Dense.frobenius(a));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.linalg.kernel.QrSvdKernelTest#backends")
    void luOfASingularMatrixIsStillAFactorization(Backend backend) {
        double[][] a = Dense.withSpectrum(6, 6, new double[] {2, 1, 0.5}, 4);
        Kernels.Lu lu = backend.lu(Dense.nd(a, DataType.DOUBLE));
        double[][] plu = Dense.multiply(Dense.java(lu.permutationMatrix()),
                Dense.multiply(Dense.java(lu.l()), Dense.java(lu.u())));
        assertTrue(Dense.relativeError(plu, a) <= 1e-12);
    }

    static Stream<Arguments> triangularCases() {
        List<Arguments> out = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                for (int n : new int[] {1, 9, 120}) {
                    for (boolean lower : new boolean[] {true, false}) {
                        for (boolean transpose : new boolean[] {false, true}) {
                            for (boolean unit : new boolean[] {false, true}) {
                                out.add(Arguments.of(backend, type, n, lower, transpose, unit));
                            }
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} n={2} lower={3} trans={4} unit={5}")
    @MethodSource("triangularCases")
    void solveTriangularReadsOnlyItsTriangle(Backend backend, DataType type, int n, boolean lower,
                                             boolean transpose, boolean unit) {
        double[][] g = Dense.gaussian(n, n, 55L * n);
        double[][] input = new double[n][n];
        double[][] t = new double[n][n]; // the triangle op() sees, for the reference
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inTriangle = lower ? j < i : j > i;
                input[i][j] = inTriangle ? g[i][j] / n : 1e3 + i; // garbage outside the triangle
                t[i][j] = inTriangle ? g[i][j] / n : 0.0;
            }
            input[i][i] = unit ? 7.0 : 1.5 + Math.abs(g[i][i]); // a unit diagonal is not read
            t[i][i] = unit ? 1.0 : input[i][i];
        }
        double[][] op = transpose ? Dense.transpose(t) : t;
        double[][] xTrue = Dense.gaussian(n, 3, 66L * n);
        double[][] b = Dense.multiply(op, xTrue);
        INDArray x = backend.solveTriangular(Dense.nd(input, type), Dense.nd(b, type), lower, transpose, unit);
        assertEquals(type, x.dataType());
        assertSolved(op, Dense.java(x), b, xTrue, 10, type);
    }

    /** The façade takes a vector right-hand side and returns a vector; float32 stays float32, mixed goes float64. */
    @Test
    void vectorRightHandSidesAndTypePromotion() {
        double[][] a = Dense.withSpectrum(5, 5, Dense.geometric(5, 10), 3);
        double[] xTrue = {1, -2, 3, -4, 5};
        double[][] b = Dense.multiply(a, Dense.transpose(new double[][] {xTrue}));
        INDArray bv = Nd4j.createFromArray(Dense.transpose(b)[0]);
        INDArray x = Kernels.solve(Dense.nd(a, DataType.DOUBLE), bv);
        assertArrayEquals(new long[] {5}, x.shape());
        assertArrayEquals(xTrue, Dense.vector(x), 1e-12);
        INDArray xf = Kernels.solve(Dense.nd(a, DataType.FLOAT), bv.castTo(DataType.FLOAT));
        assertEquals(DataType.FLOAT, xf.dataType());
        assertArrayEquals(xTrue, Dense.vector(xf), 1e-4);
        INDArray mixed = Kernels.solve(Dense.nd(a, DataType.FLOAT), bv);
        assertEquals(DataType.DOUBLE, mixed.dataType());
        INDArray spd = Kernels.solveSpd(Dense.nd(spd(5, 10, 1), DataType.DOUBLE), bv);
        assertArrayEquals(new long[] {5}, spd.shape());
    }

    @Test
    void emptySystemsGiveEmptyResults() {
        INDArray a = Nd4j.create(DataType.DOUBLE, 0, 0);
        assertArrayEquals(new long[] {0, 0}, Kernels.cholesky(a).shape());
        assertArrayEquals(new long[] {0, 0}, Kernels.inv(a).shape());
        assertArrayEquals(new long[] {0, 3}, Kernels.solve(a, Nd4j.create(DataType.DOUBLE, 0, 3)).shape());
        assertArrayEquals(new long[] {0}, Kernels.solveSpd(a, Nd4j.create(DataType.DOUBLE, 0)).shape());
        INDArray a3 = Dense.nd(new double[][] {{2, 0, 0}, {0, 3, 0}, {0, 0, 4}}, DataType.DOUBLE);
        assertArrayEquals(new long[] {3, 0}, Kernels.solve(a3, Nd4j.create(DataType.DOUBLE, 3, 0)).shape());
        Kernels.Lu lu = Kernels.lu(Nd4j.create(DataType.DOUBLE, 3, 0));
        assertArrayEquals(new long[] {3, 0}, lu.l().shape());
        assertArrayEquals(new long[] {0, 0}, lu.u().shape());
        assertArrayEquals(new int[] {0, 1, 2}, lu.perm());
    }

    private static void assertSolved(double[][] a, double[][] x, double[][] b, double[][] xTrue, double cond,
                                     DataType type) {
        int n = a.length;
        double eps = eps(type);
        double[][] ax = Dense.multiply(a, x);
        double residual = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < b[0].length; j++) {
                residual += (ax[i][j] - b[i][j]) * (ax[i][j] - b[i][j]);
            }
        }
        double backward = Math.sqrt(residual) / (Dense.frobenius(a) * Dense.frobenius(x));
        double backwardBound = 10.0 * n * eps;
        assertTrue(backward <= backwardBound, () -> "backward error " + backward + " > " + backwardBound);
        double forward = Dense.relativeError(x, xTrue);
        double forwardBound = 10.0 * n * cond * eps;
        assertTrue(forward <= forwardBound, () -> "forward error " + forward + " > " + forwardBound);
    }
}
