package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessella.ndarray.StructureAssert.assertSameValues;
import static org.tessella.ndarray.StructureAssert.assertStructure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Task;

/** concatenate / stack against Nd4j.concat / Nd4j.stack of dense arrays. Values are exact. */
class StructureConcatenateTest {

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void concatenatingTheSplitPartsGivesTheWhole(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        int n = shape.length;
        for (int axis = -n; axis < n; axis++) {
            int ax = axis < 0 ? axis + n : axis;
            long cut = shape[ax] / 3;
            long[][] bounds = {{0, cut}, {cut, cut}, {cut, shape[ax]}};
            List<ChunkedArray> parts = new ArrayList<>();
            List<INDArray> dense = new ArrayList<>();
            for (int i = 0; i < bounds.length; i++) {
                long[] off = new long[n];
                long[] ext = shape.clone();
                off[ax] = bounds[i][0];
                ext[ax] = bounds[i][1] - bounds[i][0];
                INDArray p = Regions.view(d, off, ext).dup('c');
                long[] c = chunks.clone();
                for (int a = 0; a < n; a++) {
                    if (a != ax) {
                        c[a] = Math.max(1, c[a] - i); // differing chunks on the other axes: unified
                    }
                }
                parts.add(StructureAssert.chunked(p, c, owned));
                dense.add(p);
            }
            ChunkedArray y = ChunkedArray.concatenate(parts, axis);
            assertStructure(d, y);
            if (dense.stream().allMatch(p -> p.length() > 0)) {
                assertSameValues(Nd4j.concat(ax, dense.toArray(new INDArray[0])), y.compute(), "Nd4j.concat");
            }
            if (d.length() > 0) {
                for (Key k : y.blockKeys()) {
                    Task t = y.graph().task(k);
                    assertTrue(t.aliasesInputs(), "block " + k + " aliases its input");
                    assertEquals(1, t.dependencies().size(), "block " + k + " reads one input block");
                }
            }
        }
    }

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void stackMatchesNd4j(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        INDArray e = d.length() == 0 ? d.dup() : d.add(1000.0);
        INDArray f = d.length() == 0 ? d.dup() : d.mul(-2.0);
        long[] other = chunks.clone();
        for (int a = 0; a < other.length; a++) {
            other[a] = Math.max(1, other[a] - 1);
        }
        List<ChunkedArray> xs = List.of(StructureAssert.chunked(d, chunks, owned),
                StructureAssert.chunked(e, other, owned), StructureAssert.chunked(f, chunks, !owned));
        int n = shape.length;
        for (int axis = -n - 1; axis <= n; axis++) {
            int ax = axis < 0 ? axis + n + 1 : axis;
            ChunkedArray y = ChunkedArray.stack(xs, axis);
            long[] outShape = new long[n + 1];
            for (int a = 0, j = 0; a <= n; a++) {
                outShape[a] = a == ax ? 3 : shape[j++];
            }
            assertArrayEquals(outShape, y.shape());
            assertArrayEquals(new long[] {1, 1, 1}, y.chunks()[ax], "one chunk per stacked array");
            INDArray expected = d.length() == 0 ? Nd4j.create(DataType.DOUBLE, outShape) : Nd4j.stack(ax, d, e, f);
            assertStructure(expected, y);
        }
    }

    @Test
    void dtypesPromote() {
        INDArray i32 = StructureAssert.dense(DataType.INT, 3, 4);
        INDArray f32 = StructureAssert.dense(DataType.FLOAT, 2, 4);
        INDArray u8 = StructureAssert.dense(DataType.UINT8, 1, 4);
        ChunkedArray y = ChunkedArray.concatenate(List.of(ChunkedArray.fromArray(i32, Chunks.of(2, 3)),
                ChunkedArray.fromArray(f32, Chunks.of(1, 4)), ChunkedArray.fromArray(u8, Chunks.of(1, 1))), 0);
        assertEquals(DType.FLOAT64, y.dtype(), "int32 with float32 promotes to float64");
        INDArray expected = Nd4j.concat(0, i32.castTo(DataType.DOUBLE), f32.castTo(DataType.DOUBLE),
                u8.castTo(DataType.DOUBLE));
        assertStructure(expected, y);
        ChunkedArray b = ChunkedArray.stack(List.of(
                ChunkedArray.fromArray(StructureAssert.dense(DataType.BOOL, 5), Chunks.of(2)),
                ChunkedArray.fromArray(StructureAssert.dense(DataType.SHORT, 5), Chunks.of(3))), 1);
        assertEquals(DType.INT16, b.dtype());
        assertStructure(Nd4j.stack(1, StructureAssert.dense(DataType.BOOL, 5).castTo(DataType.SHORT),
                StructureAssert.dense(DataType.SHORT, 5)), b);
    }

    @Test
    void zeroDimensionalArraysStack() {
        ChunkedArray s = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 4, 5), Chunks.of(2, 2)).sum();
        ChunkedArray t = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 3), Chunks.of(2)).max();
        ChunkedArray y = ChunkedArray.stack(List.of(s, t, s), 0);
        assertStructure(Nd4j.createFromArray(190.0, 2.0, 190.0), y);
    }

    @Test
    void chunksAlongTheAxisAreTheInputs() {
        ChunkedArray a = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 5, 6), Chunks.of(2, 4));
        ChunkedArray b = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 3, 6), Chunks.of(3, 3));
        ChunkedArray y = ChunkedArray.concatenate(List.of(a, b), 0);
        assertArrayEquals(new long[][] {{2, 2, 1, 3}, {3, 1, 2}}, y.chunks());
        assertSame(a, ChunkedArray.concatenate(List.of(a), 1));
        assertEquals(y.name(), ChunkedArray.concatenate(List.of(a, b), -2).name());
    }

    @Test
    void consumersOfAliasedBlocks() {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, 6, 4);
        ChunkedArray x = StructureAssert.chunked(d, new long[] {2, 3}, true);
        ChunkedArray y = ChunkedArray.concatenate(List.of(x, x.add(1), x), 1);
        INDArray ref = Nd4j.concat(1, d, d.add(1.0), d);
        assertStructure(ref.mul(ref), y.mul(y));
        assertStructure(ref.add(1.0), y.add(1));
        assertSameValues(Nd4j.scalar(ref.sumNumber().doubleValue()), y.sum().compute(), "sum");
        assertStructure(ref, y.persist());
        assertStructure(ref.transpose(), y.transpose());
        assertStructure(ref.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 5),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 9)),
                y.get(Slice.of(1, 5), Slice.of(3, 9)));
        assertTrue(Arrays.stream(y.numBlocks()).allMatch(nb -> nb > 1));
    }
}
