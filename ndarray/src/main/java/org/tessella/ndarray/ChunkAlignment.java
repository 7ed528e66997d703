package org.tessella.ndarray;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Chunk unification shared by the operations that pair blocks of several arrays (elementwise
 * broadcasting, tensordot): along an axis that several inputs share, the output uses the common
 * refinement of the inputs' chunk boundaries, and each input is rechunked to it, so block {@code i}
 * of every input covers the same range.
 */
final class ChunkAlignment {
    private ChunkAlignment() {
    }

    /**
     * The common refinement of {@code chunkings} (each a chunking of an axis of length
     * {@code extent}): every boundary of every chunking is a boundary of the result. When all
     * chunkings are equal the first one itself is returned, so aligned inputs need no rechunk.
     */
    static long[] commonRefinement(long extent, List<long[]> chunkings) {
        long[] first = chunkings.get(0);
        boolean differ = false;
        for (long[] c : chunkings) {
            differ |= !Arrays.equals(first, c);
        }
        if (!differ) {
            return first;
        }
        TreeSet<Long> bounds = new TreeSet<>();
        for (long[] c : chunkings) {
            long off = 0;
            for (long len : c) {
                bounds.add(off);
                off += len;
            }
        }
        bounds.add(extent);
        long[] out = new long[bounds.size() - 1];
        Long prev = null;
        int i = 0;
        for (Long b : bounds) {
            if (prev != null) {
                out[i++] = b - prev;
            }
            prev = b;
        }
        return out;
    }

    /**
     * {@code x} with the chunks {@code want[a]} on each axis a ({@code null} keeps the axis' chunks);
     * {@code x} itself when nothing changes.
     */
    static ChunkedArray rechunkAxes(ChunkedArray x, long[][] want) {
        long[][] target = new long[x.ndim()][];
        boolean same = true;
        for (int a = 0; a < target.length; a++) {
            long[] own = x.grid().chunks(a);
            target[a] = want[a] == null ? own : want[a];
            same &= Arrays.equals(target[a], own);
        }
        return same ? x : x.rechunk(Chunks.explicit(target));
    }
}
