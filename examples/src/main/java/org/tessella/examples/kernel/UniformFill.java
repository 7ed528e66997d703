package org.tessella.examples.kernel;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.DType;

/**
 * Fills float64 arrays with uniform values in [0, 1) that depend only on (seed, flat C-order
 * index): element {@code i} is {@code mix(mix(seed) + (i + 1) * GOLDEN)}'s top 53 bits, where
 * {@code mix} is the SplitMix64 finalizer. A block at any offset of any chunking therefore holds
 * the same values as the matching region of the dense array. About 3 ns per element (2.7 ns
 * measured for a warm 2000 x 2000 block): each row is computed into a Java array and written into
 * the native buffer in one bulk put.
 */
public final class UniformFill {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private UniformFill() {
    }

    /** A new block (from the block pool) holding {@code shape} elements starting at {@code offset}. */
    public static INDArray block(long seed, long[] arrayShape, long[] offset, long[] shape) {
        INDArray out = Blocks.allocate(DType.FLOAT64, shape);
        fill(out, seed, arrayShape, offset, shape);
        return out;
    }

    /** A new dense C-order array with the same values as every chunking of {@code shape}. */
    public static INDArray dense(long seed, long[] shape) {
        INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, shape);
        fill(out, seed, shape, new long[shape.length], shape);
        return out;
    }

    /** The value of flat element {@code index}. */
    public static double value(long seed, long index) {
        long z = mix(mix(seed) + (index + 1) * GOLDEN);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void fill(INDArray out, long seed, long[] arrayShape, long[] offset, long[] shape) {
        int nd = shape.length;
        long base = out.offset();
        DoubleIndexer ix = (DoubleIndexer) out.data().indexer();
        if (nd == 0) {
            ix.put(base, value(seed, 0));
            return;
        }
        long rows = 1;
        for (int a = 0; a < nd - 1; a++) {
            rows *= shape[a];
        }
        long rowLength = shape[nd - 1];
        if (rows == 0 || rowLength == 0) {
            return;
        }
        if (rowLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("block row is too long: " + rowLength
                    + " elements; expected at most " + (Integer.MAX_VALUE - 8) + ", use smaller chunks on the last axis");
        }
        long[] strides = new long[nd];
        strides[nd - 1] = 1;
        for (int a = nd - 2; a >= 0; a--) {
            strides[a] = strides[a + 1] * arrayShape[a + 1];
        }
        double[] row = new double[(int) rowLength];
        long[] at = new long[Math.max(0, nd - 1)];
        for (long r = 0; r < rows; r++) {
            long start = offset[nd - 1];
            for (int a = 0; a < nd - 1; a++) {
                start += (offset[a] + at[a]) * strides[a];
            }
            for (int k = 0; k < row.length; k++) {
                row[k] = value(seed, start + k);
            }
            ix.put(base + r * rowLength, row, 0, row.length);
            for (int a = nd - 2; a >= 0; a--) {
                if (++at[a] < shape[a]) {
                    break;
                }
                at[a] = 0;
            }
        }
    }
}
