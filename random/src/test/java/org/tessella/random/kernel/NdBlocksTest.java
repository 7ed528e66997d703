package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** ND4J blocks: the in-place NIO path and the copying path for views give the kernel's values. */
class NdBlocksTest {

    static final long[] SHAPE = {9, 10};
    static final long[] OFFSET = {2, 3};
    static final long[] BLOCK = {4, 5};

    @Test
    void ownedBlocksAndViewsGetTheSameValues() {
        Sampler s = Sampler.of(5, Distribution.normal(1, 2));
        double[] expected = new double[20];
        s.fillBlock(SHAPE, OFFSET, BLOCK, expected);

        INDArray owned = Nd4j.createUninitialized(DataType.DOUBLE, BLOCK);
        NdBlocks.fill(s, SHAPE, OFFSET, owned);
        assertArrayEquals(expected, owned.reshape('c', new long[] {20}).toDoubleVector());

        INDArray parent = Nd4j.zeros(DataType.DOUBLE, 6, 7);
        INDArray view = parent.get(NDArrayIndex.interval(1, 5), NDArrayIndex.interval(2, 7));
        assertTrue(view.isView());
        NdBlocks.fill(s, SHAPE, OFFSET, view);
        assertArrayEquals(expected, view.dup('c').reshape('c', new long[] {20}).toDoubleVector());
        assertEquals(0.0, parent.getDouble(0, 0), "outside the view untouched");
        assertEquals(0.0, parent.getDouble(5, 6), "outside the view untouched");
    }

    @Test
    void float32AndInt64Blocks() {
        Sampler f = Sampler.of(5, Distribution.beta(2, 3));
        float[] ef = new float[20];
        f.fillBlock(SHAPE, OFFSET, BLOCK, ef);
        INDArray bf = Nd4j.createUninitialized(DataType.FLOAT, BLOCK);
        NdBlocks.fill(f, SHAPE, OFFSET, bf);
        assertArrayEquals(ef, bf.reshape('c', new long[] {20}).toFloatVector());

        Sampler l = Sampler.of(5, Distribution.poisson(20));
        long[] el = new long[20];
        l.fillBlock(SHAPE, OFFSET, BLOCK, el);
        INDArray bl = Nd4j.createUninitialized(DataType.LONG, BLOCK);
        NdBlocks.fill(l, SHAPE, OFFSET, bl);
        assertArrayEquals(el, bl.reshape('c', new long[] {20}).toLongVector());
    }

    @Test
    void permutationBlocks() {
        Permutation p = Permutation.of(3, 100);
        long[] expected = new long[30];
        p.fill(40, expected, 0, 30);
        INDArray owned = Nd4j.createUninitialized(DataType.LONG, 30);
        NdBlocks.fill(p, 40, owned);
        assertArrayEquals(expected, owned.toLongVector());
        INDArray view = Nd4j.zeros(DataType.LONG, 50).get(NDArrayIndex.interval(10, 40));
        NdBlocks.fill(p, 40, view);
        assertArrayEquals(expected, view.toLongVector());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT", "LONG", "INT", "SHORT", "UBYTE", "UINT16", "BOOL",
        "BYTE", "UINT32"})
    void gatherKeepsTheValuesType(DataType type) {
        INDArray values = Nd4j.createFromArray(new double[] {0, 1, 2, 3, 4, 5, 6}).castTo(type);
        NdBlocks.Gather g = NdBlocks.Gather.of(values);
        assertEquals(7, g.length());
        long[] idx = {6, 0, 3, 3, 1, 5};
        INDArray block = Nd4j.createUninitialized(type, 2, 3);
        g.fill(idx, block);
        INDArray expected = Nd4j.createFromArray(new double[] {6, 0, 3, 3, 1, 5}).castTo(type).reshape('c', new long[] {2, 3});
        assertEquals(expected, block, type.toString());
        INDArray view = Nd4j.zeros(type, 4, 3).get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
        g.fill(idx, view);
        assertEquals(expected, view, type + " view");
    }

    /** int8 and uint32 values over their whole ranges (negative int8, uint32 above 2^31) keep their values. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"BYTE", "UINT32"})
    void gatherKeepsInt8AndUint32Values(DataType type) {
        long[] v = type == DataType.BYTE ? new long[] {-128, -1, 0, 1, 127}
                : new long[] {0, 1, 2147483647L, 2147483648L, 4294967295L};
        NdBlocks.Gather g = NdBlocks.Gather.of(Nd4j.createFromArray(v).castTo(type));
        long[] idx = {4, 0, 3, 3, 1, 2};
        long[] want = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            want[i] = v[(int) idx[i]];
        }
        INDArray block = Nd4j.createUninitialized(type, 2, 3);
        g.fill(idx, block);
        assertEquals(type, block.dataType());
        assertArrayEquals(want, block.castTo(DataType.LONG).dup('c').data().asLong());
    }
}
