package org.tessella.ndarray;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.Fill;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Task;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

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

    /** Rejects a null dtype or chunks, the arguments every creation function takes. */
    static ChunkGrid grid(long[] shape, DType dtype, Chunks chunks) {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype is null; expected one of " + DType.names());
        }
        if (chunks == null) {
            throw new IllegalArgumentException("chunks is null; expected a Chunks (Chunks.auto() if unsure)");
        }
        return chunks.resolve(checkShape(shape), dtype);
    }

    static ChunkedArray fromBlocks(String op, Object token, long[] shape, Chunks chunks, DType dtype, BlockSource source) {
        if (op == null || op.isEmpty() || !op.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalArgumentException("op name is not a plain word: '" + op + "'; expected letters, digits, '_' or '.'");
        }
        if (source == null) {
            throw new IllegalArgumentException("source is null; expected a BlockSource");
        }
        ChunkGrid grid = grid(shape, dtype, chunks);
        String name = token == null ? Tokens.unique(op) : Tokens.name(op, token, shape, dtype, grid.chunks());
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[0], (args, idx) -> {
            long[] bs = grid.blockShape(idx);
            INDArray block = source.load(new BlockInfo(idx, grid.blockOffset(idx), bs));
            Fill.check(block, bs, dtype.nd4j(), "source of " + name + " for block " + Arrays.toString(idx));
            return block;
        }, true, false);
        return new ChunkedArray(Graph.of(layer), name, grid, dtype);
    }

    static ChunkedArray full(long[] shape, double value, DType dtype, Chunks chunks) {
        ChunkGrid grid = grid(shape, dtype, chunks);
        double whole = value < 0 ? Math.ceil(value) : Math.floor(value);
        if (dtype.isInteger() && !(Double.isFinite(value) && dtype.holdsInteger(whole))) {
            throw new IllegalArgumentException("value is out of range for " + dtype.numpyName() + ": " + value
                    + "; expected a finite number within " + dtype.integerRange() + " (NumPy raises too)");
        }
        String name = Tokens.name("full", shape, value, dtype, grid.chunks());
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[0],
                (args, idx) -> Fill.constant(dtype.nd4j(), grid.blockShape(idx), value), true, false);
        return new ChunkedArray(Graph.of(layer), name, grid, dtype);
    }

    static ChunkedArray arange(double start, double stop, double step, DType dtype, Chunks chunks) {
        if (!(step != 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("step is zero or not finite: " + step + "; expected a finite non-zero step");
        }
        if (!Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("start and stop are not both finite: start=" + start + ", stop=" + stop
                    + "; expected finite bounds");
        }
        long n = Math.max(0, (long) Math.ceil((stop - start) / step));
        ChunkGrid grid = grid(new long[] {n}, dtype, chunks);
        String name = Tokens.name("arange", start, stop, step, dtype, grid.chunks());
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[0],
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
        ChunkGrid grid = grid(new long[] {num}, dtype, chunks);
        String name = Tokens.name("linspace", start, stop, num, endpoint, dtype, grid.chunks());
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[0], (args, idx) -> {
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
        ChunkGrid grid = grid(new long[] {rows, cols}, dtype, chunks);
        String name = Tokens.name("eye", rows, cols, k, dtype, grid.chunks());
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[0],
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
        ChunkGrid grid = grid(shape, dtype, chunks);
        String dataName = Tokens.unique("array-data");
        Key dataKey = Key.of(dataName);
        Graph dataGraph = Graph.of(new Evaluation.DataLayer(dataName, List.of(Task.data(dataKey, data))));
        String name = Tokens.name("array", dataName, grid.chunks());
        GridLayer layer = new GridLayer(name, grid.numBlocks(), idx -> new Key[] {dataKey},
                (args, idx) -> Regions.view((INDArray) args.get(0), grid.blockOffset(idx), grid.blockShape(idx)),
                false, true);
        return new ChunkedArray(Graph.of(layer, dataGraph), name, grid, dtype);
    }
}
