package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.ndarray.kernel.Structure;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Joining arrays along an axis ({@code concatenate}) or along a new one ({@code stack}).
 *
 * <p>Inputs of different dtypes are converted to the promoted dtype first ({@code astype}), and
 * inputs whose chunks differ on the other axes are rechunked to the common refinement of their
 * boundaries (the helper {@link Blockwise} uses for elementwise operations). Then the output's
 * blocks along the axis are the inputs' blocks, in order: each output task is an alias that
 * returns its input block unchanged ({@code aliasesInputs}, no copy, fusible into its consumer).
 * Inputs of length 0 on the axis contribute no block. {@code stack} gives each input a new
 * length-1 axis (a view per block) and concatenates along it.
 */
final class Concatenate {
    private Concatenate() {
    }

    static ChunkedArray concatenate(List<ChunkedArray> arrays, int axis) {
        List<ChunkedArray> xs = checkArrays(arrays);
        int ndim = xs.get(0).ndim();
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).ndim() == 0) {
                throw new IllegalArgumentException("arrays[" + i + "] is 0-dimensional: shape []"
                        + "; expected arrays of at least one dimension (stack joins 0-d arrays)");
            }
            if (xs.get(i).ndim() != ndim) {
                throw new IllegalArgumentException("arrays have different numbers of dimensions: shapes "
                        + shapes(xs) + "; expected " + ndim + " dimensions in every array, like arrays[0]");
            }
        }
        int ax = ChunkedArray.normalizeAxis(axis, ndim, "axis");
        long[] shape = xs.get(0).shape();
        shape[ax] = 0;
        for (ChunkedArray x : xs) {
            for (int a = 0; a < ndim; a++) {
                if (a != ax && x.shape(a) != shape[a]) {
                    throw new IllegalArgumentException("array shapes do not match except on axis " + ax + ": "
                            + shapes(xs) + "; expected equal extents on every other axis");
                }
            }
            shape[ax] += x.shape(ax);
        }
        return join("concatenate", xs, ax, shape);
    }

    static ChunkedArray stack(List<ChunkedArray> arrays, int axis) {
        List<ChunkedArray> xs = checkArrays(arrays);
        long[] first = xs.get(0).shape();
        for (ChunkedArray x : xs) {
            if (!Arrays.equals(x.shape(), first)) {
                throw new IllegalArgumentException("array shapes differ: " + shapes(xs)
                        + "; expected every array to have the same shape to stack");
            }
        }
        int ax = ChunkedArray.normalizeAxis(axis, first.length + 1, "axis");
        List<ChunkedArray> expanded = new ArrayList<>(xs.size());
        for (ChunkedArray x : xs) {
            expanded.add(expandDims(x, ax));
        }
        long[] shape = expanded.get(0).shape();
        shape[ax] = xs.size();
        return join("stack", expanded, ax, shape);
    }

    /** {@code x} with a new axis of length 1 (one chunk) at position {@code ax}: a view per block. */
    static ChunkedArray expandDims(ChunkedArray x, int ax) {
        ChunkGrid src = x.grid();
        int rank = src.ndim() + 1;
        long[] shape = new long[rank];
        long[][] chunks = new long[rank][];
        for (int a = 0, j = 0; a < rank; a++) {
            if (a == ax) {
                shape[a] = 1;
                chunks[a] = new long[] {1};
            } else {
                shape[a] = src.shape(j);
                chunks[a] = src.chunks(j);
                j++;
            }
        }
        ChunkGrid grid = new ChunkGrid(shape, chunks);
        String name = Tokens.name("expand_dims", x.name(), ax);
        String in = x.name();
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> {
            int[] inIdx = new int[rank - 1];
            for (int a = 0, j = 0; a < rank; a++) {
                if (a != ax) {
                    inIdx[j++] = idx[a];
                }
            }
            return new Key[] {Key.of(in, inIdx)};
        }, (args, idx) -> Structure.expandDims((INDArray) args.get(0), ax), true, true);
        return new ChunkedArray(Graph.of(layer, x.graph()), name, grid, x.dtype());
    }

    /** Joins arrays (same rank, equal extents off {@code ax}) whose extents along {@code ax} add up to shape. */
    private static ChunkedArray join(String op, List<ChunkedArray> xs, int ax, long[] shape) {
        DType dtype = xs.get(0).dtype();
        for (ChunkedArray x : xs) {
            dtype = DType.promote(dtype, x.dtype());
        }
        int rank = shape.length;
        long[][] chunks = new long[rank][];
        for (int a = 0; a < rank; a++) {
            if (a != ax) {
                chunks[a] = Blockwise.commonChunks(xs, shape, a);
            }
        }
        List<ChunkedArray> aligned = new ArrayList<>(xs.size());
        List<Long> axisChunks = new ArrayList<>();
        List<int[]> source = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            ChunkedArray x = xs.get(i).astype(dtype);
            long[][] want = new long[rank][];
            for (int a = 0; a < rank; a++) {
                want[a] = a == ax ? x.grid().chunks(a) : chunks[a];
            }
            x = Rechunk.rechunk(x, new ChunkGrid(x.shape(), want));
            aligned.add(x);
            if (x.shape(ax) > 0) {
                for (int b = 0; b < x.grid().numBlocks(ax); b++) {
                    axisChunks.add(x.grid().chunk(ax, b));
                    source.add(new int[] {i, b});
                }
            }
        }
        if (aligned.size() == 1) {
            return aligned.get(0);
        }
        chunks[ax] = axisChunks.isEmpty() ? new long[] {0} : axisChunks.stream().mapToLong(Long::longValue).toArray();
        ChunkGrid grid = new ChunkGrid(shape, chunks);
        Object[] names = new Object[aligned.size()];
        Graph[] graphs = new Graph[aligned.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = aligned.get(i).name();
            graphs[i] = aligned.get(i).graph();
        }
        String name = Tokens.name(op, ax, names);
        DType outType = dtype;
        if (grid.size() == 0) {
            GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[0],
                    (args, idx) -> BlockPool.allocate(outType.nd4j(), grid.blockShape(idx)), true, false);
            return new ChunkedArray(Graph.of(layer), name, grid, outType);
        }
        String[] inNames = new String[aligned.size()];
        for (int i = 0; i < inNames.length; i++) {
            inNames[i] = aligned.get(i).name();
        }
        int[][] src = source.toArray(new int[0][]);
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> {
            int[] s = src[idx[ax]];
            int[] inIdx = idx.clone();
            inIdx[ax] = s[1];
            return new Key[] {Key.of(inNames[s[0]], inIdx)};
        }, (args, idx) -> args.get(0), true, true);
        return new ChunkedArray(Graph.of(layer, graphs), name, grid, outType);
    }

    private static List<ChunkedArray> checkArrays(List<ChunkedArray> arrays) {
        if (arrays == null || arrays.isEmpty()) {
            throw new IllegalArgumentException("arrays is " + (arrays == null ? "null" : "empty: []")
                    + "; expected at least one array");
        }
        for (int i = 0; i < arrays.size(); i++) {
            ChunkedArray.requireNonNull(arrays.get(i), "arrays[" + i + "]");
        }
        return List.copyOf(arrays);
    }

    private static String shapes(List<ChunkedArray> xs) {
        StringBuilder sb = new StringBuilder();
        for (ChunkedArray x : xs) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Arrays.toString(x.shape()));
        }
        return sb.toString();
    }
}
