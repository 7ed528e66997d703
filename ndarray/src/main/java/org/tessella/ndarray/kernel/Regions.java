package org.tessella.ndarray.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Views of rectangular regions of blocks, and copies between them. */
public final class Regions {
    private Regions() {
    }

    /**
     * A view of the region {@code [offset, offset + shape)} of {@code a}. Built from the buffer,
     * offset and strides directly: ND4J's {@code get(interval...)} on a view returns wrong results
     * (an empty float scalar for an interval at the last row of a view), so it is never used.
     */
    public static INDArray view(INDArray a, long[] offset, long[] shape) {
        if (a.rank() == 0) {
            return a;
        }
        boolean whole = true;
        long[] s = a.shape();
        for (int i = 0; i < s.length; i++) {
            whole &= offset[i] == 0 && shape[i] == s[i];
        }
        if (whole) {
            return a;
        }
        return strided(a, offset, null, shape);
    }

    /**
     * A view of {@code a} starting at {@code offset}, taking every {@code step[i]}-th element along
     * axis i ({@code step} null for 1, negative steps allowed), with {@code shape} elements per axis.
     */
    public static INDArray strided(INDArray a, long[] offset, long[] step, long[] shape) {
        long[] st = a.stride();
        long o = a.offset();
        long[] strides = new long[st.length];
        long length = 1;
        for (int i = 0; i < st.length; i++) {
            o += offset[i] * st[i];
            strides[i] = step == null ? st[i] : st[i] * step[i];
            length *= shape[i];
        }
        if (length == 0) {
            return Nd4j.create(a.dataType(), shape);
        }
        return Nd4j.create(a.data(), shape, strides, o, a.ordering(), a.dataType());
    }

    /** Copies {@code src[srcOffset : +shape]} into {@code dst[dstOffset : +shape]}. */
    public static void copy(INDArray src, long[] srcOffset, INDArray dst, long[] dstOffset, long[] shape) {
        for (long s : shape) {
            if (s == 0) {
                return;
            }
        }
        view(dst, dstOffset, shape).assign(view(src, srcOffset, shape));
    }

    /**
     * {@code a} with a new C-order shape of the same length, without copying when {@code a} owns a
     * contiguous buffer (the result then owns it, and {@code a} must not be used again).
     */
    public static INDArray reshapeOwned(INDArray a, long[] shape) {
        if (!a.isView() && !a.isEmpty() && a.ordering() == 'c' && a.data().length() == a.length()) {
            return Nd4j.create(a.data(), shape, Nd4j.getStrides(shape, 'c'), 0, 'c', a.dataType());
        }
        INDArray out = BlockPool.allocate(a.dataType(), shape);
        if (out.length() > 0) {
            out.assign(contiguous(a).reshape('c', shape));
        }
        return out;
    }

    /**
     * {@code a} itself if it owns a C-order buffer, else a C-order copy. ND4J's {@code reshape} of a
     * strided view reads the wrong elements, so reshape only what this returns.
     */
    public static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }

    /** A fresh, user-owned array (not from the pool). */
    public static INDArray fresh(DataType type, long[] shape) {
        return Nd4j.createUninitialized(type, shape);
    }

    /** A C-order copy the caller owns, recycled from the pool. */
    public static INDArray copyOf(INDArray a) {
        INDArray out = BlockPool.allocate(a.dataType(), a.shape());
        if (out.length() > 0) {
            out.assign(a);
        }
        return out;
    }
}
