package org.tessella.ndarray.kernel;

import org.nd4j.linalg.api.buffer.DataBuffer;
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
     * axis i ({@code step} null for 1), with {@code shape} elements per axis. Steps must be positive:
     * ND4J cannot describe negative strides (creating such an array fails on the buffer length), so
     * a reversed region must be copied ({@link Structure#sliceCopy}).
     *
     * @throws IllegalArgumentException if a step is not positive
     */
    public static INDArray strided(INDArray a, long[] offset, long[] step, long[] shape) {
        if (step != null) {
            for (int i = 0; i < step.length; i++) {
                if (step[i] <= 0) {
                    throw new IllegalArgumentException("step is not positive on axis " + i + ": " + step[i]
                            + "; expected a positive step (ND4J views cannot have negative strides; copy instead)");
                }
            }
        }
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

    /**
     * Regions of at most this many elements are copied element by element through the buffers
     * instead of through two ND4J views and {@code assign}. Measured (float64, JDK 17, ND4J
     * 1.0.0-M2.1, best of 15 on a loaded 2-core machine): a 1-element region 0.1 us by elements
     * against 30-130 us by views (building a view over a buffer alone costs 25-80 us); 8x8: 0.4 against
     * 33 us; 32x32: 5.5 against 10.7 us; a 1024x1 column: 7 against 51 us; 64x64 by views: 15 us, so
     * the break-even lies near 2-3 thousand elements. A rechunk from (1000, 1) to (1, 1000) chunks
     * copies 10^6 one-element pieces: 150 s by views, 1.5 s by elements.
     */
    static final long SMALL_COPY_ELEMENTS = 1024;

    /** Copies {@code src[srcOffset : +shape]} into {@code dst[dstOffset : +shape]}. */
    public static void copy(INDArray src, long[] srcOffset, INDArray dst, long[] dstOffset, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n == 0) {
            return;
        }
        if (n <= SMALL_COPY_ELEMENTS && src.dataType() == dst.dataType()) {
            copyElements(src, srcOffset, dst, dstOffset, shape, n);
            return;
        }
        view(dst, dstOffset, shape).assign(view(src, srcOffset, shape));
    }

    /**
     * The element loop behind {@link #copy} for small regions of one data type. An array's
     * {@code data()} starts at its own first element (for a view too), so element {@code idx} sits
     * at {@code sum(idx[i] * stride[i])} in it.
     */
    private static void copyElements(INDArray src, long[] srcOffset, INDArray dst, long[] dstOffset, long[] shape,
                                     long n) {
        DataBuffer sb = src.data();
        DataBuffer db = dst.data();
        long[] ss = src.stride();
        long[] ds = dst.stride();
        int rank = shape.length;
        long sBase = 0;
        long dBase = 0;
        for (int i = 0; i < rank; i++) {
            sBase += srcOffset[i] * ss[i];
            dBase += dstOffset[i] * ds[i];
        }
        boolean floating = src.dataType().isFPType();
        if (rank == 0) {
            if (floating) {
                db.put(dBase, sb.getDouble(sBase));
            } else {
                db.put(dBase, sb.getLong(sBase));
            }
            return;
        }
        long inner = shape[rank - 1];
        long sIn = ss[rank - 1];
        long dIn = ds[rank - 1];
        long[] idx = new long[rank - 1];
        for (long row = 0, rows = n / inner; row < rows; row++) {
            long sp = sBase;
            long dp = dBase;
            for (int i = 0; i < rank - 1; i++) {
                sp += idx[i] * ss[i];
                dp += idx[i] * ds[i];
            }
            if (floating) {
                for (long k = 0; k < inner; k++) {
                    db.put(dp + k * dIn, sb.getDouble(sp + k * sIn));
                }
            } else {
                for (long k = 0; k < inner; k++) {
                    db.put(dp + k * dIn, sb.getLong(sp + k * sIn));
                }
            }
            for (int i = rank - 2; i >= 0 && ++idx[i] == shape[i]; i--) {
                idx[i] = 0;
            }
        }
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
