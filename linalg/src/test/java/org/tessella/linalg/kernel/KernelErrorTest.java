package org.tessella.linalg.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.linalg.LinAlgException;

/**
 * Bad input gets an error that names the argument and the problem, in the project's style
 * "&lt;argument&gt; &lt;what is wrong&gt;: &lt;value&gt;; expected &lt;what&gt;", from every backend.
 */
class KernelErrorTest {

    static Stream<Backend> backends() {
        return Stream.of(Backend.values());
    }

    private static INDArray m(double[][] a) {
        return Dense.nd(a, DataType.DOUBLE);
    }

    private static void assertStyle(Exception e, String argument, String problem) {
        String msg = e.getMessage();
        assertTrue(msg.startsWith(argument + " "), () -> "message does not start with the argument: " + msg);
        assertTrue(msg.contains(problem), () -> "message does not say '" + problem + "': " + msg);
        assertTrue(msg.contains("; expected "), () -> "message does not say what was expected: " + msg);
        if (e instanceof LinAlgException l) {
            assertEquals(argument, l.argument());
        }
    }

    @Test
    void choleskyOfANonSquareMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.cholesky(Nd4j.create(DataType.DOUBLE, 3, 4)));
        assertStyle(e, "a", "is not square: shape [3, 4]");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void choleskyOfAnIndefiniteMatrix(Backend backend) {
        INDArray a = m(new double[][] {{4, 2, 0}, {2, 1, 0}, {0, 0, 1}}); // singular PSD: minor 2 is zero
        LinAlgException e = assertThrows(LinAlgException.class, () -> backend.cholesky(a));
        assertStyle(e, "a", "is not positive definite");
        INDArray b = m(new double[][] {{1, 0}, {0, -1}});
        assertStyle(assertThrows(LinAlgException.class, () -> backend.cholesky(b)), "a", "is not positive definite");
        assertStyle(assertThrows(LinAlgException.class, () -> backend.solveSpd(b, m(new double[][] {{1}, {1}}))),
                "a", "is not positive definite");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void exactlySingularSystems(Backend backend) {
        INDArray a = m(new double[][] {{1, 2}, {2, 4}});
        INDArray b = m(new double[][] {{1}, {1}});
        assertStyle(assertThrows(LinAlgException.class, () -> backend.solve(a, b)), "a", "singular");
        assertStyle(assertThrows(LinAlgException.class, () -> backend.inv(a)), "a", "singular");
    }

    /** Rank 29 of 30: rounding leaves tiny non-zero pivots, but the condition estimate catches it. */
    @ParameterizedTest
    @MethodSource("backends")
    void numericallySingularSystems(Backend backend) {
        double[] s = Dense.geometric(30, 100);
        s[29] = 0;
        INDArray a = m(Dense.withSpectrum(30, 30, s, 12));
        INDArray b = m(Dense.gaussian(30, 2, 1));
        assertStyle(assertThrows(LinAlgException.class, () -> backend.solve(a, b)), "a", "singular");
        assertStyle(assertThrows(LinAlgException.class, () -> backend.inv(a)), "a", "singular");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void triangularWithAZeroOnTheDiagonal(Backend backend) {
        INDArray t = m(new double[][] {{1, 0, 0}, {2, 3, 0}, {4, 5, 0}});
        LinAlgException e = assertThrows(LinAlgException.class,
                () -> backend.solveTriangular(t, m(new double[][] {{1}, {2}, {3}}), true, false, false));
        assertStyle(e, "a", "diagonal element 2 is zero");
    }

    @Test
    void incompatibleRightHandSides() {
        INDArray a = Nd4j.eye(4).castTo(DataType.DOUBLE);
        for (Function<INDArray, INDArray> solver : java.util.List.<Function<INDArray, INDArray>>of(
                b -> Kernels.solve(a, b), b -> Kernels.solveSpd(a, b),
                b -> Kernels.solveTriangular(a, b, true, false, false))) {
            assertStyle(assertThrows(IllegalArgumentException.class,
                    () -> solver.apply(Nd4j.create(DataType.DOUBLE, 3, 2))), "b", "has the wrong number of rows: shape [3, 2]");
            assertStyle(assertThrows(IllegalArgumentException.class,
                    () -> solver.apply(Nd4j.create(DataType.DOUBLE, 3))), "b", "has the wrong length: 3");
            assertStyle(assertThrows(IllegalArgumentException.class,
                    () -> solver.apply(Nd4j.create(DataType.DOUBLE, 4, 1, 1))), "b", "is neither a vector nor a matrix");
        }
    }

    @Test
    void nonMatrices() {
        assertStyle(assertThrows(IllegalArgumentException.class, () -> Kernels.qr(Nd4j.create(DataType.DOUBLE, 5))),
                "a", "is not a matrix: shape [5]");
        assertStyle(assertThrows(IllegalArgumentException.class,
                () -> Kernels.svd(Nd4j.create(DataType.DOUBLE, 2, 2, 2))), "a", "is not a matrix");
        assertStyle(assertThrows(IllegalArgumentException.class,
                () -> Kernels.solve(Nd4j.create(DataType.DOUBLE, 2, 3), Nd4j.create(DataType.DOUBLE, 2))),
                "a", "is not square");
        assertStyle(assertThrows(IllegalArgumentException.class,
                () -> Kernels.inv(Nd4j.create(DataType.DOUBLE, 2, 3))), "a", "is not square");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void notANumber(Backend backend) {
        double[][] a = Dense.gaussian(40, 40, 3);
        a[17][5] = Double.NaN;
        INDArray x = m(a);
        assertStyle(assertThrows(LinAlgException.class, () -> backend.qr(x)), "a", "contains NaN");
        assertStyle(assertThrows(LinAlgException.class, () -> backend.svd(x)), "a", "contains NaN");
        assertStyle(assertThrows(LinAlgException.class, () -> backend.solve(x, m(Dense.gaussian(40, 1, 1)))),
                "a", "contains NaN");
    }

    @Test
    void blasThreadsMustBePositive() {
        assertStyle(assertThrows(IllegalArgumentException.class, () -> NativeThreads.setBlasThreads(0)),
                "threads", "is not positive: 0");
    }
}
