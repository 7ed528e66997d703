package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.TaskFailedException;

/**
 * The blocked SVD (blocked QR, then block one-sided Jacobi on R) on small matrices with budgets that force QR panels
 * of 8 or 16 columns and Jacobi panels of 5 (10 panels) or 17 (3 panels: one rests each round): tall, square and
 * wide, fast and slow decay, rank deficiency, float64 and float32. Tolerances (float64): singular values 1e-10 of
 * the largest (and 1e-10 relative each for slow decay), reconstruction 1e-10 relative, U and V orthonormal to
 * 1e-13; U equal to the dense kernel's (same sign convention) and to another chunking's to 1e-8.
 */
class BlockedSvdTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("slow", 60, 50, new long[] {13, 7}, 16),
                Arguments.of("fast", 60, 50, new long[] {60, 50}, 8),
                Arguments.of("slow", 50, 50, new long[] {17, 9}, 8),
                Arguments.of("fast", 50, 50, new long[] {50, 50}, 16),
                Arguments.of("slow", 50, 60, new long[] {7, 13}, 16),
                Arguments.of("rank20", 60, 50, new long[] {13, 11}, 16),
                Arguments.of("rank20", 50, 60, new long[] {50, 60}, 8));
    }

    @ParameterizedTest(name = "{0} {1}x{2} chunks {3} panel {4}")
    @MethodSource("cases")
    void blockedSvdReproducesTheSpectrumAndTheMatrix(String kind, int m, int n, long[] chunks, int panel) {
        INDArray a = BlockedQrTest.matrix(kind, m, n, 41);
        double[] s = spectrum(kind, Math.min(m, n));
        long budget = BlockedQrTest.budgetForPanel(panel, DType.FLOAT64);
        int k = Math.min(m, n);
        assertTrue((long) k * k * 8 > budget, "the budget forces the blocked path");
        Linalg.SVD f = Linalg.svd(Mats.chunked(a, chunks), budget);
        assertArrayEquals(new long[] {m, k}, f.u().shape());
        assertArrayEquals(new long[] {k, n}, f.vt().shape());
        assertTrue(f.u().numBlocks()[1] > 1 && f.vt().numBlocks()[0] > 1, "U and Vᵀ chunked in both dimensions");
        List<INDArray> usv = ChunkedArray.compute(f.u(), f.s(), f.vt());
        INDArray u = usv.get(0);
        INDArray sv = usv.get(1);
        INDArray vt = usv.get(2);
        for (int i = 0; i < k; i++) {
            double want = i < s.length ? s[i] : 0;
            double tol = kind.equals("slow") ? 1e-10 * want : 1e-10 * s[0];
            assertEquals(want, sv.getDouble(i), tol, "singular value " + i);
        }
        // 1e-13, tighter than 1e-12 k: the Jacobi stage leaves the cosines at the rounding floor (about 1e-15)
        assertTrue(Mats.orthogonality(u) <= 1e-13, () -> "UᵀU - I: " + Mats.orthogonality(u));
        assertTrue(Mats.orthogonality(vt.transpose()) <= 1e-13,
                () -> "VᵀV - I: " + Mats.orthogonality(vt.transpose()));
        double back = Mats.relErr(u.mulRowVector(sv).mmul(vt), a);
        assertTrue(back <= 1e-10, () -> "USVᵀ - A: " + back);
        if (kind.equals("slow")) {
            INDArray dense = Kernels.svd(a).u();
            assertTrue(Mats.relErr(u, dense) <= 1e-8, () -> "U vs the dense U: " + Mats.relErr(u, dense));
            Linalg.SVD g = Linalg.svd(Mats.chunked(a, m, n), budget);
            INDArray u2 = g.u().compute();
            assertTrue(Mats.relErr(u2, u) <= 1e-8, "U does not depend on the input chunking (signs included)");
        }
    }

    static double[] spectrum(String kind, int k) {
        switch (kind) {
            case "slow":
                return Mats.geometric(k, 0.9);
            case "fast":
                return Mats.geometric(k, 0.5);
            case "rank20":
                return Mats.geometric(20, 0.8);
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @Test
    void singularValuesAloneMatchTheSpectrum() {
        INDArray a = BlockedQrTest.matrix("slow", 60, 50, 42);
        double[] s = Mats.geometric(50, 0.9);
        long budget = BlockedQrTest.budgetForPanel(8, DType.FLOAT64);
        INDArray sv = Linalg.singularValues(Mats.chunked(a, 13, 7), budget).compute();
        INDArray svWide = Linalg.singularValues(Mats.chunked(a.transpose().dup('c'), 7, 13), budget).compute();
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], sv.getDouble(i), 1e-10 * s[i], "singular value " + i);
            assertEquals(s[i], svWide.getDouble(i), 1e-10 * s[i], "singular value " + i + " of the transpose");
        }
    }

    @Test
    void float32StaysFloat32() {
        INDArray a = BlockedQrTest.matrix("slow", 60, 50, 43).castTo(DataType.FLOAT);
        Linalg.SVD f = Linalg.svd(Mats.chunked(a, 13, 7), BlockedQrTest.budgetForPanel(16, DType.FLOAT32));
        assertEquals(DType.FLOAT32, f.u().dtype());
        List<INDArray> usv = ChunkedArray.compute(f.u(), f.s(), f.vt());
        for (INDArray x : usv) {
            assertEquals(DataType.FLOAT, x.dataType());
        }
        INDArray u = usv.get(0).castTo(DataType.DOUBLE);
        INDArray sv = usv.get(1).castTo(DataType.DOUBLE);
        INDArray vt = usv.get(2).castTo(DataType.DOUBLE);
        double[] s = Mats.geometric(50, 0.9);
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], sv.getDouble(i), 1e-5, "singular value " + i);
        }
        assertTrue(Mats.orthogonality(u) <= 1e-4 && Mats.orthogonality(vt.transpose()) <= 1e-4);
        assertTrue(Mats.relErr(u.mulRowVector(sv).mmul(vt), a.castTo(DataType.DOUBLE)) <= 1e-5);
    }

    @Test
    void theJacobiSweepsConvergeBeforeTheLastOne() {
        INDArray a = BlockedQrTest.matrix("fast", 50, 50, 44);
        Blocking b = new Blocking(BlockedQrTest.budgetForPanel(8, DType.FLOAT64), 8, 5, Blocking.MAX_SWEEPS);
        BlockedSvd.Jacobi j = BlockedSvd.jacobi(BlockedSvd.precondition(Mats.chunked(a, 50, 50), b).x(), b, true);
        double[] measures = j.sweepMeasures().compute().toDoubleVector();
        double tol = BlockedSvd.skipTolerance(50, Math.ulp(1.0));
        int converged = -1;
        for (int s = 0; s < measures.length; s++) {
            if (measures[s] <= tol) {
                converged = s;
                break;
            }
        }
        int first = converged;
        assertTrue(first > 0 && first < measures.length - 2,
                () -> "first sweep without rotations: " + first + " of " + java.util.Arrays.toString(measures));
        for (int s = first; s < measures.length; s++) {
            assertTrue(measures[s] <= tol, "sweeps after convergence stay converged");
        }
    }

    @Test
    void tooFewSweepsRaiseALinAlgErrorNamingTheMeasure() {
        INDArray a = BlockedQrTest.matrix("slow", 50, 50, 45);
        Blocking b = new Blocking(BlockedQrTest.budgetForPanel(8, DType.FLOAT64), 8, 5, 1);
        Linalg.SVD f = BlockedSvd.svd(Mats.chunked(a, 50, 50), b);
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> f.s().compute());
        LinAlgException cause = assertInstanceOf(LinAlgException.class, e.getCause());
        assertEquals("a", cause.argument());
        assertTrue(cause.getMessage().startsWith("a did not converge in the block Jacobi SVD: off-diagonal measure"),
                cause.getMessage());
    }
}
