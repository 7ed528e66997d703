package org.tessella.ndarray;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.Structure;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Axis permutations ({@code transpose}, {@code swapaxes}). Block {@code (i, j, ...)} of the output is
 * the permuted view of the input block at the permuted index, and the chunks permute with the axes.
 *
 * <p>Views, not copies: a permutation moves no data, so each task returns a strided view of its
 * input block ({@code aliasesInputs}; the input block stays alive while the view does). The view
 * task is fusible, so an elementwise consumer or the final store absorbs it and reads the input
 * block through permuted strides (a strided read, slower than a contiguous one for large blocks, but
 * cheaper than a copy followed by a contiguous read). Consumers that need C order (reshape) copy
 * through {@code Regions.contiguous} themselves.
 */
final class Transpose {
    private Transpose() {
    }

    /** Checks and normalizes a permutation of {@code 0..ndim-1} (negative axes count from the end). */
    static int[] checkPermutation(int[] axes, int ndim) {
        if (axes == null) {
            throw new IllegalArgumentException("axes is null; expected a permutation of 0.." + (ndim - 1));
        }
        if (axes.length != ndim) {
            throw new IllegalArgumentException("axes has " + axes.length + " entries: " + Arrays.toString(axes)
                    + "; expected " + ndim + ", a permutation of the " + ndim + " axes");
        }
        int[] perm = new int[ndim];
        boolean[] seen = new boolean[ndim];
        for (int i = 0; i < ndim; i++) {
            perm[i] = ChunkedArray.normalizeAxis(axes[i], ndim, "axes[" + i + "]");
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("axes repeats axis " + perm[i] + ": " + Arrays.toString(axes)
                        + "; expected a permutation of 0.." + (ndim - 1));
            }
            seen[perm[i]] = true;
        }
        return perm;
    }

    /** Axis {@code a} of the result is axis {@code perm[a]} of {@code x}; {@code perm} is valid. */
    static ChunkedArray permute(ChunkedArray x, int[] perm) {
        int rank = perm.length;
        boolean identity = true;
        for (int a = 0; a < rank; a++) {
            identity &= perm[a] == a;
        }
        if (identity) {
            return x;
        }
        ChunkGrid src = x.grid();
        long[] shape = new long[rank];
        long[][] chunks = new long[rank][];
        for (int a = 0; a < rank; a++) {
            shape[a] = src.shape(perm[a]);
            chunks[a] = src.chunks(perm[a]);
        }
        ChunkGrid grid = new ChunkGrid(shape, chunks);
        String name = Tokens.name("transpose", x.name(), perm);
        String in = x.name();
        int[] p = perm.clone();
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> {
            int[] inIdx = new int[rank];
            for (int a = 0; a < rank; a++) {
                inIdx[p[a]] = idx[a];
            }
            return new Key[] {Key.of(in, inIdx)};
        }, (args, idx) -> Structure.permute((INDArray) args.get(0), p), true, true);
        return new ChunkedArray(Graph.of(layer, x.graph()), name, grid, x.dtype());
    }
}
