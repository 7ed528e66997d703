package org.tessella.ndarray;

import java.util.Arrays;

/**
 * Where one block sits in its array: its grid index, the offset of its first element and its
 * shape. Arrays are copied on the way in and out, so this record is immutable.
 */
public record BlockInfo(int[] index, long[] offset, long[] shape) {
    public BlockInfo {
        index = index.clone();
        offset = offset.clone();
        shape = shape.clone();
    }

    @Override
    public int[] index() {
        return index.clone();
    }

    @Override
    public long[] offset() {
        return offset.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockInfo b && Arrays.equals(index, b.index) && Arrays.equals(offset, b.offset)
                && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(index) + Arrays.hashCode(offset)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "BlockInfo(index=" + Arrays.toString(index) + ", offset=" + Arrays.toString(offset) + ", shape="
                + Arrays.toString(shape) + ")";
    }

    /** Number of elements in the block. */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
