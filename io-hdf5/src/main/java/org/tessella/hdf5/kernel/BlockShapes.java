package org.tessella.hdf5.kernel;

import java.util.Arrays;

/**
 * Default block shapes for reading a dataset: whole multiples of the file's chunk shape, as large as fits a
 * byte budget, so that no file chunk is split between blocks (each is read and inflated once).
 */
public final class BlockShapes {
    private BlockShapes() {
    }

    /**
     * Chooses a block shape for a dataset.
     *
     * <p>Chunked datasets: start from one file chunk per block (clipped to the shape) and grow the block by whole
     * chunks, always along the axis whose block is currently the shortest in elements (so blocks stay about as
     * square as the chunks allow), doubling while the block fits {@code budgetBytes}, then adding one chunk at a
     * time. A file chunk larger than the budget stays one block: splitting it would inflate it once per piece.
     *
     * <p>Contiguous (and compact, virtual) datasets have no chunks to respect; their bytes are laid out in C order,
     * so blocks take whole trailing axes and split the leading ones, each hyperslab then being a few long runs.
     *
     * @param shape       the dataset's shape
     * @param fileChunk   the file's chunk shape, or an empty array when the dataset is not chunked
     * @param itemSize    bytes per element
     * @param budgetBytes target bytes per block
     * @return the block shape, every length at least 1 (0 on an empty axis)
     */
    public static long[] aligned(long[] shape, long[] fileChunk, int itemSize, long budgetBytes) {
        if (!(budgetBytes > 0)) {
            throw new IllegalArgumentException("budgetBytes is not positive: " + budgetBytes + "; expected > 0");
        }
        if (fileChunk.length != 0 && fileChunk.length != shape.length) {
            throw new IllegalArgumentException("fileChunk has the wrong rank: " + Arrays.toString(fileChunk)
                    + "; expected " + shape.length + " axes or none");
        }
        int rank = shape.length;
        long budget = Math.max(1, budgetBytes / itemSize); // in elements
        if (fileChunk.length == 0) {
            return contiguous(shape, budget);
        }
        long[] block = new long[rank];
        for (int a = 0; a < rank; a++) {
            block[a] = Math.min(fileChunk[a], shape[a]);
        }
        if (Regions.size(block) == 0) {
            return block;
        }
        // Doubling, then unit steps: each step grows the shortest growable axis by whole chunks.
        for (boolean doubling : new boolean[] {true, false}) {
            while (true) {
                int best = -1;
                long bestNext = 0;
                for (int a = 0; a < rank; a++) {
                    if (block[a] >= shape[a]) {
                        continue;
                    }
                    long chunks = ceilDiv(block[a], fileChunk[a]);
                    long next = Math.min(shape[a], (doubling ? 2 * chunks : chunks + 1) * fileChunk[a]);
                    long size = Regions.size(block) / block[a] * next;
                    if (size > budget) {
                        continue;
                    }
                    if (best < 0 || block[a] < block[best]) {
                        best = a;
                        bestNext = next;
                    }
                }
                if (best < 0) {
                    break;
                }
                block[best] = bestNext;
            }
        }
        return block;
    }

    private static long[] contiguous(long[] shape, long budget) {
        int rank = shape.length;
        long[] block = shape.clone();
        if (Regions.size(shape) == 0) {
            return block;
        }
        // Trailing axes whole while they fit; the first axis that does not fit is split; leading ones are 1.
        long inner = 1;
        for (int a = rank - 1; a >= 0; a--) {
            if (inner * shape[a] <= budget) {
                inner *= shape[a];
                continue;
            }
            block[a] = Math.max(1, budget / inner);
            for (int b = a - 1; b >= 0; b--) {
                block[b] = 1;
            }
            break;
        }
        return block;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
