package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.TestShapes.Case;

/** Creation functions against the dense reference, over the shape catalogue and every dtype. */
class CreationTest {
    static Stream<Arguments> casesByDtype() {
        return TestShapes.all().flatMap(c -> Stream.of(DType.values()).map(d -> Arguments.of(c, d)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesByDtype")
    void zerosOnesFullEmpty(Case c, DType dtype) {
        new Batch()
                .add(ChunkedArray.zeros(c.shape(), dtype, c.chunks()), Ref.filled(c.shape(), dtype, i -> 0).nd(), 0)
                .add(ChunkedArray.ones(c.shape(), dtype, c.chunks()), Ref.filled(c.shape(), dtype, i -> 1).nd(), 0)
                .add(ChunkedArray.full(c.shape(), 3, dtype, c.chunks()), Ref.filled(c.shape(), dtype, i -> 3).nd(), 0)
                // empty: contents unspecified in NumPy; Tessella documents zeros
                .add(ChunkedArray.empty(c.shape(), dtype, c.chunks()), Ref.filled(c.shape(), dtype, i -> 0).nd(), 0)
                .check();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.ndarray.TestShapes#all")
    void fullWithFractionAndNegativeValues(Case c) {
        ArrayAssert.assertEquals(ChunkedArray.full(c.shape(), -2.75, DType.FLOAT64, c.chunks()),
                Ref.filled(c.shape(), DType.FLOAT64, i -> -2.75).nd(), 0);
        ArrayAssert.assertEquals(ChunkedArray.full(c.shape(), Double.NaN, DType.FLOAT32, c.chunks()),
                Ref.filled(c.shape(), DType.FLOAT32, i -> Double.NaN).nd(), 0);
        // np.full(shape, 2.75, dtype=np.int32) truncates toward zero; -7 stays -7
        ArrayAssert.assertEquals(ChunkedArray.full(c.shape(), 2.75, DType.INT32, c.chunks()),
                Ref.filled(c.shape(), DType.INT32, i -> 2).nd(), 0);
        ArrayAssert.assertEquals(ChunkedArray.full(c.shape(), -7, DType.INT64, c.chunks()),
                Ref.filled(c.shape(), DType.INT64, i -> -7).nd(), 0);
    }

    static Stream<Arguments> aranges() {
        return Stream.of(
                Arguments.of(0, 10, 1, DType.INT64, Chunks.of(3)),
                Arguments.of(0, 10, 1, DType.FLOAT64, Chunks.of(1)),
                Arguments.of(2.5, 10, 0.5, DType.FLOAT64, Chunks.of(4)),
                Arguments.of(2.5, 10, 0.5, DType.FLOAT32, Chunks.of(-1)),
                Arguments.of(10, 0, -3, DType.INT32, Chunks.of(2)),
                Arguments.of(-5, 5, 3, DType.INT16, Chunks.explicit(new long[] {1, 3})),
                Arguments.of(0, 0, 1, DType.FLOAT64, Chunks.of(3)),
                Arguments.of(5, 0, 1, DType.INT64, Chunks.of(3)),
                Arguments.of(0, 1, 0.1, DType.FLOAT64, Chunks.of(4)),
                Arguments.of(0, 200, 7, DType.UINT8, Chunks.of(8)));
    }

    @ParameterizedTest(name = "arange({0}, {1}, {2}, {3}) by {4}")
    @MethodSource("aranges")
    void arange(double start, double stop, double step, DType dtype, Chunks chunks) {
        // np.arange: ceil((stop - start) / step) elements start + i * step
        long n = Math.max(0, (long) Math.ceil((stop - start) / step));
        Ref expected = Ref.filled(new long[] {n}, dtype, i -> start + i[0] * step);
        ArrayAssert.assertEquals(ChunkedArray.arange(start, stop, step, dtype, chunks), expected.nd(), 1e-12);
    }

    @Test
    void arangeOfCount() {
        ArrayAssert.assertEquals(ChunkedArray.arange(11, Chunks.of(4)),
                Ref.filled(new long[] {11}, DType.INT64, i -> i[0]).nd(), 0);
        ArrayAssert.assertEquals(ChunkedArray.arange(0, Chunks.of(4)),
                Ref.filled(new long[] {0}, DType.INT64, i -> i[0]).nd(), 0);
    }

    static Stream<Arguments> linspaces() {
        return Stream.of(
                Arguments.of(0, 1, 11, true, DType.FLOAT64, Chunks.of(4)),
                Arguments.of(0, 1, 10, false, DType.FLOAT64, Chunks.of(3)),
                Arguments.of(-3, 7, 10, true, DType.FLOAT64, Chunks.of(1)),
                Arguments.of(5, -5, 7, true, DType.FLOAT32, Chunks.of(-1)),
                Arguments.of(2, 3, 1, true, DType.FLOAT64, Chunks.of(2)),
                Arguments.of(2, 3, 1, false, DType.FLOAT64, Chunks.of(2)),
                Arguments.of(2, 3, 0, true, DType.FLOAT64, Chunks.of(2)),
                Arguments.of(1, 1e6, 13, true, DType.FLOAT64, Chunks.explicit(new long[] {5, 1, 7})));
    }

    @ParameterizedTest(name = "linspace({0}, {1}, {2}, endpoint={3}, {4}) by {5}")
    @MethodSource("linspaces")
    void linspace(double start, double stop, long num, boolean endpoint, DType dtype, Chunks chunks) {
        // np.linspace: step = (stop - start) / (num - 1 if endpoint else num); y[i] = start + i * step;
        // with endpoint the last value is exactly stop
        long div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        Ref expected = Ref.filled(new long[] {num}, dtype,
                i -> endpoint && num > 1 && i[0] == num - 1 ? stop : start + i[0] * step);
        ArrayAssert.assertEquals(ChunkedArray.linspace(start, stop, num, endpoint, dtype, chunks), expected.nd(), 1e-12);
        if (endpoint && dtype == DType.FLOAT64) {
            ArrayAssert.assertEquals(ChunkedArray.linspace(start, stop, num, chunks), expected.nd(), 1e-12);
        }
    }

    static Stream<Arguments> eyes() {
        return Stream.of(
                Arguments.of(5, 5, 0, DType.FLOAT64, Chunks.of(2, 2)),
                Arguments.of(4, 7, 2, DType.INT32, Chunks.of(3, 3)),
                Arguments.of(6, 3, -1, DType.FLOAT32, Chunks.of(1, 1)),
                Arguments.of(6, 3, -7, DType.FLOAT64, Chunks.of(4, 2)),
                Arguments.of(3, 8, 5, DType.BOOL, Chunks.of(-1, 3)),
                Arguments.of(0, 3, 0, DType.FLOAT64, Chunks.of(2, 2)),
                Arguments.of(4, 0, 0, DType.INT64, Chunks.of(2, 2)));
    }

    @ParameterizedTest(name = "eye({0}, {1}, k={2}, {3}) by {4}")
    @MethodSource("eyes")
    void eye(long n, long m, long k, DType dtype, Chunks chunks) {
        Ref expected = Ref.filled(new long[] {n, m}, dtype, i -> i[1] - i[0] == k ? 1 : 0);
        ArrayAssert.assertEquals(ChunkedArray.eye(n, m, k, dtype, chunks), expected.nd(), 0);
    }

    @Test
    void eyeSquareDefault() {
        ArrayAssert.assertEquals(ChunkedArray.eye(5, Chunks.of(2, 3)),
                Ref.filled(new long[] {5, 5}, DType.FLOAT64, i -> i[0] == i[1] ? 1 : 0).nd(), 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesByDtype")
    void fromArrayAndFromBlocks(Case c, DType dtype) {
        Ref ref = Ref.random(c.shape(), dtype, 17);
        new Batch().add(ref.chunked(c.chunks(), false), ref.nd(), 0).add(ref.chunked(c.chunks(), true), ref.nd(), 0).check();
    }

    @Test
    void fromArrayOfFortranOrderAndOfAView() {
        Ref ref = Ref.random(new long[] {6, 7}, DType.FLOAT64, 3);
        INDArray f = ref.nd().dup('f');
        ArrayAssert.assertEquals(ChunkedArray.fromArray(f, Chunks.of(4, 3)), ref.nd(), 0);
        ArrayAssert.assertEquals(ChunkedArray.fromArray(f, Chunks.of(-1, -1)), ref.nd(), 0);

        // a strided view: every other column of a 6 x 14 array
        Ref big = Ref.random(new long[] {6, 14}, DType.FLOAT64, 4);
        INDArray bigNd = big.nd();
        INDArray view = Nd4j.create(bigNd.data(), new long[] {5, 7}, new long[] {14, 2}, 15, 'c', DataType.DOUBLE);
        Ref expected = Ref.filled(new long[] {5, 7}, DType.FLOAT64, i -> big.v[(int) ((i[0] + 1) * 14 + 1 + 2 * i[1])]);
        ArrayAssert.assertEquals(ChunkedArray.fromArray(view, Chunks.of(2, 3)), expected.nd(), 0);
        ArrayAssert.assertEquals(ChunkedArray.fromArray(view, Chunks.of(2, 3)).add(1),
                expected.map(x -> x + 1, DType.FLOAT64, DType.FLOAT64).nd(), 0);
    }

    @Test
    void computeOfOneBlockArrayIsACopyTheCallerOwns() {
        // compute() hands the caller an array it owns: changing it must not change the source
        INDArray data = Ref.random(new long[] {3, 4}, DType.FLOAT64, 5).nd();
        INDArray before = data.dup();
        ChunkedArray x = ChunkedArray.fromArray(data, Chunks.of(-1, -1));
        for (var s : ArrayAssert.SCHEDULERS) {
            INDArray r = x.compute(s);
            assertNotSame(data, r);
            r.addi(100);
            assertArrayEquals(ArrayAssert.values(before), ArrayAssert.values(data));
            assertArrayEquals(ArrayAssert.values(before), ArrayAssert.values(x.compute(s)));
        }
    }

    @Test
    void chunksAutoAndBytes() {
        // auto chunks must still add up to the shape and give blocks within the byte budget
        Ref ref = Ref.random(new long[] {37, 23}, DType.FLOAT64, 9);
        ChunkedArray x = ChunkedArray.fromArray(ref.nd(), Chunks.bytes(8 * 100));
        for (long[] axis : x.chunks()) {
            long max = 0;
            for (long c : axis) {
                max = Math.max(max, c);
            }
            assertTrue(max > 0);
        }
        ChunkGrid g = x.grid();
        for (long b = 0; b < g.totalBlocks(); b++) {
            long[] bs = g.blockShape(g.unravel(b));
            assertTrue(bs[0] * bs[1] * 8 <= 8 * 100, "block " + b + " within 800 bytes");
        }
        ArrayAssert.assertEquals(x, ref.nd(), 0);
        ArrayAssert.assertEquals(ChunkedArray.fromArray(ref.nd(), Chunks.auto()), ref.nd(), 0);
        assertEquals(1, ChunkedArray.fromArray(ref.nd(), Chunks.auto()).grid().totalBlocks());
    }
}
