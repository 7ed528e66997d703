package org.tessella.linalg.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * The TSQR algebra on plain blocks, exactly as the block-task graph will run it: QR per row block, then a tree of
 * {@link Kernels#qrStacked} steps over the R factors (fan-in {@code fanIn}, several levels), then Q_i = Q1_i · Q2_i
 * down the tree. With diag(R) >= 0 at every step the result equals one dense QR (1e-10), whatever the blocking.
 */
class TsqrAlgebraTest {

    static Stream<Arguments> blockings() {
        return Stream.of(
                Arguments.of(new int[] {50, 50, 50, 50}, 2), // even, two levels
                Arguments.of(new int[] {37, 50, 50, 50, 13}, 2), // ragged, three levels
                Arguments.of(new int[] {200}, 2), // one block: no tree
                Arguments.of(new int[] {12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 8}, 3),
                Arguments.of(new int[] {5, 60, 3, 60, 72}, 4)); // blocks with fewer rows than columns
    }

    @ParameterizedTest(name = "{0} fan-in {1}")
    @MethodSource("blockings")
    void treeTsqrEqualsDenseQr(int[] rowBlocks, int fanIn) {
        int n = 10;
        int m = 0;
        for (int r : rowBlocks) {
            m += r;
        }
        double[][] a = Dense.withSpectrum(m, n, Dense.geometric(n, 1e6), m);
        INDArray dense = Dense.nd(a, DataType.DOUBLE);
        List<INDArray> blocks = new ArrayList<>();
        int offset = 0;
        for (int r : rowBlocks) {
            blocks.add(dense.get(NDArrayIndex.interval(offset, offset + r), NDArrayIndex.all()).dup());
            offset += r;
        }

        Tree tree = tsqr(blocks, fanIn);
        INDArray q = Nd4j.vstack(tree.q.toArray(new INDArray[0]));
        Kernels.Qr reference = Kernels.qr(dense);
        assertArrayEquals(reference.r().shape(), tree.r.shape());
        assertTrue(Dense.relativeError(Dense.java(tree.r), Dense.java(reference.r())) <= 1e-10, "R differs");
        assertTrue(Dense.relativeError(Dense.java(q), Dense.java(reference.q())) <= 1e-10, "Q differs");
        assertTrue(Dense.orthonormalityError(Dense.java(q)) <= 1e-12);
        assertTrue(Dense.relativeError(Dense.multiply(Dense.java(q), Dense.java(tree.r)), a) <= 1e-10);
        for (int i = 0; i < rowBlocks.length; i++) {
            assertEquals(rowBlocks[i], tree.q.get(i).size(0), "rows of Q block " + i);
        }
    }

    private record Tree(List<INDArray> q, INDArray r) {
    }

    /** Reference TSQR: level 0 QR per block, then groups of fanIn R factors per level until one R is left. */
    private static Tree tsqr(List<INDArray> blocks, int fanIn) {
        List<INDArray> q = new ArrayList<>();
        List<INDArray> r = new ArrayList<>();
        for (INDArray b : blocks) {
            Kernels.Qr qr = Kernels.qr(b);
            q.add(qr.q());
            r.add(qr.r());
        }
        // owner.get(i) = index of the current-level node that block i's Q must still be multiplied into
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            owner.add(i);
        }
        while (r.size() > 1) {
            List<INDArray> nextR = new ArrayList<>();
            List<List<INDArray>> pieces = new ArrayList<>();
            for (int g = 0; g < r.size(); g += fanIn) {
                Kernels.StackedQr step = Kernels.qrStacked(r.subList(g, Math.min(r.size(), g + fanIn)));
                nextR.add(step.r());
                pieces.add(step.qPieces());
            }
            for (int i = 0; i < q.size(); i++) {
                int node = owner.get(i);
                INDArray piece = pieces.get(node / fanIn).get(node % fanIn);
                q.set(i, Kernels.matmul(q.get(i), piece));
                owner.set(i, node / fanIn);
            }
            r = nextR;
        }
        return new Tree(q, r.get(0));
    }

    @Test
    void qrStackedChecksItsBlocks() {
        assertThrows(IllegalArgumentException.class, () -> Kernels.qrStacked(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.qrStacked(
                List.of(Nd4j.create(DataType.DOUBLE, 3, 4), Nd4j.create(DataType.DOUBLE, 2, 5))));
        assertTrue(e.getMessage().startsWith("blocks[1] has the wrong number of columns: shape [2, 5]"), e.getMessage());
    }

    @Test
    void matmulMatchesTheReferenceAndChecksShapes() {
        double[][] a = Dense.gaussian(7, 5, 1);
        double[][] b = Dense.gaussian(5, 3, 2);
        INDArray c = Kernels.matmul(Dense.nd(a, DataType.DOUBLE), Dense.nd(b, DataType.FLOAT));
        assertEquals(DataType.DOUBLE, c.dataType());
        assertEquals('c', c.ordering());
        assertTrue(Dense.relativeError(Dense.java(c), Dense.multiply(a, b)) <= 1e-7); // b was rounded to float32
        assertArrayEquals(new long[] {7, 3}, Kernels.matmul(Nd4j.create(DataType.DOUBLE, 7, 0),
                Nd4j.create(DataType.DOUBLE, 0, 3)).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernels.matmul(Dense.nd(a, DataType.DOUBLE), Dense.nd(a, DataType.DOUBLE)));
        assertTrue(e.getMessage().startsWith("b has the wrong number of rows: shape [7, 5]"), e.getMessage());
    }
}
