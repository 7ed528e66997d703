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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * QR and SVD kernels against plain-Java references on matrices with known spectra, over awkward shapes, both
 * backends and the façade, float64 and float32. Tolerances (relative): float64 orthonormality and triangularity
 * 1e-12, reconstruction 1e-10, singular values 1e-12 of the largest; float32 5e-5 throughout.
 */
class QrSvdKernelTest {

    private static final int[][] SHAPES = {
        {10, 13}, {13, 10}, {1, 7}, {7, 1}, {1, 1}, {2, 2}, {40, 40}, {400, 30}, {30, 400}, {150, 150}};

    /** Slow (condition 10) and fast (condition 1e10) geometric decay. */
    private static final double[] CONDITIONS = {10, 1e10};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                for (int[] shape : SHAPES) {
                    for (double condition : CONDITIONS) {
                        if (type == DataType.FLOAT && condition > 1e6) {
                            continue; // beyond float32's resolution: reconstruction is still checked at condition 10
                        }
                        out.add(Arguments.of(backend, type, shape[0], shape[1], condition));
                    }
                }
            }
        }
        return out.stream();
    }

    private static double orthTol(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 5e-5;
    }

    private static double reconTol(DataType type) {
        return type == DataType.DOUBLE ? 1e-10 : 5e-5;
    }

    private static long seed(int m, int n, double condition) {
        return 1000L * m + 7L * n + (long) Math.log10(condition);
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} cond {4}")
    @MethodSource("cases")
    void qrReconstructsWithOrthonormalQAndUpperTriangularR(Backend backend, DataType type, int m, int n, double cond) {
        int k = Math.min(m, n);
        double[][] a = Dense.withSpectrum(m, n, Dense.geometric(k, cond), seed(m, n, cond));
        Kernels.Qr qr = backend.qr(Dense.nd(a, type));

        assertArrayEquals(new long[] {m, k}, qr.q().shape());
        assertArrayEquals(new long[] {k, n}, qr.r().shape());
        assertEquals(type, qr.q().dataType());
        assertEquals(type, qr.r().dataType());
        assertEquals('c', qr.q().ordering());
        double[][] q = Dense.java(qr.q());
        double[][] r = Dense.java(qr.r());
        assertTrue(Dense.orthonormalityError(q) <= orthTol(type), () -> "QᵀQ − I: " + Dense.orthonormalityError(q));
        double rNorm = Dense.frobenius(r);
        for (int i = 0; i < k; i++) {
            assertTrue(r[i][i] >= 0, "diag(R) negative at " + i + ": " + r[i][i]);
            for (int j = 0; j < i; j++) {
                assertTrue(Math.abs(r[i][j]) <= orthTol(type) * rNorm, "R not upper triangular at " + i + "," + j);
            }
        }
        double err = Dense.relativeError(Dense.multiply(q, r), a);
        assertTrue(err <= reconTol(type), () -> "‖QR − A‖/‖A‖ = " + err);
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} cond {4}")
    @MethodSource("cases")
    void svdFindsTheKnownSpectrumAndReconstructs(Backend backend, DataType type, int m, int n, double cond) {
        int k = Math.min(m, n);
        double[] sigma = Dense.geometric(k, cond);
        double[][] a = Dense.withSpectrum(m, n, sigma, seed(m, n, cond));
        Kernels.Svd svd = backend.svd(Dense.nd(a, type));

        assertArrayEquals(new long[] {m, k}, svd.u().shape());
        assertArrayEquals(new long[] {k}, svd.s().shape());
        assertArrayEquals(new long[] {k, n}, svd.vt().shape());
        assertEquals(type, svd.u().dataType());
        assertEquals(type, svd.s().dataType());
        assertEquals(type, svd.vt().dataType());
        double[][] u = Dense.java(svd.u());
        double[] s = Dense.vector(svd.s());
        double[][] vt = Dense.java(svd.vt());
        for (int i = 0; i < k; i++) {
            assertEquals(sigma[i], s[i], orthTol(type) * sigma[0], "singular value " + i);
        }
        assertTrue(Dense.orthonormalityError(u) <= orthTol(type) * 10, () -> "UᵀU − I: " + Dense.orthonormalityError(u));
        assertTrue(Dense.orthonormalityError(Dense.transpose(vt)) <= orthTol(type) * 10, "VᵀV − I");
        double err = Dense.relativeError(Dense.multiply(Dense.multiply(u, Dense.diag(s)), vt), a);
        assertTrue(err <= reconTol(type), () -> "‖USVᵀ − A‖/‖A‖ = " + err);
        assertSignConvention(u);

        double[] values = Dense.vector(backend.singularValues(Dense.nd(a, type)));
        for (int i = 0; i < k; i++) {
            assertEquals(s[i], values[i], orthTol(type) * sigma[0], "singularValues " + i);
        }
    }

    /** The largest-magnitude entry of each column of U (the first on a tie) is positive. */
    static void assertSignConvention(double[][] u) {
        for (int j = 0; j < (u.length == 0 ? 0 : u[0].length); j++) {
            int best = 0;
            for (int i = 1; i < u.length; i++) {
                if (Math.abs(u[i][j]) > Math.abs(u[best][j])) {
                    best = i;
                }
            }
            assertTrue(u[best][j] > 0, "column " + j + " of U has a negative largest entry");
        }
    }

    static Stream<Arguments> agreementShapes() {
        return Stream.of(Arguments.of(10, 13), Arguments.of(13, 10), Arguments.of(60, 20), Arguments.of(20, 60),
                Arguments.of(50, 50));
    }

    /** With the same sign conventions, both backends return the same factors, not just equivalent ones. */
    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("agreementShapes")
    void backendsAgreeFactorByFactor(int m, int n) {
        int k = Math.min(m, n);
        INDArray a = Dense.nd(Dense.withSpectrum(m, n, Dense.geometric(k, 100), 42), DataType.DOUBLE);
        Kernels.Qr q1 = LapackKernels.qr(a);
        Kernels.Qr q2 = EjmlKernels.qr(a);
        assertTrue(Dense.relativeError(Dense.java(q1.q()), Dense.java(q2.q())) < 1e-10, "Q differs");
        assertTrue(Dense.relativeError(Dense.java(q1.r()), Dense.java(q2.r())) < 1e-10, "R differs");
        Kernels.Svd s1 = LapackKernels.svd(a);
        Kernels.Svd s2 = EjmlKernels.svd(a);
        assertTrue(Dense.relativeError(Dense.java(s1.u()), Dense.java(s2.u())) < 1e-8, "U differs");
        assertTrue(Dense.relativeError(Dense.java(s1.vt()), Dense.java(s2.vt())) < 1e-8, "Vᵀ differs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.linalg.kernel.QrSvdKernelTest#backends")
    void rankDeficientMatricesStillReconstruct(Backend backend) {
        double[] sigma = {3, 2, 1, 0, 0, 0};
        double[][] a = Dense.withSpectrum(70, 6, new double[] {3, 2, 1}, 9);
        Kernels.Qr qr = backend.qr(Dense.nd(a, DataType.DOUBLE));
        assertTrue(Dense.relativeError(Dense.multiply(Dense.java(qr.q()), Dense.java(qr.r())), a) <= 1e-10);
        assertTrue(Dense.orthonormalityError(Dense.java(qr.q())) <= 1e-12);
        Kernels.Svd svd = backend.svd(Dense.nd(a, DataType.DOUBLE));
        double[] s = Dense.vector(svd.s());
        for (int i = 0; i < 6; i++) {
            assertEquals(sigma[i], s[i], 1e-12 * 3, "singular value " + i);
        }
        double[][] usv = Dense.multiply(Dense.multiply(Dense.java(svd.u()), Dense.diag(s)), Dense.java(svd.vt()));
        assertTrue(Dense.relativeError(usv, a) <= 1e-10);
    }

    /** An exactly zero column (EJML's Householder QR refuses it; the EJML path hands such blocks to LAPACK). */
    @ParameterizedTest(name = "{0}, zero column {1}")
    @MethodSource("zeroColumnCases")
    void zeroColumnsFactorLikeAnyRankDeficientMatrix(Backend backend, int zeroColumn) {
        double[][] a = Dense.withSpectrum(6, 3, new double[] {3, 2, 1}, 4);
        for (double[] row : a) {
            row[zeroColumn] = 0;
        }
        Kernels.Qr qr = backend.qr(Dense.nd(a, DataType.DOUBLE));
        assertTrue(Dense.relativeError(Dense.multiply(Dense.java(qr.q()), Dense.java(qr.r())), a) <= 1e-12, "QR != A");
        assertTrue(Dense.orthonormalityError(Dense.java(qr.q())) <= 1e-12, "Q not orthonormal");
        double[][] r = Dense.java(qr.r());
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, r[i][j], 0, "R[" + i + ", " + j + "] below the diagonal");
            }
        }
    }

    static Stream<Arguments> zeroColumnCases() {
        return Stream.of(Backend.values()).flatMap(b -> Stream.of(0, 1, 2).map(c -> Arguments.of(b, c)));
    }

    static Stream<Backend> backends() {
        return Stream.of(Backend.values());
    }

    @Test
    void emptyShapesGiveEmptyFactors() {
        for (int[] shape : new int[][] {{0, 5}, {5, 0}, {0, 0}}) {
            int m = shape[0];
            int n = shape[1];
            int k = Math.min(m, n);
            INDArray a = Nd4j.create(DataType.DOUBLE, m, n);
            Kernels.Qr qr = Kernels.qr(a);
            assertArrayEquals(new long[] {m, k}, qr.q().shape());
            assertArrayEquals(new long[] {k, n}, qr.r().shape());
            Kernels.Svd svd = Kernels.svd(a);
            assertArrayEquals(new long[] {m, k}, svd.u().shape());
            assertArrayEquals(new long[] {k}, svd.s().shape());
            assertArrayEquals(new long[] {k, n}, svd.vt().shape());
            assertArrayEquals(new long[] {k}, Kernels.singularValues(a).shape());
        }
    }

    /** Views, F-order arrays and transposes are read correctly and never modified. */
    @Test
    void nonContiguousInputsAreReadCorrectlyAndLeftIntact() {
        double[][] big = Dense.gaussian(300, 40, 5);
        INDArray base = Dense.nd(big, DataType.DOUBLE);
        INDArray before = base.dup();
        INDArray view = base.get(NDArrayIndex.interval(7, 297), NDArrayIndex.interval(3, 38));
        INDArray fOrder = view.dup('f');
        INDArray transposed = view.dup().transpose().dup('c').transpose();
        double[][] expected = Dense.java(view);
        for (INDArray input : new INDArray[] {view, fOrder, transposed}) {
            Kernels.Qr qr = Kernels.qr(input);
            assertTrue(Dense.relativeError(Dense.multiply(Dense.java(qr.q()), Dense.java(qr.r())), expected) <= 1e-12);
            Kernels.Svd svd = Kernels.svd(input);
            double[][] usv = Dense.multiply(Dense.multiply(Dense.java(svd.u()), Dense.diag(Dense.vector(svd.s()))),
                    Dense.java(svd.vt()));
            assertTrue(Dense.relativeError(usv, expected) <= 1e-12);
        }
        assertEquals(before, base);
    }

    @Test
    void integerInputsArePromotedToFloat64() {
        INDArray a = Nd4j.createFromArray(new long[][] {{3, 1}, {4, 2}, {0, 5}});
        Kernels.Qr qr = Kernels.qr(a);
        assertEquals(DataType.DOUBLE, qr.q().dataType());
        double[][] expected = {{3, 1}, {4, 2}, {0, 5}};
        assertTrue(Dense.relativeError(Dense.multiply(Dense.java(qr.q()), Dense.java(qr.r())), expected) <= 1e-14);
        assertEquals(5.0, qr.r().getDouble(0, 0), 1e-14);
    }
}
