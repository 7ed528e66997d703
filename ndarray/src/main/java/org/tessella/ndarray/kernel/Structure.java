package org.tessella.ndarray.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Block kernels of the structural operations (transpose, basic slicing, new axes). Views are built
 * from the buffer, offset and strides directly, as {@link Regions} does, never with ND4J's
 * {@code get(...)} (wrong on views). Each view shares its input's buffer: the task returning it must
 * be marked {@code aliasesInputs}. ND4J cannot describe negative strides (creating such an array
 * fails on the buffer length), so a slice with a negative step is a copy.
 */
public final class Structure {
    private Structure() {
    }

    /** A view of {@code a} with its axes permuted: axis i of the result is axis {@code perm[i]} of a. */
    public static INDArray permute(INDArray a, int[] perm) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long[] s = new long[perm.length];
        long[] st = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            s[i] = shape[perm[i]];
            st[i] = stride[perm[i]];
        }
        return view(a, s, st, a.offset());
    }

    /**
     * A view of the elements {@code start[i] + k * step[i]} for {@code k < count[i]} along each axis
     * of {@code a}, without the axes where {@code drop[i]} (integer indices, {@code count[i] == 1}).
     * Steps must be positive; {@link #sliceCopy} handles negative ones.
     */
    public static INDArray sliceView(INDArray a, long[] start, long[] step, long[] count, boolean[] drop) {
        long[] stride = a.stride();
        int rank = 0;
        for (boolean d : drop) {
            rank += d ? 0 : 1;
        }
        long[] s = new long[rank];
        long[] st = new long[rank];
        long offset = a.offset();
        int j = 0;
        for (int i = 0; i < start.length; i++) {
            if (step[i] <= 0) {
                throw new IllegalArgumentException("step is not positive on axis " + i + ": " + step[i]
                        + "; expected a positive step for a view (use sliceCopy)");
            }
            offset += start[i] * stride[i];
            if (!drop[i]) {
                s[j] = count[i];
                st[j] = stride[i] * step[i];
                j++;
            }
        }
        return view(a, s, st, offset);
    }

    /**
     * A C-order block (from the {@link BlockPool}) holding the same elements as {@link #sliceView}
     * would, except that steps may be negative: the elements {@code start[i] + k * step[i]}, in
     * that order.
     */
    public static INDArray sliceCopy(INDArray a, long[] start, long[] step, long[] count, boolean[] drop) {
        int n = start.length;
        long[] first = new long[n];
        long[] absStep = new long[n];
        int rank = 0;
        int reversed = 0;
        for (int i = 0; i < n; i++) {
            boolean negative = step[i] < 0;
            // the same elements, walked upwards from the lowest one
            first[i] = negative && count[i] > 0 ? start[i] + (count[i] - 1) * step[i] : start[i];
            absStep[i] = Math.abs(step[i]);
            if (!drop[i]) {
                rank++;
                if (negative && count[i] > 1) {
                    reversed++;
                }
            }
        }
        int[] dims = new int[reversed];
        long[] shape = new long[rank];
        for (int i = 0, j = 0, r = 0; i < n; i++) {
            if (!drop[i]) {
                if (step[i] < 0 && count[i] > 1) {
                    dims[r++] = j;
                }
                shape[j++] = count[i];
            }
        }
        INDArray out = BlockPool.allocate(a.dataType(), shape);
        if (out.length() == 0) {
            return out;
        }
        INDArray v = sliceView(a, first, absStep, count, drop);
        if (dims.length == 0) {
            out.assign(v);
        } else {
            Nd4j.exec(new Reverse(v, out, dims));
        }
        return out;
    }

    /** A view of {@code a} with a new axis of length 1 at position {@code axis} (0..rank). */
    public static INDArray expandDims(INDArray a, int axis) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long[] s = new long[shape.length + 1];
        long[] st = new long[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == axis) {
                s[i] = 1;
                // any stride serves a length-1 axis; use the C-order one so contiguous blocks stay so
                st[i] = j < shape.length ? stride[j] * shape[j] : 1;
            } else {
                s[i] = shape[j];
                st[i] = stride[j];
                j++;
            }
        }
        return view(a, s, st, a.offset());
    }

    private static INDArray view(INDArray a, long[] shape, long[] strides, long offset) {
        for (long s : shape) {
            if (s == 0) {
                return Nd4j.create(a.dataType(), shape);
            }
        }
        return Nd4j.create(a.data(), shape, strides, offset, a.ordering(), a.dataType());
    }
}
