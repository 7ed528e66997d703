package org.tessella.ndarray.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Kernels that make source blocks: constants, ranges, identity pieces, copies of in-memory data. */
public final class Fill {
    private Fill() {
    }

    /**
     * A block filled with {@code value} converted to {@code type} as NumPy converts it: truncated
     * toward zero for integers, {@code value != 0} for bool (ND4J refuses to assign anything but
     * 0 or 1 to a bool array). Integers are assigned as a {@code long}: ND4J's {@code assign(double)}
     * saturates at 2^31 - 1 for UINT32 (3e9 becomes 2147483647), {@code assign(long)} does not.
     */
    public static INDArray constant(DataType type, long[] shape, double value) {
        INDArray out = BlockPool.allocate(type, shape);
        if (out.length() > 0) {
            if (type == DataType.BOOL) {
                out.assign(value != 0 ? 1 : 0);
            } else if (type.isIntType()) {
                out.assign((long) value); // truncates toward zero, as NumPy; the caller checked the range
            } else {
                out.assign(value);
            }
        }
        return out;
    }

    /** {@code start + step * (offset + i)} for i in the block (1-D). */
    public static INDArray range(DataType type, long offset, long length, double start, double step) {
        INDArray out = BlockPool.allocate(DataType.DOUBLE, new long[] {length});
        for (long i = 0; i < length; i++) {
            out.putScalar(i, start + step * (offset + i));
        }
        if (type == DataType.DOUBLE) {
            return out;
        }
        INDArray cast = BlockPool.allocate(type, new long[] {length});
        cast.assign(out);
        BlockPool.release(out);
        return cast;
    }

    /** The block of the identity-like matrix with ones where {@code col - row == k}. */
    public static INDArray eye(DataType type, long rowOffset, long colOffset, long rows, long cols, long k) {
        INDArray out = constant(type, new long[] {rows, cols}, 0);
        for (long r = 0; r < rows; r++) {
            long c = rowOffset + r + k - colOffset;
            if (c >= 0 && c < cols) {
                out.putScalar(r, c, 1);
            }
        }
        return out;
    }

    /** A C-order copy of {@code src[offset : offset + shape]} in {@code type}. */
    public static INDArray copyRegion(INDArray src, long[] offset, long[] shape, DataType type) {
        INDArray out = BlockPool.allocate(type, shape);
        if (out.length() > 0) {
            out.assign(Regions.view(src, offset, shape));
        }
        return out;
    }

    /** Checks a loaded block's shape and type. */
    public static void check(INDArray block, long[] shape, DataType type, String where) {
        if (block == null) {
            throw new IllegalStateException(where + " returned null; expected a block of shape "
                    + java.util.Arrays.toString(shape));
        }
        if (!java.util.Arrays.equals(block.shape(), shape) || block.dataType() != type) {
            throw new IllegalStateException(where + " returned a block of shape " + java.util.Arrays.toString(block.shape())
                    + " and type " + block.dataType() + "; expected shape " + java.util.Arrays.toString(shape)
                    + " and type " + type);
        }
    }

    /** A 0-d or 1-element view-free copy as a double. */
    public static double scalarValue(INDArray a) {
        return a.getDouble(0);
    }

    static INDArray empty(DataType type, long[] shape) {
        return Nd4j.create(type, shape);
    }
}
