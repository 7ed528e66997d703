package org.tessella.hdf5.kernel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Box geometry for blocks and file chunks: which chunks a box touches, intersections, and copies of boxes
 * between C-order byte arrays and native buffers. All shapes and offsets are in elements.
 */
final class Regions {
    private Regions() {
    }

    /** @return the product of {@code shape} (1 for rank 0) */
    static long size(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /**
     * @return the first element of every file chunk that {@code [offset, offset + shape)} touches, in C order
     *     of the chunk grid
     */
    static List<long[]> chunksTouched(long[] offset, long[] shape, long[] chunkShape) {
        int rank = offset.length;
        List<long[]> out = new ArrayList<>();
        if (size(shape) == 0) {
            return out;
        }
        long[] first = new long[rank];
        long[] last = new long[rank];
        for (int a = 0; a < rank; a++) {
            first[a] = offset[a] / chunkShape[a];
            last[a] = (offset[a] + shape[a] - 1) / chunkShape[a];
        }
        long[] index = first.clone();
        while (true) {
            long[] chunkOffset = new long[rank];
            for (int a = 0; a < rank; a++) {
                chunkOffset[a] = index[a] * chunkShape[a];
            }
            out.add(chunkOffset);
            int a = rank - 1;
            while (a >= 0 && index[a] == last[a]) {
                index[a] = first[a];
                a--;
            }
            if (a < 0) {
                return out;
            }
            index[a]++;
        }
    }

    /** @return the part of the chunk at {@code chunkOffset} inside the dataset: its valid (unpadded) shape */
    static long[] validChunkShape(long[] chunkOffset, long[] chunkShape, long[] datasetShape) {
        long[] s = new long[chunkOffset.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = Math.min(chunkShape[a], datasetShape[a] - chunkOffset[a]);
        }
        return s;
    }

    /** @return the start of the intersection of two boxes (callers know they intersect) */
    static long[] intersectionStart(long[] offsetA, long[] offsetB) {
        long[] s = new long[offsetA.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = Math.max(offsetA[a], offsetB[a]);
        }
        return s;
    }

    /** @return the shape of the intersection of two boxes */
    static long[] intersectionShape(long[] offsetA, long[] shapeA, long[] offsetB, long[] shapeB) {
        long[] s = new long[offsetA.length];
        for (int a = 0; a < s.length; a++) {
            s[a] = Math.max(0, Math.min(offsetA[a] + shapeA[a], offsetB[a] + shapeB[a]) - Math.max(offsetA[a], offsetB[a]));
        }
        return s;
    }

    /** @return {@code a - b}, elementwise */
    static long[] minus(long[] a, long[] b) {
        long[] s = new long[a.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = a[i] - b[i];
        }
        return s;
    }

    /** @return true if {@code [offset, offset + shape)} lies inside an array of shape {@code bounds} */
    static boolean inside(long[] offset, long[] shape, long[] bounds) {
        if (offset.length != bounds.length || shape.length != bounds.length) {
            return false;
        }
        for (int a = 0; a < bounds.length; a++) {
            if (offset[a] < 0 || shape[a] < 0 || offset[a] + shape[a] > bounds[a]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the box {@code [srcStart, srcStart + count)} of a C-order array of shape {@code srcShape} held in
     * {@code src} to {@code [dstStart, dstStart + count)} of a C-order array of shape {@code dstShape} held in
     * {@code dst}, elements of {@code itemSize} bytes. Trailing axes that are whole in both arrays merge into
     * one contiguous run, so copying a whole chunk is one bulk copy.
     */
    static void copy(byte[] src, long[] srcShape, long[] srcStart, ByteBuffer dst, long[] dstShape, long[] dstStart,
            long[] count, int itemSize) {
        new Walk(srcShape, srcStart, dstShape, dstStart, count, itemSize)
                .forEachRun((s, d, n) -> dst.put((int) d, src, (int) s, (int) n));
    }

    /** Copies a box from a native buffer to a C-order byte array; see {@link #copy(byte[], long[], long[], ByteBuffer, long[], long[], long[], int)}. */
    static void copy(ByteBuffer src, long[] srcShape, long[] srcStart, byte[] dst, long[] dstShape, long[] dstStart,
            long[] count, int itemSize) {
        new Walk(srcShape, srcStart, dstShape, dstStart, count, itemSize)
                .forEachRun((s, d, n) -> src.get((int) s, dst, (int) d, (int) n));
    }

    /** One contiguous run of a box copy, as byte offsets into the source and destination arrays. */
    interface Run {
        void copy(long srcByte, long dstByte, long bytes);
    }

    /**
     * Visits the contiguous runs of a copy of the box {@code [srcStart, srcStart + count)} of a C-order array of
     * shape {@code srcShape} to {@code [dstStart, dstStart + count)} of one of shape {@code dstShape}, for
     * callers that transform while copying (shuffle, un-shuffle).
     */
    static void runs(long[] srcShape, long[] srcStart, long[] dstShape, long[] dstStart, long[] count, int itemSize,
            Run run) {
        new Walk(srcShape, srcStart, dstShape, dstStart, count, itemSize).forEachRun(run);
    }

    /** Visits the contiguous runs of a box copy as byte offsets. */
    private static final class Walk {

        private final int outer;        // axes [0, outer) are walked; [outer, rank) form one run
        private final long runBytes;
        private final long[] srcStrides; // in bytes
        private final long[] dstStrides;
        private final long srcBase;
        private final long dstBase;
        private final long[] count;

        Walk(long[] srcShape, long[] srcStart, long[] dstShape, long[] dstStart, long[] count, int itemSize) {
            int rank = count.length;
            if (srcShape.length != rank || dstShape.length != rank || srcStart.length != rank || dstStart.length != rank) {
                throw new IllegalArgumentException("box copy ranks differ: count " + Arrays.toString(count)
                        + ", src " + Arrays.toString(srcShape) + ", dst " + Arrays.toString(dstShape));
            }
            this.count = count;
            srcStrides = strides(srcShape, itemSize);
            dstStrides = strides(dstShape, itemSize);
            long sb = 0;
            long db = 0;
            for (int a = 0; a < rank; a++) {
                sb += srcStart[a] * srcStrides[a];
                db += dstStart[a] * dstStrides[a];
            }
            srcBase = sb;
            dstBase = db;
            // Merge trailing axes copied whole on both sides into the run.
            int k = rank;
            long run = itemSize;
            while (k > 0) {
                int a = k - 1;
                run *= count[a];
                k--;
                if (!(count[a] == srcShape[a] && count[a] == dstShape[a])) {
                    break;
                }
            }
            outer = k;
            runBytes = rank == 0 ? itemSize : run;
        }

        private static long[] strides(long[] shape, int itemSize) {
            long[] s = new long[shape.length];
            long stride = itemSize;
            for (int a = shape.length - 1; a >= 0; a--) {
                s[a] = stride;
                stride *= shape[a];
            }
            return s;
        }

        void forEachRun(Run run) {
            if (size(count) == 0) {
                return;
            }
            long[] index = new long[outer];
            long s = srcBase;
            long d = dstBase;
            while (true) {
                run.copy(s, d, runBytes);
                int a = outer - 1;
                while (a >= 0 && index[a] == count[a] - 1) {
                    s -= index[a] * srcStrides[a];
                    d -= index[a] * dstStrides[a];
                    index[a] = 0;
                    a--;
                }
                if (a < 0) {
                    return;
                }
                index[a]++;
                s += srcStrides[a];
                d += dstStrides[a];
            }
        }
    }
}
