package org.tessella.ndarray;

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

    /** Number of elements in the block. */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
