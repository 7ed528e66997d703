package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessella.ndarray.StructureAssert.assertSameValues;
import static org.tessella.ndarray.StructureAssert.assertStructure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.tessella.scheduler.Key;

/**
 * Basic slicing against a dense reference: the positions Python's {@code slice.indices} gives
 * (golden vectors below, checked against CPython), ND4J's {@code NDArrayIndex} on a dense non-view
 * array for positive steps, and dask's output chunks. Values are exact.
 */
class StructureSliceTest {

    /** {@code list(range(length))[slice]} in CPython. */
    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of(Slice.all(), 10, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
                Arguments.of(Slice.of(2, 7), 10, new long[] {2, 3, 4, 5, 6}),
                Arguments.of(Slice.of(1, 9, 2), 10, new long[] {1, 3, 5, 7}),
                Arguments.of(Slice.from(-3), 10, new long[] {7, 8, 9}),
                Arguments.of(Slice.to(4), 10, new long[] {0, 1, 2, 3}),
                Arguments.of(Slice.to(-8), 10, new long[] {0, 1}),
                Arguments.of(Slice.every(-1), 10, new long[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}),
                Arguments.of(Slice.from(5).withStep(-1), 10, new long[] {5, 4, 3, 2, 1, 0}),
                Arguments.of(Slice.to(2).withStep(-1), 10, new long[] {9, 8, 7, 6, 5, 4, 3}),
                Arguments.of(Slice.of(8, 2, -2), 10, new long[] {8, 6, 4}),
                Arguments.of(Slice.of(-1, -11, -3), 10, new long[] {9, 6, 3, 0}),
                Arguments.of(Slice.of(-100, 100), 10, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
                Arguments.of(Slice.of(5, 5), 10, new long[] {}),
                Arguments.of(Slice.of(7, 3), 10, new long[] {}),
                Arguments.of(Slice.of(3, 7, -1), 10, new long[] {}),
                Arguments.of(Slice.of(100, 0, -1), 10, new long[] {9, 8, 7, 6, 5, 4, 3, 2, 1}),
                Arguments.of(Slice.of(-100, 5, -1), 10, new long[] {}),
                Arguments.of(Slice.of(12, 20), 10, new long[] {}),
                Arguments.of(Slice.every(3), 10, new long[] {0, 3, 6, 9}),
                Arguments.of(Slice.every(-4), 10, new long[] {9, 5, 1}),
                Arguments.of(Slice.of(0, 10, 20), 10, new long[] {0}),
                Arguments.of(Slice.index(-1), 10, new long[] {9}),
                Arguments.of(Slice.index(0), 10, new long[] {0}),
                Arguments.of(Slice.all(), 0, new long[] {}),
                Arguments.of(Slice.every(-1), 0, new long[] {}),
                Arguments.of(Slice.from(-1), 1, new long[] {0}));
    }

    @ParameterizedTest(name = "x[{0}] on length {1}")
    @MethodSource("golden")
    void resolveMatchesPython(Slice s, long length, long[] expected) {
        assertArrayEquals(expected, positions(s, length, 0));
    }

    @Test
    void sliceValueSemantics() {
        assertEquals("::-1", Slice.every(-1).toString());
        assertEquals("-3:", Slice.from(-3).toString());
        assertEquals("1:9:2", Slice.of(1, 9, 2).toString());
        assertEquals("4", Slice.index(4).toString());
        assertEquals(":", Slice.all().toString());
        assertEquals(Slice.of(1, 9, 2), Slice.of(1, 9).withStep(2));
        assertEquals(Slice.of(1, 9, 2).hashCode(), Slice.of(1, 9).withStep(2).hashCode());
        assertFalse(Slice.from(3).stop().isPresent());
        assertEquals(3, Slice.from(3).start().getAsLong());
        assertTrue(Slice.index(2).isIndex());
        assertFalse(Slice.of(2, 3).isIndex());
        assertFalse(Slice.index(2).equals(Slice.from(2)));
    }

    /** dask: {@code da.ones(10, chunks=3)[s].chunks}. */
    static Stream<Arguments> daskChunks() {
        return Stream.of(
                Arguments.of(Slice.of(1, 9, 2), new long[] {1, 2, 1}),
                Arguments.of(Slice.every(-1), new long[] {1, 3, 3, 3}),
                Arguments.of(Slice.every(4), new long[] {1, 1, 1}),
                Arguments.of(Slice.of(8, 2, -3), new long[] {1, 1}),
                Arguments.of(Slice.from(-3), new long[] {2, 1}),
                Arguments.of(Slice.of(4, 5), new long[] {1}),
                Arguments.of(Slice.of(3, 6), new long[] {3}),
                Arguments.of(Slice.of(2, 7), new long[] {1, 3, 1}),
                Arguments.of(Slice.of(5, 5), new long[] {0}),
                Arguments.of(Slice.every(-2), new long[] {1, 1, 2, 1}));
    }

    @ParameterizedTest(name = "x[{0}] chunks {1}")
    @MethodSource("daskChunks")
    void outputChunksLikeDask(Slice s, long[] chunks) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, 10);
        ChunkedArray x = StructureAssert.chunked(d, new long[] {3}, true);
        ChunkedArray y = x.get(s);
        assertArrayEquals(chunks, y.chunks()[0]);
        assertStructure(reference(d, new Slice[] {s}), y);
        for (Key k : y.blockKeys()) {
            assertTrue(y.graph().task(k).dependencies().size() <= 1, "block " + k + " reads at most one input block");
        }
    }

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void randomSlicesMatchTheReference(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        ChunkedArray x = StructureAssert.chunked(d, chunks, owned);
        Random rnd = new Random(42 + Arrays.hashCode(shape) + (owned ? 1 : 0));
        int crossChecked = 0;
        for (int trial = 0; trial < 25; trial++) {
            Slice[] s = randomSlices(rnd, shape);
            ChunkedArray y = x.get(s);
            INDArray expected = reference(d, s);
            assertStructure(expected, y);
            INDArray nd4j = nd4jReference(d, s);
            if (nd4j != null) {
                assertSameValues(nd4j, expected, "NDArrayIndex " + Arrays.toString(s) + " on " + Arrays.toString(shape));
                crossChecked++;
            }
            for (Key k : y.blockKeys()) {
                assertTrue(y.graph().task(k).dependencies().size() <= 1, "block " + k + " of " + Arrays.toString(s));
            }
        }
        assertTrue(crossChecked > 0 || d.length() == 0, "some slices were cross-checked with NDArrayIndex");
    }

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void slicesComposeWithViewsAndConsumers(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        ChunkedArray x = StructureAssert.chunked(d, chunks, owned);
        Slice[] rev = new Slice[shape.length];
        Arrays.fill(rev, Slice.every(-1));
        Slice[] odd = new Slice[shape.length];
        Arrays.fill(odd, Slice.from(1).withStep(2));
        INDArray r = reference(d, rev);
        INDArray o = reference(d, odd);
        assertStructure(r, x.get(rev));
        assertStructure(d, x.get(rev).get(rev));
        assertStructure(reference(o, rev), x.get(odd).get(rev));
        assertStructure(reference(r, odd), x.get(rev).get(odd));
        int[] t = new int[shape.length];
        for (int a = 0; a < t.length; a++) {
            t[a] = t.length - 1 - a;
        }
        assertStructure(reference(d.permute(t).dup('c'), odd), x.transpose().get(odd));
        assertStructure(o.permute(t), x.get(odd).transpose());
        if (o.length() > 0) {
            assertStructure(o.mul(2.0), x.get(odd).mul(2));
            assertStructure(r.add(d), x.get(rev).add(x));
            assertSameValues(Nd4j.scalar(o.sumNumber().doubleValue()), x.get(odd).sum().compute(), "sum of a slice");
        }
        assertStructure(o, x.get(odd).persist());
        assertStructure(o, x.get(odd).rechunk(Chunks.of(StructureTransposeTest.longs(shape.length, 2))));
    }

    @Test
    void integerIndicesDropAxesDownToZeroDimensions() {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, 4, 5, 6);
        for (boolean owned : new boolean[] {false, true}) {
            ChunkedArray x = StructureAssert.chunked(d, new long[] {3, 2, 4}, owned);
            Slice[][] cases = {
                {Slice.index(1)},
                {Slice.index(-1), Slice.index(2)},
                {Slice.all(), Slice.index(4)},
                {Slice.index(3), Slice.index(-5), Slice.index(5)},
                {Slice.index(0), Slice.every(-2), Slice.index(1)},
                {Slice.every(-1), Slice.index(2), Slice.of(5, 0, -2)},
            };
            for (Slice[] s : cases) {
                ChunkedArray y = x.get(s);
                assertStructure(reference(d, s), y);
                assertEquals(3 - Arrays.stream(s).filter(Slice::isIndex).count(), y.ndim());
            }
            assertEquals(0, x.get(Slice.index(3), Slice.index(-5), Slice.index(5)).ndim());
            assertEquals(d.getDouble(3, 0, 5), x.get(Slice.index(3), Slice.index(-5), Slice.index(5)).compute().getDouble(0));
        }
    }

    @Test
    void emptySlicesGiveZeroLengthAxesAndReadNothing() {
        INDArray d = StructureAssert.dense(DataType.FLOAT, 6, 7);
        ChunkedArray x = StructureAssert.chunked(d, new long[] {4, 3}, true);
        ChunkedArray y = x.get(Slice.of(2, 2), Slice.of(1, 6, 2));
        assertArrayEquals(new long[] {0, 3}, y.shape());
        assertArrayEquals(new long[][] {{0}, {1, 2}}, y.chunks());
        assertStructure(reference(d, new Slice[] {Slice.of(2, 2), Slice.of(1, 6, 2)}), y);
        for (Key k : y.blockKeys()) {
            assertTrue(y.graph().task(k).dependencies().isEmpty(), "an empty block reads nothing: " + k);
        }
        ChunkedArray z = x.get(Slice.index(1), Slice.of(5, 1));
        assertArrayEquals(new long[] {0}, z.shape());
        assertStructure(reference(d, new Slice[] {Slice.index(1), Slice.of(5, 1)}), z);
    }

    @Test
    void wholeSlicesAreTheSameArrayAndNamesAreCanonical() {
        ChunkedArray x = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 10, 4), Chunks.of(3, 3));
        assertSame(x, x.get());
        assertSame(x, x.get(Slice.all()));
        assertSame(x, x.get(Slice.of(-100, 100), Slice.to(4)));
        assertEquals(x.get(Slice.from(-3)).name(), x.get(Slice.of(7, 10)).name());
        assertEquals(x.get(Slice.every(-1)).name(), x.get(Slice.of(9, -11, -1)).name());
        assertFalse(x.get(Slice.index(7)).name().equals(x.get(Slice.of(7, 8)).name()));
    }

    @Test
    void otherDtypes() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.LONG, DataType.INT, DataType.SHORT,
            DataType.UINT8, DataType.UINT16, DataType.BYTE, DataType.UINT32, DataType.BOOL}) {
            INDArray d = StructureAssert.dense(type, 5, 6);
            for (boolean owned : new boolean[] {false, true}) {
                ChunkedArray x = StructureAssert.chunked(d, new long[] {2, 4}, owned);
                Slice[] s = {Slice.of(4, 0, -3), Slice.from(1).withStep(2)};
                assertStructure(reference(d, s), x.get(s));
                Slice[] p = {Slice.of(1, 4), Slice.index(-2)};
                assertStructure(reference(d, p), x.get(p));
            }
        }
    }

    // ---------------------------------------------------------------- references

    static long[] positions(Slice s, long length, int axis) {
        long[] r = s.resolve(length, axis);
        long[] out = new long[(int) r[2]];
        for (int k = 0; k < out.length; k++) {
            out[k] = r[0] + k * r[1];
        }
        return out;
    }

    /** {@code d[s]} element by element from the positions each axis selects. */
    static INDArray reference(INDArray d, Slice[] s) {
        int n = d.rank();
        long[][] pos = new long[n][];
        List<Long> outShape = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            Slice sl = a < s.length ? s[a] : Slice.all();
            pos[a] = positions(sl, d.size(a), a);
            if (!sl.isIndex()) {
                outShape.add((long) pos[a].length);
                kept.add(a);
            }
        }
        long[] shape = outShape.stream().mapToLong(Long::longValue).toArray();
        INDArray out = Nd4j.create(d.dataType(), shape);
        long total = 1;
        for (long e : shape) {
            total *= e;
        }
        long[] in = new long[n];
        long[] o = new long[shape.length];
        for (int a = 0; a < n; a++) {
            if (pos[a].length > 0) {
                in[a] = pos[a][0];
            }
        }
        for (long f = 0; f < total; f++) {
            long rest = f;
            for (int j = shape.length - 1; j >= 0; j--) {
                o[j] = rest % shape[j];
                rest /= shape[j];
                in[kept.get(j)] = pos[kept.get(j)][(int) o[j]];
            }
            double v = d.getDouble(in);
            if (shape.length == 0) {
                out.assign(v);
            } else {
                out.putScalar(o, v);
            }
        }
        return out;
    }

    /** ND4J's own indexing of the dense array, for positive steps and non-empty results; else null. */
    static INDArray nd4jReference(INDArray d, Slice[] s) {
        int n = d.rank();
        INDArrayIndex[] idx = new INDArrayIndex[n];
        boolean anyIndex = false;
        for (int a = 0; a < n; a++) {
            Slice sl = a < s.length ? s[a] : Slice.all();
            long[] r = sl.resolve(d.size(a), a);
            if (r[2] == 0 || (r[1] < 0 && r[2] > 1)) {
                return null;
            }
            anyIndex |= sl.isIndex();
            long step = r[2] == 1 ? 1 : r[1];
            idx[a] = sl.isIndex() ? NDArrayIndex.point(r[0]) : NDArrayIndex.interval(r[0], step, r[0] + (r[2] - 1) * step + 1);
        }
        if (anyIndex && n == 1) {
            return null; // ND4J keeps a rank-1 shape for a point on a vector
        }
        INDArray g = d.get(idx);
        return g;
    }

    static Slice[] randomSlices(Random rnd, long[] shape) {
        int count = rnd.nextInt(shape.length + 1);
        Slice[] s = new Slice[count];
        for (int a = 0; a < count; a++) {
            long len = shape[a];
            long lo = rnd.nextInt((int) (2 * len + 5)) - len - 2;
            long hi = rnd.nextInt((int) (2 * len + 5)) - len - 2;
            long[] steps = {1, 2, 3, -1, -2, -3, len + 1, -(len + 1)};
            long step = steps[rnd.nextInt(steps.length)];
            switch (rnd.nextInt(8)) {
                case 0 -> s[a] = Slice.all();
                case 1 -> s[a] = Slice.of(lo, hi);
                case 2 -> s[a] = Slice.of(lo, hi, step);
                case 3 -> s[a] = Slice.from(lo);
                case 4 -> s[a] = Slice.to(hi);
                case 5 -> s[a] = Slice.every(step);
                case 6 -> s[a] = len > 0 ? Slice.index(rnd.nextInt((int) (2 * len)) - len) : Slice.all();
                default -> s[a] = Slice.from(lo).withStep(-Math.abs(step));
            }
        }
        return s;
    }
}
