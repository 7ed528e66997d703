package org.tessella.ndarray;

import java.util.Arrays;

/**
 * The geometry of a chunked array: its shape and the lengths of the chunks along each axis (the
 * last chunk of an axis may be shorter). Translates between block indices, block offsets and
 * block shapes; every table is computed once in the constructor. An axis of length 0 has one chunk
 * of length 0. This class is immutable.
 */
public final class ChunkGrid {
    private final long[] shape;
    private final long[][] chunks;
    private final long[][] offsets;
    private final int[] numBlocks;
    private final long totalBlocks;

    /**
     * A grid with explicit chunk lengths per axis.
     *
     * @throws IllegalArgumentException if a chunk length is not positive or the lengths of an axis
     *                                  do not add up to its extent
     */
    public ChunkGrid(long[] shape, long[][] chunks) {
        if (shape == null || chunks == null) {
            throw new IllegalArgumentException("shape and chunks must not be null; got shape="
                    + Arrays.toString(shape) + ", chunks=" + Arrays.deepToString(chunks));
        }
        if (shape.length != chunks.length) {
            throw new IllegalArgumentException("chunks has " + chunks.length + " axes: " + Arrays.deepToString(chunks)
                    + "; expected " + shape.length + " axes for shape " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.chunks = new long[shape.length][];
        this.offsets = new long[shape.length][];
        this.numBlocks = new int[shape.length];
        long total = 1;
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 0) {
                throw new IllegalArgumentException("shape has a negative extent on axis " + a + ": "
                        + Arrays.toString(shape) + "; expected extents >= 0");
            }
            long[] c = chunks[a] == null ? new long[0] : chunks[a].clone();
            long sum = 0;
            for (long len : c) {
                if (len <= 0 && !(len == 0 && shape[a] == 0 && c.length == 1)) {
                    throw new IllegalArgumentException("chunks on axis " + a + " has a non-positive length: "
                            + Arrays.toString(c) + "; expected positive chunk lengths");
                }
                sum += len;
            }
            if (shape[a] == 0 && c.length == 0) {
                c = new long[] {0};
            }
            if (sum != shape[a]) {
                throw new IllegalArgumentException("chunks do not add up to shape on axis " + a + ": chunks="
                        + Arrays.toString(c) + " sum to " + sum + "; expected " + shape[a]
                        + " (shape " + Arrays.toString(shape) + ")");
            }
            this.chunks[a] = c;
            long[] off = new long[c.length + 1];
            for (int i = 0; i < c.length; i++) {
                off[i + 1] = off[i] + c[i];
            }
            this.offsets[a] = off;
            this.numBlocks[a] = c.length;
            total *= c.length;
        }
        this.totalBlocks = total;
    }

    /** A grid of regular chunks of {@code chunk[a]} along axis a, the last one ragged. */
    public static ChunkGrid regular(long[] shape, long[] chunk) {
        if (chunk.length != shape.length) {
            throw new IllegalArgumentException("chunk shape has " + chunk.length + " axes: " + Arrays.toString(chunk)
                    + "; expected " + shape.length + " for shape " + Arrays.toString(shape));
        }
        long[][] c = new long[shape.length][];
        for (int a = 0; a < shape.length; a++) {
            c[a] = Chunks.split(shape[a], chunk[a], a);
        }
        return new ChunkGrid(shape, c);
    }

    /** One block covering the whole array. */
    public static ChunkGrid single(long[] shape) {
        return regular(shape, shape.clone());
    }

    public long[] shape() {
        return shape.clone();
    }

    public long shape(int axis) {
        return shape[axis];
    }

    public int ndim() {
        return shape.length;
    }

    /** Number of elements. */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** Chunk lengths per axis (a copy). */
    public long[][] chunks() {
        long[][] c = new long[chunks.length][];
        for (int a = 0; a < c.length; a++) {
            c[a] = chunks[a].clone();
        }
        return c;
    }

    /** Chunk lengths along one axis (a copy). */
    public long[] chunks(int axis) {
        return chunks[axis].clone();
    }

    /** Length of chunk {@code i} along {@code axis}. */
    public long chunk(int axis, int i) {
        return chunks[axis][i];
    }

    /** Offset of chunk {@code i} along {@code axis}; {@code i == numBlocks(axis)} gives the extent. */
    public long offset(int axis, int i) {
        return offsets[axis][i];
    }

    public int[] numBlocks() {
        return numBlocks.clone();
    }

    public int numBlocks(int axis) {
        return numBlocks[axis];
    }

    /** Total number of blocks. */
    public long totalBlocks() {
        return totalBlocks;
    }

    public long[] blockShape(int[] index) {
        return blockShape(index, new long[shape.length]);
    }

    /** Fills {@code out} with the shape of block {@code index} and returns it. */
    public long[] blockShape(int[] index, long[] out) {
        for (int a = 0; a < shape.length; a++) {
            out[a] = chunks[a][index[a]];
        }
        return out;
    }

    public long[] blockOffset(int[] index) {
        return blockOffset(index, new long[shape.length]);
    }

    /** Fills {@code out} with the offset of block {@code index} and returns it. */
    public long[] blockOffset(int[] index, long[] out) {
        for (int a = 0; a < shape.length; a++) {
            out[a] = offsets[a][index[a]];
        }
        return out;
    }

    /** The block along {@code axis} that holds element {@code position}. */
    public int blockOf(int axis, long position) {
        int i = Arrays.binarySearch(offsets[axis], position);
        return i >= 0 ? Math.min(i, numBlocks[axis] - 1) : -i - 2;
    }

    /** The block index of the {@code flat}-th block in C order. */
    public int[] unravel(long flat) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = (int) (flat % numBlocks[a]);
            flat /= numBlocks[a];
        }
        return idx;
    }

    /** Checks that {@code index} names a block of this grid. */
    public void checkIndex(int[] index) {
        boolean ok = index.length == shape.length;
        for (int a = 0; ok && a < index.length; a++) {
            ok = index[a] >= 0 && index[a] < numBlocks[a];
        }
        if (!ok) {
            throw new IllegalArgumentException("block index is out of range: " + Arrays.toString(index)
                    + "; expected an index within " + Arrays.toString(numBlocks));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkGrid g && Arrays.equals(shape, g.shape) && Arrays.deepEquals(chunks, g.chunks);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.deepHashCode(chunks);
    }

    @Override
    public String toString() {
        return "ChunkGrid(shape=" + Arrays.toString(shape) + ", chunks=" + Arrays.deepToString(chunks) + ")";
    }
}
