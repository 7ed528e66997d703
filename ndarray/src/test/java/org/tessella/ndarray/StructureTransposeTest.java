package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.tessella.ndarray.StructureAssert.assertSameValues;
import static org.tessella.ndarray.StructureAssert.assertStructure;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** transpose / swapaxes against ND4J's permute of a dense (non-view) array. Values are exact. */
class StructureTransposeTest {

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void everyPermutationMatchesNd4j(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        ChunkedArray x = StructureAssert.chunked(d, chunks, owned);
        for (int[] perm : permutations(shape.length)) {
            ChunkedArray t = x.transpose(perm);
            assertStructure(d.permute(perm), t);
            for (int a = 0; a < perm.length; a++) {
                assertArrayEquals(x.grid().chunks(perm[a]), t.grid().chunks(a), "chunks permute with the axes");
            }
        }
    }

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void reverseSwapAndNegativeAxes(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        ChunkedArray x = StructureAssert.chunked(d, chunks, owned);
        int n = shape.length;
        int[] rev = new int[n];
        int[] negRev = new int[n];
        for (int a = 0; a < n; a++) {
            rev[a] = n - 1 - a;
            negRev[a] = -1 - a;
        }
        assertStructure(d.permute(rev), x.transpose());
        assertStructure(d.permute(rev), x.transpose(negRev));
        int[] swap = new int[n];
        for (int a = 0; a < n; a++) {
            swap[a] = a;
        }
        swap[0] = n - 1;
        swap[n - 1] = 0;
        assertStructure(d.permute(swap), x.swapaxes(0, -1));
        assertStructure(d.permute(swap), x.swapaxes(-1, 0));
    }

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void viewsFeedElementwiseReductionsAndViews(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        ChunkedArray x = StructureAssert.chunked(d, chunks, owned);
        int n = shape.length;
        int[] rev = new int[n];
        for (int a = 0; a < n; a++) {
            rev[a] = n - 1 - a;
        }
        INDArray dt = d.permute(rev).dup('c');
        // fused consumer reading the strided view
        assertStructure(d.length() == 0 ? dt : dt.add(1.0).mul(dt), x.transpose().add(1).mul(x.transpose()));
        // transpose of a transpose: a view of a view
        assertStructure(d, x.transpose().transpose());
        // reduction over a permuted block (reshape inside the kernel must not read the strides wrongly)
        if (d.length() > 0) {
            assertSameValues(Nd4j.scalar(d.sumNumber().doubleValue()), x.transpose().sum().compute(),
                    "sum of the transpose");
            assertSameValues(dt.sum(0), x.transpose().sum(new int[] {0}, false).compute(), "sum(0) of the transpose");
            assertSameValues(Nd4j.scalar(DataType.LONG, (double) Nd4j.argMax(dt.reshape(dt.length())).getLong(0)),
                    x.transpose().argmax().compute(), "argmax of the transpose");
        }
        // rechunk of a transposed view, and persist
        assertStructure(dt, x.transpose().rechunk(Chunks.of(longs(n, 2))));
        assertStructure(dt, x.transpose().persist());
    }

    @Test
    void identityPermutationIsTheSameArray() {
        ChunkedArray x = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 3, 4), Chunks.of(2, 2));
        assertSame(x, x.transpose(0, 1));
        assertSame(x, x.transpose(-2, -1));
        assertSame(x, x.swapaxes(1, 1));
        ChunkedArray v = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 5), Chunks.of(2));
        assertSame(v, v.transpose());
    }

    @Test
    void namesAreDeterministic() {
        ChunkedArray x = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 3, 4, 5), Chunks.of(2, 2, 2));
        org.junit.jupiter.api.Assertions.assertEquals(x.transpose().name(), x.transpose(2, 1, 0).name());
        org.junit.jupiter.api.Assertions.assertEquals(x.transpose(1, 0, 2).name(), x.swapaxes(0, 1).name());
    }

    @Test
    void otherDtypesAndOneByOneBlocks() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.LONG, DataType.INT, DataType.SHORT,
            DataType.UINT8, DataType.UINT16, DataType.BYTE, DataType.UINT32, DataType.BOOL}) {
            INDArray d = StructureAssert.dense(type, 3, 4);
            for (boolean owned : new boolean[] {false, true}) {
                ChunkedArray x = StructureAssert.chunked(d, new long[] {1, 1}, owned);
                assertStructure(d.permute(1, 0), x.transpose());
                // single 1x1 block: compute() must hand out a copy, not the aliased input
                ChunkedArray one = StructureAssert.chunked(StructureAssert.dense(type, 1, 1), new long[] {1, 1}, owned);
                assertStructure(StructureAssert.dense(type, 1, 1), one.transpose());
            }
        }
    }

    static long[] longs(int n, long v) {
        long[] out = new long[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[pos] = i;
                permute(cur, used, pos + 1, out);
                used[i] = false;
            }
        }
    }
}
