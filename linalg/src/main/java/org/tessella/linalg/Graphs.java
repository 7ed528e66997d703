package org.tessella.linalg;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.BlockOps;
import org.tessella.ndarray.ChunkGrid;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Graph plumbing for one-block tasks: a task over the single blocks of some arrays, and arrays that select one
 * component of a {@link Parts} value. Static only.
 */
final class Graphs {
    private Graphs() {
    }

    /** A function of the (single) blocks of some arrays. */
    @FunctionalInterface
    interface DenseBody {
        Object apply(INDArray[] blocks) throws Exception;
    }

    /** A graph node: a layer name in a graph, with one task at index {@code [0, ..., 0]} (rank {@code rank}). */
    record Node(Graph graph, String name, int rank) {
        Key key() {
            return Key.of(name, new int[rank]);
        }
    }

    /** One task over the single blocks of {@code inputs} (each must have exactly one block). */
    static Node task(String op, List<ChunkedArray> inputs, Object params, int rank, DenseBody body) {
        Object[] names = new Object[inputs.size()];
        Graph[] graphs = new Graph[inputs.size()];
        Key[] keys = new Key[inputs.size()];
        for (int i = 0; i < names.length; i++) {
            ChunkedArray x = inputs.get(i);
            if (x.grid().totalBlocks() != 1) {
                throw new IllegalStateException("input " + i + " of " + op + " has " + x.grid().totalBlocks()
                        + " blocks; expected 1 (rechunk first)");
            }
            names[i] = x.name();
            graphs[i] = x.graph();
            keys[i] = x.blockKey(new int[x.ndim()]);
        }
        String name = Tokens.name(op, params, names);
        GridLayer layer = TaskLayer.of(name, ones(rank), idx -> keys, (args, idx) -> {
            INDArray[] blocks = new INDArray[args.size()];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = (INDArray) args.get(i);
            }
            return body.apply(blocks);
        });
        return new Node(Graph.of(layer, graphs), name, rank);
    }

    /**
     * A single-block array of {@code shape} whose block {@code body} computes from the single blocks of
     * {@code inputs}; the body must return a fresh C-order array of that shape and {@code dtype}.
     */
    static ChunkedArray dense(String op, List<ChunkedArray> inputs, Object params, long[] shape, DType dtype,
                              DenseBody body) {
        Node node = task(op, inputs, params, shape.length, body);
        return ChunkedArray.fromGraph(node.graph(), node.name(), ChunkGrid.single(shape), dtype);
    }

    /** The single-block array holding a copy of component {@code component} of the {@link Parts} at {@code node}. */
    static ChunkedArray select(Node node, int component, long[] shape, DType dtype) {
        String name = node.name() + "-" + component;
        Key src = node.key();
        GridLayer layer = TaskLayer.of(name, ones(shape.length), idx -> new Key[] {src},
                (args, idx) -> BlockOps.copy(((Parts) args.get(0)).get(component)));
        return ChunkedArray.fromGraph(Graph.of(layer, node.graph()), name, ChunkGrid.single(shape), dtype);
    }

    /** Per block of {@code x}, a function of the block and the single block of {@code extra}. */
    @FunctionalInterface
    interface PairBody {
        INDArray apply(INDArray block, INDArray extra);
    }

    /**
     * Block i of the result is {@code body(x block inputIndex(i), extra)}: one fresh block per block of the grid.
     * (Used instead of broadcasting against a stacked view, see the design notes.)
     */
    static ChunkedArray blockwise(String op, ChunkedArray x, ChunkedArray extra, ChunkGrid grid, DType dtype,
                                  java.util.function.UnaryOperator<int[]> inputIndex, PairBody body) {
        if (extra.grid().totalBlocks() != 1) {
            throw new IllegalStateException(op + ": extra has " + extra.grid().totalBlocks() + " blocks; expected 1");
        }
        String name = Tokens.name(op, x.name(), extra.name());
        String in = x.name();
        Key e = extra.blockKey(new int[extra.ndim()]);
        GridLayer layer = TaskLayer.of(name, grid.numBlocks(), idx -> new Key[] {Key.of(in, inputIndex.apply(idx)), e},
                (args, idx) -> body.apply((INDArray) args.get(0), (INDArray) args.get(1)));
        return ChunkedArray.fromGraph(Graph.of(layer, x.graph(), extra.graph()), name, grid, dtype);
    }

    static int[] ones(int rank) {
        int[] nb = new int[rank];
        java.util.Arrays.fill(nb, 1);
        return nb;
    }
}
