package org.tessella.random.kernel;

import java.util.Arrays;

/**
 * The geometry of a C-order block inside a C-order array: the block's elements as runs of consecutive flat
 * indices of the whole array. Trailing axes the block spans completely merge into one run, so a block of full
 * rows is a single run.
 */
final class BlockRuns {

    /** Receives one run: global flat indices {@code flatStart .. flatStart + len - 1}, at block offset {@code at}. */
    interface Run {
        void accept(long flatStart, int at, int len);
    }

    private BlockRuns() {
    }

    /**
     * Validates the geometry and returns the number of elements of the block; it must fit a Java array.
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    static int count(long[] shape, long[] offset, long[] blockShape) {
        if (shape.length != offset.length || shape.length != blockShape.length) {
            throw new IllegalArgumentException("offset and blockShape do not match shape's rank: shape="
                    + Arrays.toString(shape) + ", offset=" + Arrays.toString(offset) + ", blockShape="
                    + Arrays.toString(blockShape) + "; expected three arrays of the same length");
        }
        long total = 1;
        long block = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || offset[d] < 0 || blockShape[d] < 0 || offset[d] > shape[d] - blockShape[d]) {
                throw new IllegalArgumentException("block is outside the array on axis " + d + ": shape="
                        + Arrays.toString(shape) + ", offset=" + Arrays.toString(offset) + ", blockShape="
                        + Arrays.toString(blockShape) + "; expected 0 <= offset and offset + blockShape <= shape");
            }
            try {
                total = Math.multiplyExact(total, shape[d]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape has more than 2^63 - 1 elements: "
                        + Arrays.toString(shape) + "; expected a smaller array", e);
            }
            block *= blockShape[d]; // bounded by total
        }
        if (block > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("blockShape has too many elements for one block: "
                    + Arrays.toString(blockShape) + " (" + block + "); expected at most 2^31 - 9, use smaller chunks");
        }
        return (int) block;
    }

    /** Calls {@code run} for each run of the block in C order (validate with {@link #count} first). */
    static void forEach(long[] shape, long[] offset, long[] blockShape, Run run) {
        int ndim = shape.length;
        if (ndim == 0) {
            run.accept(0, 0, 1);
            return;
        }
        for (long b : blockShape) {
            if (b == 0) {
                return;
            }
        }
        long[] stride = new long[ndim];
        stride[ndim - 1] = 1;
        for (int d = ndim - 2; d >= 0; d--) {
            stride[d] = stride[d + 1] * shape[d + 1];
        }
        int k = ndim - 1; // runs span axes k.. ; the axes after k are complete
        while (k > 0 && blockShape[k] == shape[k]) {
            k--;
        }
        int len = (int) (blockShape[k] * stride[k]);
        long base = offset[k] * stride[k];
        for (int d = 0; d < k; d++) {
            base += offset[d] * stride[d];
        }
        long[] index = new long[k];
        int at = 0;
        long start = base;
        while (true) {
            run.accept(start, at, len);
            at += len;
            int d = k - 1; // odometer over the axes before k
            while (d >= 0 && ++index[d] == blockShape[d]) {
                start -= (blockShape[d] - 1) * stride[d];
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
            start += stride[d];
        }
    }
}
