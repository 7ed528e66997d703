package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Arrays of every H5Type for tests, and exact comparisons. */
final class TestArrays {
    private TestArrays() {
    }

    /** What the bytes of a test array look like. */
    enum Data {
        /** Random bit patterns (bool: random 0/1): deflate cannot shrink them, so chunks are stored unfiltered. */
        RANDOM,
        /** A slow ramp: compresses well. */
        SMOOTH
    }

    /** @return a C-order array of {@code type} and {@code shape} with fixed-seed content */
    static INDArray make(H5Type type, long[] shape, Data data, long seed) {
        INDArray a = Nd4jBuffers.allocate(type, shape);
        if (a.isEmpty()) {
            return a;
        }
        int n = (int) a.length();
        int item = type.itemSize();
        byte[] bytes = new byte[n * item];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < n; k++) {
            if (type == H5Type.BOOL) {
                bytes[k] = (byte) (data == Data.RANDOM ? r.nextInt(2) : (k / 7) % 2);
                continue;
            }
            if (data == Data.RANDOM) {
                for (int j = 0; j < item; j++) {
                    bytes[k * item + j] = (byte) r.nextInt(256);
                }
                if (type == H5Type.FLOAT32 || type == H5Type.FLOAT64) {
                    double v = r.nextDouble(-1e6, 1e6);
                    if (type == H5Type.FLOAT32) {
                        b.putFloat(k * 4, (float) v);
                    } else {
                        b.putDouble(k * 8, v);
                    }
                }
                continue;
            }
            long v = k / 3 + seed % 5;
            switch (type) {
                case FLOAT32 -> b.putFloat(k * 4, v * 0.5f);
                case FLOAT64 -> b.putDouble(k * 8, v * 0.5);
                case INT8, UINT8 -> bytes[k] = (byte) v;
                case INT16, UINT16 -> b.putShort(k * 2, (short) v);
                case INT32, UINT32 -> b.putInt(k * 4, (int) v);
                case INT64 -> b.putLong(k * 8, v - 1000);
                default -> throw new IllegalStateException(type.toString());
            }
        }
        Nd4jBuffers.bytes(a).put(0, bytes);
        return a;
    }

    /** @return the C-order bytes of any array (views are copied first) */
    static byte[] bytesOf(INDArray a) {
        if (a.isEmpty()) {
            return new byte[0];
        }
        INDArray c = Nd4jBuffers.contiguous(a);
        ByteBuffer b = Nd4jBuffers.bytes(c);
        byte[] out = new byte[b.remaining()];
        b.get(0, out);
        return out;
    }

    /** @return a C-order copy of the box {@code [offset, offset + shape)} of {@code a} */
    static INDArray box(INDArray a, long[] offset, long[] shape) {
        if (a.rank() == 0) {
            return a.dup('c');
        }
        INDArrayIndex[] idx = new INDArrayIndex[offset.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = NDArrayIndex.interval(offset[i], offset[i] + shape[i]);
        }
        INDArray view = a.get(idx);
        // ND4J drops nothing here (intervals keep every axis), but be explicit about the shape.
        return view.dup('c').reshape('c', shape);
    }

    /** Asserts same dtype, same shape and the same bytes. */
    static void assertSame(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.dataType(), actual.dataType(), what + ": dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape " + Arrays.toString(actual.shape()));
        assertArrayEquals(bytesOf(expected), bytesOf(actual), what + ": contents");
    }

    /** Calls {@code visit} with the offset and shape of every block of a grid of {@code block} over {@code shape}. */
    static void forEachBlock(long[] shape, long[] block, java.util.function.BiConsumer<long[], long[]> visit) {
        int rank = shape.length;
        if (rank == 0) {
            visit.accept(new long[0], new long[0]);
            return;
        }
        long[] off = new long[rank];
        while (true) {
            long[] s = new long[rank];
            for (int a = 0; a < rank; a++) {
                s[a] = Math.min(block[a], shape[a] - off[a]);
            }
            visit.accept(off.clone(), s);
            int a = rank - 1;
            while (a >= 0 && off[a] + block[a] >= shape[a]) {
                off[a] = 0;
                a--;
            }
            if (a < 0) {
                return;
            }
            off[a] += block[a];
        }
    }
}
