package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.TaskFailedException;

/**
 * Bad input to every public {@link Linalg} method. Shapes and arguments are rejected when the graph is built with
 * an {@link IllegalArgumentException} in the project's style {@code "<argument> <what is wrong>: <value>; expected
 * <what>"}: each case checks that the message starts with the argument's name, contains the offending value and
 * says what was expected. Values that make the problem impossible (not positive definite, singular, NaN) are
 * found when the graph runs: {@code compute()} throws {@link TaskFailedException} (with the failing block's key)
 * whose cause is a {@link LinAlgException} naming the argument, the problem and where it was found (the leading
 * minor or the pivot).
 */
class LinalgBadInputTest {

    // ---------------------------------------------------------------- helpers

    /** Asserts an IllegalArgumentException at graph-build time naming {@code argument}, {@code value} and "expected". */
    static IllegalArgumentException rejects(Executable call, String argument, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call,
                "expected an IllegalArgumentException naming " + argument + " when the graph is built");
        checkMessage(e.getMessage(), argument, value);
        return e;
    }

    static void checkMessage(String message, String argument, String value) {
        assertNotNull(message, "the exception has a message");
        assertTrue(message.startsWith(argument + " ") || message.startsWith(argument + ":"),
                () -> "the message starts with the argument's name '" + argument + "': " + message);
        assertTrue(message.contains(value), () -> "the message names the value '" + value + "': " + message);
        assertTrue(message.contains("expected"), () -> "the message says what was expected: " + message);
    }

    /**
     * Asserts that computing {@code lazy} fails with a TaskFailedException carrying the failing key, whose cause is
     * a LinAlgException naming {@code argument} and containing {@code problem}; returns its message.
     */
    static String failsAtCompute(ChunkedArray lazy, String argument, String problem) {
        TaskFailedException e = assertThrows(TaskFailedException.class, lazy::compute,
                "the values are only looked at when the graph runs");
        assertNotNull(e.key(), "the failure names the failing block's key");
        LinAlgException cause = assertInstanceOf(LinAlgException.class, e.getCause(),
                () -> "the cause is a LinAlgException (as documented on Linalg), got " + e.getCause());
        assertEquals(argument, cause.argument(), "LinAlgException.argument()");
        checkMessage(cause.getMessage(), argument, problem);
        return cause.getMessage();
    }

    static ChunkedArray matrix(int m, int n) {
        return Mats.chunked(Mats.gaussian(m, n, 1L + m * 31L + n), Math.max(1, (m + 1) / 2), Math.max(1, (n + 1) / 2));
    }

    static ChunkedArray vector(int n) {
        return Mats.chunked(Mats.gaussian(n, 1, 2L + n).reshape(new long[] {n}).dup('c'), Math.max(1, (n + 1) / 2));
    }

    static ChunkedArray ofShape(long... shape) {
        return ChunkedArray.zeros(shape, DType.FLOAT64, Chunks.auto());
    }

    // ---------------------------------------------------------------- not a matrix

    /** Every method taking a matrix {@code a}, with a right-hand side that would be valid for a 3 x 3 matrix. */
    static Stream<Arguments> matrixOperations() {
        ChunkedArray b = vector(3);
        List<Arguments> out = new ArrayList<>();
        out.add(op("cholesky", Linalg::cholesky));
        out.add(op("lu", a -> Linalg.lu(a).u()));
        out.add(op("inv", Linalg::inv));
        out.add(op("solve", a -> Linalg.solve(a, b)));
        out.add(op("solveSpd", a -> Linalg.solveSpd(a, b)));
        out.add(op("solveTriangular(a, b, lower)", a -> Linalg.solveTriangular(a, b, true)));
        out.add(op("solveTriangular(a, b, lower, transpose, unit)",
                a -> Linalg.solveTriangular(a, b, false, true, true)));
        out.add(op("lstsq", a -> Linalg.lstsq(a, b).x()));
        out.add(op("qr", a -> Linalg.qr(a).q()));
        out.add(op("tsqr", a -> Linalg.tsqr(a).q()));
        out.add(op("svd", a -> Linalg.svd(a).u()));
        out.add(op("singularValues", Linalg::singularValues));
        out.add(op("svdCompressed", a -> Linalg.svdCompressed(a, 1).u()));
        return out.stream();
    }

    private static Arguments op(String name, Function<ChunkedArray, ChunkedArray> f) {
        return Arguments.of(name, f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrixOperations")
    void aMustBeAMatrix(String name, Function<ChunkedArray, ChunkedArray> f) {
        rejects(() -> f.apply(null), "a", "null");
        rejects(() -> f.apply(ofShape()), "a", "[]");
        rejects(() -> f.apply(ofShape(3)), "a", "[3]");
        rejects(() -> f.apply(ofShape(3, 3, 2)), "a", "[3, 3, 2]");
    }

    @Test
    void normNeedsAVectorOrAMatrix() {
        List<Function<ChunkedArray, ChunkedArray>> norms = List.of(Linalg::norm, x -> Linalg.norm(x, 2),
                x -> Linalg.norm(x, "fro"));
        for (Function<ChunkedArray, ChunkedArray> norm : norms) {
            rejects(() -> norm.apply(null), "x", "null");
            rejects(() -> norm.apply(ofShape()), "x", "[]");
            rejects(() -> norm.apply(ofShape(2, 2, 2)), "x", "[2, 2, 2]");
        }
    }

    // ---------------------------------------------------------------- not square

    static Stream<Arguments> squareOperations() {
        return Stream.of(
                Arguments.of("cholesky", (BiFunction<ChunkedArray, ChunkedArray, ChunkedArray>) (a, b) -> Linalg.cholesky(a)),
                Arguments.of("inv", (BiFunction<ChunkedArray, ChunkedArray, ChunkedArray>) (a, b) -> Linalg.inv(a)),
                Arguments.of("solve", (BiFunction<ChunkedArray, ChunkedArray, ChunkedArray>) Linalg::solve),
                Arguments.of("solveSpd", (BiFunction<ChunkedArray, ChunkedArray, ChunkedArray>) Linalg::solveSpd),
                Arguments.of("solveTriangular",
                        (BiFunction<ChunkedArray, ChunkedArray, ChunkedArray>) (a, b) -> Linalg.solveTriangular(a, b,
                                true)),
                Arguments.of("solveTriangular(transpose, unit)",
                        (BiFunction<ChunkedArray, ChunkedArray, ChunkedArray>) (a, b) -> Linalg.solveTriangular(a, b,
                                false, true, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("squareOperations")
    void squareOnlyOperationsRejectRectangularA(String name, BiFunction<ChunkedArray, ChunkedArray, ChunkedArray> f) {
        for (int[] shape : new int[][] {{3, 4}, {4, 3}, {1, 2}}) {
            String value = "[" + shape[0] + ", " + shape[1] + "]";
            IllegalArgumentException e = rejects(() -> f.apply(matrix(shape[0], shape[1]), vector(shape[0])), "a",
                    value);
            assertTrue(e.getMessage().contains("square"), () -> name + ": the message says a is not square: "
                    + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- right-hand sides

    static Stream<Arguments> systems() {
        return Stream.of(
                Arguments.of("solve", (BiFunction<ChunkedArray, ChunkedArray, Object>) Linalg::solve, 4),
                Arguments.of("solveSpd", (BiFunction<ChunkedArray, ChunkedArray, Object>) Linalg::solveSpd, 4),
                Arguments.of("solveTriangular",
                        (BiFunction<ChunkedArray, ChunkedArray, Object>) (a, b) -> Linalg.solveTriangular(a, b, true),
                        4),
                Arguments.of("solveTriangular(lower, transpose, unit)",
                        (BiFunction<ChunkedArray, ChunkedArray, Object>) (a, b) -> Linalg.solveTriangular(a, b, true,
                                true, false), 4),
                Arguments.of("lstsq (6 x 4 a)",
                        (BiFunction<ChunkedArray, ChunkedArray, Object>) Linalg::lstsq, 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("systems")
    void bMustBeAVectorOrMatrixWithAsManyRowsAsA(String name, BiFunction<ChunkedArray, ChunkedArray, Object> f,
                                                  int rows) {
        ChunkedArray a = matrix(rows, 4);
        rejects(() -> f.apply(a, null), "b", "null");
        rejects(() -> f.apply(a, ofShape()), "b", "[]");
        rejects(() -> f.apply(a, ofShape(rows, 2, 2)), "b", "[" + rows + ", 2, 2]");
        for (ChunkedArray b : List.of(vector(rows + 1), vector(rows - 1), matrix(rows + 1, 2), matrix(3, 1))) {
            String shape = java.util.Arrays.toString(b.shape());
            IllegalArgumentException e = rejects(() -> f.apply(a, b), "b", shape);
            assertTrue(e.getMessage().contains(String.valueOf(rows)), () -> name + ": the message says how many "
                    + "rows b needs (" + rows + "): " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- values: not positive definite

    /** {@code L D Lᵀ} with unit lower L and D = diag(1, 2, -1, 3, 4, ...): leading minors 1, 2 > 0, minor 3 < 0. */
    static INDArray indefinite(int n) {
        INDArray l = Mats.gaussian(n, n, 77L + n).mul(0.3);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i == 2 ? -1 : i + 1;
            for (int j = i; j < n; j++) {
                l.putScalar(new long[] {i, j}, i == j ? 1.0 : 0.0);
            }
        }
        INDArray a = l.mulRowVector(Nd4j.createFromArray(d)).mmul(l.transpose());
        return a.add(a.transpose()).muli(0.5).dup('c');
    }

    static Stream<Arguments> orders() {
        return Stream.of(Arguments.of(7, new long[] {7, 7}), Arguments.of(7, new long[] {3, 3}),
                Arguments.of(40, new long[] {40, 40}), Arguments.of(40, new long[] {16, 16}));
    }

    /** The leading minor of order 3 (1-based), or the pivot / diagonal element 2 (0-based). */
    private static final Pattern MINOR_3 = Pattern.compile(
            "(minor\\D{0,20}\\b3\\b)|((pivot|diagonal element|index|row|column)\\D{0,12}\\b2\\b)");

    @ParameterizedTest(name = "n={0} chunks {1}")
    @MethodSource("orders")
    void choleskyAndSolveSpdOfAnIndefiniteMatrixNameTheFailingMinor(int n, long[] chunks) {
        ChunkedArray a = Mats.chunked(indefinite(n), chunks);
        for (ChunkedArray lazy : List.of(Linalg.cholesky(a), Linalg.solveSpd(a, vector(n)))) {
            String message = failsAtCompute(lazy, "a", "not positive definite");
            assertTrue(MINOR_3.matcher(message).find(), () -> "n=" + n + ": the message says where the "
                    + "factorization failed (the leading minor of order 3): " + message);
        }
    }

    // ---------------------------------------------------------------- values: singular

    /** A Gaussian matrix whose column 2 is zero: LU with partial pivoting meets an exactly zero pivot U[2, 2]. */
    static INDArray zeroColumn(int n) {
        INDArray a = Mats.gaussian(n, n, 88L + n);
        for (int i = 0; i < n; i++) {
            a.putScalar(new long[] {i, 2}, 0.0);
        }
        return a;
    }

    @ParameterizedTest(name = "n={0} chunks {1}")
    @MethodSource("orders")
    void solveAndInvOfAnExactlySingularMatrixNameTheZeroPivot(int n, long[] chunks) {
        ChunkedArray a = Mats.chunked(zeroColumn(n), chunks);
        // The pivot to name is the one of a's own factorization a = P L U, as Linalg.lu(a) reports it.
        INDArray u = Linalg.lu(a).u().compute();
        assertEquals(0.0, u.getDouble(2, 2), 0.0, "lu(a): the first zero pivot is U[2, 2]");
        for (int i = 0; i < 2; i++) {
            assertTrue(u.getDouble(i, i) != 0.0, "lu(a): U[" + i + ", " + i + "] is not zero");
        }
        for (ChunkedArray lazy : List.of(Linalg.solve(a, vector(n)), Linalg.inv(a))) {
            String message = failsAtCompute(lazy, "a", "singular");
            Pattern pivot = Pattern.compile("(U\\[2, 2\\])|(pivot\\D{0,12}\\b2\\b)|(column 2\\b)");
            assertTrue(pivot.matcher(message).find(), () -> "n=" + n + ": the message names the first zero pivot "
                    + "of a = P L U (U[2, 2]; column 2 of a is zero): " + message);
        }
    }

    @ParameterizedTest(name = "n={0} chunks {1}")
    @MethodSource("orders")
    void solveAndInvOfANumericallySingularMatrixSaySingular(int n, long[] chunks) {
        // Rank n - 1 in exact arithmetic; rounding leaves a smallest singular value near eps: κ ≈ 1e16.
        double[] s = Mats.conditioned(n - 1, 10);
        INDArray a = Mats.withSpectrum(n, n, s, 99L + n);
        ChunkedArray x = Mats.chunked(a, chunks);
        failsAtCompute(Linalg.solve(x, vector(n)), "a", "singular");
        failsAtCompute(Linalg.inv(x), "a", "singular");
    }

    @ParameterizedTest(name = "n={0} chunks {1}")
    @MethodSource("orders")
    void solveTriangularWithAZeroOnTheDiagonalNamesIt(int n, long[] chunks) {
        INDArray t = Mats.gaussian(n, n, 111L + n).mul(0.1);
        for (int i = 0; i < n; i++) {
            t.putScalar(new long[] {i, i}, i == 3 ? 0.0 : 2.0);
        }
        ChunkedArray a = Mats.chunked(t, chunks);
        ChunkedArray b = vector(n);
        for (boolean lower : new boolean[] {true, false}) {
            String message = failsAtCompute(Linalg.solveTriangular(a, b, lower), "a", "singular");
            assertTrue(Pattern.compile("(diagonal|pivot)\\D{0,12}\\b3\\b").matcher(message).find(),
                    () -> "lower=" + lower + ": the message names diagonal element 3: " + message);
        }
        // With unitDiagonal the diagonal is not read: the same matrix is fine.
        INDArray x = Linalg.solveTriangular(a, b, true, false, true).compute();
        assertArrayEquals(new long[] {n}, x.shape());
        assertTrue(Double.isFinite(x.sumNumber().doubleValue()), "unit-diagonal solve is finite");
    }

    @Test
    void nanIsRejectedWhenTheGraphRuns() {
        INDArray a = Mats.spd(7, 10, 5);
        a.putScalar(new long[] {4, 1}, Double.NaN);
        a.putScalar(new long[] {1, 4}, Double.NaN);
        ChunkedArray x = Mats.chunked(a, 3, 3);
        ChunkedArray b = vector(7);
        failsAtCompute(Linalg.solve(x, b), "a", "NaN");
        failsAtCompute(Linalg.cholesky(x), "a", "NaN");
        failsAtCompute(Linalg.inv(x), "a", "NaN");
        failsAtCompute(Linalg.lstsq(x, b).x(), "a", "NaN");
    }

    // ---------------------------------------------------------------- svdCompressed

    @Test
    void svdCompressedRankMustBeBetweenOneAndTheSmallerDimension() {
        ChunkedArray tall = matrix(30, 10);
        ChunkedArray wide = matrix(10, 30);
        for (int k : new int[] {0, -1, Integer.MIN_VALUE}) {
            rejects(() -> Linalg.svdCompressed(tall, k), "k", ": " + k);
        }
        for (ChunkedArray a : List.of(tall, wide)) {
            for (int k : new int[] {11, 30, Integer.MAX_VALUE}) {
                IllegalArgumentException e = rejects(() -> Linalg.svdCompressed(a, k), "k", ": " + k);
                assertTrue(e.getMessage().contains("10"), () -> "the message gives min(m, n) = 10: "
                        + e.getMessage());
            }
        }
        rejects(() -> Linalg.svdCompressed(tall, 0, SvdCompressedOptions.defaults()), "k", ": 0");
        // The largest valid k works (the graph builds).
        assertArrayEquals(new long[] {10}, Linalg.svdCompressed(wide, 10).s().shape());
    }

    @Test
    void svdCompressedOptionsRejectNegativeOversamplingAndIterations() {
        rejects(() -> SvdCompressedOptions.defaults().withOversampling(-1), "oversampling", "-1");
        rejects(() -> SvdCompressedOptions.defaults().withOversampling(Integer.MIN_VALUE), "oversampling",
                String.valueOf(Integer.MIN_VALUE));
        rejects(() -> SvdCompressedOptions.defaults().withIterations(-1), "iterations", "-1");
        assertEquals(0, SvdCompressedOptions.defaults().withOversampling(0).withIterations(0).iterations(),
                "0 is allowed for both");
    }

    @Test
    void svdCompressedOptionsMustNotBeNull() {
        // The project's one error style: a bad argument, null included, is an IllegalArgumentException naming it
        // (as Linalg does for a, b and x).
        rejects(() -> Linalg.svdCompressed(matrix(30, 10), 3, null), "options", "null");
    }

    // ---------------------------------------------------------------- norm orders

    @Test
    void normRejectsOrdersThatDoNotApply() {
        ChunkedArray m = matrix(5, 4);
        ChunkedArray v = vector(5);
        for (double ord : new double[] {0, 3, 0.5, -3}) {
            rejects(() -> Linalg.norm(m, ord), "ord", String.valueOf(ord));
        }
        rejects(() -> Linalg.norm(m, Double.NaN), "ord", "NaN");
        rejects(() -> Linalg.norm(v, Double.NaN), "ord", "NaN");
        for (String ord : new String[] {"foo", "FRO", "", "inf"}) {
            rejects(() -> Linalg.norm(m, ord), "ord", ord);
        }
        rejects(() -> Linalg.norm(m, (String) null), "ord", "null");
        rejects(() -> Linalg.norm(v, "nuc"), "ord", "nuc");
        ChunkedArray empty = ofShape(0, 3);
        rejects(() -> Linalg.norm(empty, 2), "x", "[0, 3]");
        rejects(() -> Linalg.norm(empty, -2), "x", "[0, 3]");
    }

    @Test
    void tsqrNeedsOneColumnOfBlocks() {
        ChunkedArray a = Mats.chunked(Mats.gaussian(20, 6, 3), 5, 4);
        IllegalArgumentException e = rejects(() -> Linalg.tsqr(a), "a", "2 column blocks");
        assertTrue(e.getMessage().contains("qr(a)"), () -> "the message gives the remedy: " + e.getMessage());
        assertEquals(DataType.DOUBLE, Linalg.qr(a).r().compute().dataType(), "qr(a) rechunks instead");
    }
}
