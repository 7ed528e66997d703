package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.TaskArgs;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Elementwise operations over arrays that broadcast as in NumPy: shapes align on the right, an
 * axis of extent 1 stretches. Inputs whose chunks differ along an axis are rechunked to the common
 * refinement of their boundaries first, so block {@code (i, j)} of every input covers the same
 * region. One fusible task per output block; the output is written into a donated input block when
 * the scheduler offers one of the right shape and type.
 */
final class Blockwise {
    private Blockwise() {
    }

    /** Computes an output block from the input blocks (aligned, possibly broadcasting) into {@code out}. */
    @FunctionalInterface
    interface ElementKernel {
        INDArray apply(INDArray[] blocks, INDArray out);
    }

    static long[] broadcastShape(List<ChunkedArray> inputs) {
        int rank = 0;
        for (ChunkedArray x : inputs) {
            rank = Math.max(rank, x.ndim());
        }
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        for (ChunkedArray x : inputs) {
            long[] s = x.shape();
            int off = rank - s.length;
            for (int a = 0; a < s.length; a++) {
                long o = out[off + a];
                if (s[a] != o && s[a] != 1 && o != 1) {
                    StringBuilder shapes = new StringBuilder();
                    for (ChunkedArray y : inputs) {
                        shapes.append(' ').append(Arrays.toString(y.shape()));
                    }
                    throw new IllegalArgumentException("operands could not be broadcast together with shapes"
                            + shapes + "; expected equal extents or 1 on each axis (aligned on the right)");
                }
                if (s[a] != 1) {
                    out[off + a] = s[a];
                }
            }
        }
        return out;
    }

    static ChunkedArray apply(String op, Object params, DType outType, List<ChunkedArray> inputs, ElementKernel kernel) {
        long[] shape = broadcastShape(inputs);
        int rank = shape.length;
        long[][] chunks = new long[rank][];
        for (int a = 0; a < rank; a++) {
            chunks[a] = commonChunks(inputs, shape, a);
        }
        List<ChunkedArray> aligned = new ArrayList<>(inputs.size());
        for (ChunkedArray x : inputs) {
            aligned.add(alignTo(x, shape, chunks));
        }
        ChunkGrid grid = new ChunkGrid(shape, chunks);
        Object[] names = new Object[aligned.size()];
        Graph[] graphs = new Graph[aligned.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = aligned.get(i).name();
            graphs[i] = aligned.get(i).graph();
        }
        String name = Tokens.name(op, params, outType, names);
        int n = aligned.size();
        String[] inNames = new String[n];
        boolean[][] broadcast = new boolean[n][];
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
            ChunkedArray x = aligned.get(i);
            inNames[i] = x.name();
            offsets[i] = rank - x.ndim();
            broadcast[i] = new boolean[x.ndim()];
            for (int a = 0; a < x.ndim(); a++) {
                broadcast[i][a] = x.shape(a) == 1 && shape[offsets[i] + a] != 1;
            }
        }
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> {
            Key[] keys = new Key[n];
            for (int i = 0; i < n; i++) {
                int[] in = new int[broadcast[i].length];
                for (int a = 0; a < in.length; a++) {
                    in[a] = broadcast[i][a] ? 0 : idx[offsets[i] + a];
                }
                keys[i] = Key.of(inNames[i], in);
            }
            return keys;
        }, (args, idx) -> run(args, grid.blockShape(idx), outType, kernel), true, false);
        return new ChunkedArray(Graph.of(layer, graphs), name, grid, outType);
    }

    private static INDArray run(TaskArgs args, long[] blockShape, DType outType, ElementKernel kernel) {
        int n = args.size();
        INDArray[] blocks = new INDArray[n];
        INDArray out = null;
        for (int i = 0; i < n; i++) {
            blocks[i] = (INDArray) args.get(i);
            if (out == null && args.isDonated(i) && blocks[i].dataType() == outType.nd4j()
                    && Arrays.equals(blocks[i].shape(), blockShape) && !blocks[i].isView()) {
                out = (INDArray) args.claim(i);
            }
        }
        if (out == null) {
            out = BlockPool.allocate(outType.nd4j(), blockShape);
        }
        if (out.length() == 0) {
            return out;
        }
        return kernel.apply(blocks, out);
    }

    /**
     * The chunks of output axis {@code a}: the common refinement of the chunks of the inputs whose
     * extent on that axis (aligned on the right) equals {@code shape[a]}; broadcast inputs are
     * ignored. Shared with {@link Concatenate}, which unifies every axis but the joined one.
     */
    static long[] commonChunks(List<ChunkedArray> inputs, long[] shape, int a) {
        if (shape[a] == 1) {
            return new long[] {1};
        }
        List<long[]> chunkings = new ArrayList<>();
        for (ChunkedArray x : inputs) {
            int ax = a - (shape.length - x.ndim());
            if (ax >= 0 && x.shape(ax) == shape[a]) {
                chunkings.add(x.grid().chunks(ax));
            }
        }
        return ChunkAlignment.commonRefinement(shape[a], chunkings);
    }

    private static ChunkedArray alignTo(ChunkedArray x, long[] shape, long[][] chunks) {
        int off = shape.length - x.ndim();
        long[][] want = new long[x.ndim()][];
        for (int a = 0; a < x.ndim(); a++) {
            want[a] = x.shape(a) == shape[off + a] ? chunks[off + a] : null;
        }
        return ChunkAlignment.rechunkAxes(x, want);
    }
}
