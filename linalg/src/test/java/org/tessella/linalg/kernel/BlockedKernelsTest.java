package org.tessella.linalg.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.linalg.LinAlgException;

/**
 * The block kernels of the blocked QR ({@link PanelKernels}) and the block Jacobi SVD ({@link JacobiKernels}), and
 * the QR kernel on blocks with zero columns (which the blocked QR meets in rank-deficient panels). float64;
 * tolerances 1e-12 for orthonormality, 1e-12 relative for reconstruction.
 */
class BlockedKernelsTest {

    /** 13x8 runs on EJML, 300x100 on LAPACKE; both must factor zero and partly zero blocks. */
    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {13, 300})
    void qrOfBlocksWithZeroColumnsIsValid(int m) {
        int n = m == 13 ? 8 : 100;
        for (INDArray a : new INDArray[] {Nd4j.zeros(DataType.DOUBLE, m, n), partlyZero(m, n)}) {
            Kernels.Qr f = Kernels.qr(a);
            double[][] q = Dense.java(f.q());
            double[][] r = Dense.java(f.r());
            assertTrue(Dense.orthonormalityError(q) <= 1e-12, "Q orthonormal");
            assertTrue(Dense.frobenius(Dense.multiply(q, r)) == 0 || Dense.relativeError(Dense.multiply(q, r),
                    Dense.java(a)) <= 1e-12, "QR = A");
            if (a.sumNumber().doubleValue() == 0) {
                assertEquals(0.0, Dense.frobenius(r), 0.0, "R of a zero block is zero");
            }
        }
    }

    /** Columns 0 and 2 zero, the others seeded normal. */
    private static INDArray partlyZero(int m, int n) {
        double[][] g = Dense.gaussian(m, n, 5);
        for (double[] row : g) {
            row[0] = 0;
            row[2] = 0;
        }
        return Dense.nd(g, DataType.DOUBLE);
    }

    @Test
    void upperProductHasExactZerosBelowTheDiagonal() {
        INDArray a = Kernels.qr(Dense.nd(Dense.gaussian(9, 9, 1), DataType.DOUBLE)).r();
        INDArray b = Kernels.qr(Dense.nd(Dense.gaussian(9, 9, 2), DataType.DOUBLE)).r();
        double[][] c = Dense.java(PanelKernels.upperProduct(a, b));
        double[][] want = Dense.multiply(Dense.java(a), Dense.java(b));
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 9; j++) {
                assertEquals(j < i ? 0.0 : want[i][j], c[i][j], j < i ? 0.0 : 1e-12);
            }
        }
    }

    @Test
    void negligibleRowsAreFlaggedRelativeToTheWholePanel() {
        INDArray r = Dense.nd(new double[][] {{1, 2, 3}, {0, 1e-30, 0}, {0, 0, 0}}, DataType.DOUBLE);
        INDArray flags = PanelKernels.negligibleRows(r, Nd4j.scalar(100.0), 1.0);
        assertArrayEquals(new double[] {0, 1, 1}, flags.toDoubleVector(), 0.0);
        INDArray none = PanelKernels.negligibleRows(Nd4j.zeros(DataType.DOUBLE, 2, 2), Nd4j.scalar(0.0), 1.0);
        assertArrayEquals(new double[] {1, 1}, none.toDoubleVector(), 0.0, "a zero panel: every row");
    }

    @Test
    void replacedColumnsDependOnTheGlobalRowNotTheChunking() {
        INDArray q = Dense.nd(Dense.gaussian(10, 3, 9), DataType.DOUBLE);
        INDArray flags = Nd4j.createFromArray(0.0, 1.0, 0.0);
        INDArray whole = PanelKernels.replaceColumns(q, flags, 0, 10, 42);
        INDArray top = PanelKernels.replaceColumns(q.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c'), flags, 0, 10, 42);
        INDArray bottom = PanelKernels.replaceColumns(q.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 10),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c'), flags, 4, 10, 42);
        assertEquals(Nd4j.vstack(top, bottom), whole);
        for (int i = 0; i < 10; i++) {
            assertEquals(q.getDouble(i, 0), whole.getDouble(i, 0), 0.0, "unflagged columns are kept");
            assertTrue(Math.abs(whole.getDouble(i, 1)) <= 1 / Math.sqrt(10), "scaled by 1/sqrt(rows)");
        }
        assertTrue(whole.getColumn(1).norm2Number().doubleValue() > 0.1, "a non-trivial random column");
    }

    @Test
    void aPairStepOrthogonalizesThePairAndRotatesVConsistently() {
        int n = 30;
        int wa = 5;
        int wb = 4;
        INDArray r = Dense.nd(Dense.gaussian(n, wa + wb, 3), DataType.DOUBLE);
        INDArray ra = r.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, wa)).dup('c');
        INDArray rb = r.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(wa, wa + wb)).dup('c');
        INDArray[] a = JacobiKernels.initialPanel(ra, 0, true);
        INDArray[] b = JacobiKernels.initialPanel(rb, wa, true);
        assertTrue(JacobiKernels.cosineMeasure(a[0], b[0]) > 0.01, "random columns are far from orthogonal");
        INDArray[] out = JacobiKernels.rotatePair(a[0], a[1], a[2], b[0], b[1], b[2]);
        INDArray u = Nd4j.hstack(out[0], out[3]);
        INDArray s = Nd4j.concat(0, out[1], out[4]);
        INDArray v = Nd4j.hstack(out[2], out[5]);
        assertTrue(Dense.orthonormalityError(Dense.java(u)) <= 1e-12, "directions orthonormal");
        // V starts as identity columns: only its first wa + wb rows are non-zero
        INDArray vPair = v.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, wa + wb),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
        assertTrue(Dense.orthonormalityError(Dense.java(vPair)) <= 1e-12, "V orthonormal");
        double err = Dense.relativeError(Dense.java(r.mmul(vPair)), Dense.java(u.mulRowVector(s)));
        assertTrue(err <= 1e-12, "R V = U S: " + err);
        double[] sv = s.toDoubleVector();
        for (int i = 1; i < sv.length; i++) {
            assertTrue(sv[i] <= sv[i - 1], "descending across the pair");
        }
        assertTrue(JacobiKernels.cosineMeasure(out[0], out[3]) <= 1e-14, "the pair is orthogonal after the step");
        assertEquals(0.5, JacobiKernels.measure(0.25, Nd4j.createFromArray(0.5), true, Nd4j.createFromArray(0.75),
                false).getDouble(0), 0.0, "the carried measure counts only where flagged");
    }

    @Test
    void sortingIsDescendingAndStableAndThePermutationMatrixGathers() {
        INDArray[] sorted = JacobiKernels.sortDescending(List.of(Nd4j.createFromArray(1.0, 3.0),
                Nd4j.createFromArray(2.0, 3.0, 0.0)));
        assertArrayEquals(new double[] {3, 3, 2, 1, 0}, sorted[0].toDoubleVector(), 0.0);
        assertArrayEquals(new long[] {1, 3, 2, 0, 4}, sorted[1].toLongVector(), "ties keep their order");
        INDArray x = Nd4j.createFromArray(new double[][] {{10, 11, 12, 13, 14}});
        INDArray p = Nd4j.vstack(JacobiKernels.permutationBlock(sorted[1], 0, 2, 0, 5, DataType.DOUBLE),
                JacobiKernels.permutationBlock(sorted[1], 2, 3, 0, 5, DataType.DOUBLE));
        assertArrayEquals(new double[] {11, 13, 12, 10, 14}, x.mmul(p).toDoubleVector(), 0.0);
    }
    /**
     * A pair factor met in a run on which LAPACK's gesdd does not converge: the pair step falls back to EJML's
     * QR-iteration SVD and still returns the SVD (the spectrum, orthonormal factors, the reconstruction).
     */
    @Test
    void aPairSvdSurvivesAGesddConvergenceFailure() throws IOException {
        INDArray r = resource("/gesdd-nonconvergence-50x50.txt");
        LinAlgException e = assertThrows(LinAlgException.class, () -> Kernels.svd(r));
        assertTrue(e.getMessage().contains("did not converge"), e.getMessage());
        Kernels.Svd f = JacobiKernels.pairSvd(r);
        double[][] u = Dense.java(f.u());
        double[][] vt = Dense.java(f.vt());
        assertTrue(Dense.orthonormalityError(u) <= 1e-12);
        assertTrue(Dense.orthonormalityError(Dense.transpose(vt)) <= 1e-12);
        double err = Dense.relativeError(Dense.multiply(Dense.multiply(u, Dense.diag(Dense.vector(f.s()))), vt),
                Dense.java(r));
        assertTrue(err <= 1e-12, "U S Vᵀ = R: " + err);
        double[] s = Dense.vector(f.s());
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] <= s[i - 1], "descending");
        }
    }

    private static INDArray resource(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = BlockedKernelsTest.class.getResourceAsStream(name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                double[] row = new double[parts.length];
                for (int j = 0; j < row.length; j++) {
                    row[j] = Double.parseDouble(parts[j]);
                }
                rows.add(row);
            }
        }
        return Dense.nd(rows.toArray(new double[0][]), DataType.DOUBLE);
    }
}
