package org.tessella.ndarray;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.Fill;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Task;

/** Source arrays: blocks made by a {@link BlockSource}, constants, ranges, identity, in-memory data. */
final class Creation {
    private Creation() {
    }

    static long[] checkShape(long[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape is null; expected extents >= 0");
        }
        for (int a = 0; a < shape.length; a++) {
            if (shape[a] < 0) {
                throw new IllegalArgumentException("shape has a negative extent on axis " + a + ": "
                        + Arrays.toString(shape) + "; expected extents >= 0");
            }
        }
        return shape.clone();
    }

    static ChunkedArray fromBlocks(String op, Object token, long[] shape, Chunks chunks, DType dtype, BlockSource source) {
        if (op == null || op.isEmpty() || !op.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("op name is not a plain word: '" + op + "'; expected letters, digits, '_' or '.'");
        }
        if (source == null) {
            throw new IllegalArgumentException("source is null; expected a BlockSource");
        }
        if (dtype == null || chunks == null) {
            throw new IllegalArgumentException("dtype and chunks must not be null; got dtype=" + dtype + ", chunks=" + chunks);
        }
        ChunkGrid grid = chunks.resolve(checkShape(shape), dtype);
        String name = token == null ? Names.unique(op) : Names.of(op, token, shape, dtype, grid.chunks());
        BlockLayer layer = new BlockLayer(name, grid.numBlocks(), idx -> new Key[0], (args, idx) -> {
            long[] bs = grid.blockShape(idx);
            INDArray block = source.load(new BlockInfo(idx, grid.blockOffset(idx), bs));
            Fill.check(block, bs, dtype.nd4j(), "source of " + name + " for block " + Arrays.toString(idx));
            return block;
        }, true, false);
        return new ChunkedArray(Graph.of(layer), name, grid, dtype);
    }

    static ChunkedArray full(long[] shape, double value, DType dtype, Chunks chunks) {
        ChunkGrid grid = chunks.resolve(checkShape(shape), dtype);
        String name = Names.of("full", shape, value, dtype, grid.chunks());
        BlockLayer layer = new BlockLayer(name, grid.numBlocks(), idx -> new Key[0],
                (args, idx) -> Fill.constant(dtype.nd4j(), grid.blockShape(idx), value), true, false);
        return new ChunkedArray(Graph.of(layer), name, grid, dtype);
    }

    static ChunkedArray arange(double start, double stop, double step, DType dtype, Chunks chunks) {
        if (!(step != 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("step is zero or not finite: " + step + "; expected a finite non-zero step");
        }
        if (!Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("start and stop must be finite; got start=" + start + ", stop=" + stop);
        }
        long n = Math.max(0, (long) Math.ceil((stop - start) / step));
        ChunkGrid grid = chunks.resolve(new long[] {n}, dtype);
        String name = Names.of("arange", start, stop, step, dtype, grid.chunks());
        BlockLayer layer = new BlockLayer(name, grid.numBlocks(), idx -> new Key[0],
                (args, idx) -> Fill.range(dtype.nd4j(), grid.offset(0, idx[0]), grid.chunk(0, idx[0]), start, step),
                true, false);
        return new ChunkedArray(Graph.of(layer), name, grid, dtype);
    }

    static ChunkedArray linspace(double start, double stop, long num, boolean endpoint, DType dtype, Chunks chunks) {
        if (num < 0) {
            throw new IllegalArgumentException("num is negative: " + num + "; expected num >= 0");
        }
        long div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        ChunkGrid grid = chunks.resolve(new long[] {num}, dtype);
        String name = Names.of("linspace", start, stop, num, endpoint, dtype, grid.chunks());
        BlockLayer layer = new BlockLayer(name, grid.numBlocks(), idx -> new Key[0], (args, idx) -> {
            long off = grid.offset(0, idx[0]);
            long len = grid.chunk(0, idx[0]);
            INDArray out = Fill.range(dtype.nd4j(), off, len, start, step);
            if (endpoint && num > 1 && off + len == num) {
                out.putScalar(len - 1, stop);
            }
            return out;
        }, true, false);
        return new ChunkedArray(Graph.of(layer), name, grid, dtype);
    }

    static ChunkedArray eye(long rows, long cols, long k, DType dtype, Chunks chunks) {
        ChunkGrid grid = chunks.resolve(checkShape(new long[] {rows, cols}), dtype);
        String name = Names.of("eye", rows, cols, k, dtype, grid.chunks());
        BlockLayer layer = new BlockLayer(name, grid.numBlocks(), idx -> new Key[0],
                (args, idx) -> Fill.eye(dtype.nd4j(), grid.offset(0, idx[0]), grid.offset(1, idx[1]),
                        grid.chunk(0, idx[0]), grid.chunk(1, idx[1]), k), true, false);
        return new ChunkedArray(Graph.of(layer), name, grid, dtype);
    }

    /**
     * Wraps an in-memory array without copying it: blocks are views of it. The array must not be
     * changed while arrays built on it are in use.
     */
    static ChunkedArray fromArray(INDArray data, Chunks chunks) {
        if (data == null) {
            throw new IllegalArgumentException("array is null; expected an INDArray");
        }
        DType dtype = DType.of(data.dataType());
        long[] shape = data.shape();
        ChunkGrid grid = chunks.resolve(shape, dtype);
        String dataName = Names.unique("array-data");
        Key dataKey = Key.of(dataName);
        Graph dataGraph = Graph.of(new Evaluation.DataLayer(dataName, List.of(Task.data(dataKey, data))));
        String name = Names.of("array", dataName, grid.chunks());
        BlockLayer layer = new BlockLayer(name, grid.numBlocks(), idx -> new Key[] {dataKey},
                (args, idx) -> Regions.view((INDArray) args.get(0), grid.blockOffset(idx), grid.blockShape(idx)),
                false, true);
        return new ChunkedArray(Graph.of(layer, dataGraph), name, grid, dtype);
    }
}
