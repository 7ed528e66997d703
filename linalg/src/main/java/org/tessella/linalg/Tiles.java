package org.tessella.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.tessella.linalg.kernel.TileKernels;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.Task;
import org.tessella.scheduler.TaskArgs;
import org.tessella.scheduler.ValueHandler;

/**
 * Tiling decisions and graph plumbing shared by the blocked solvers ({@link BlockedCholesky},
 * {@link BlockedTriangular}, {@link BlockedLu}). Static only.
 *
 * <h2>Single block or tiles</h2>
 * A matrix of at most {@link #SINGLE_BLOCK_MAX_BYTES} runs as one dense task, as before; above it, as a tiled
 * graph. See the constant for the measurement behind the value.
 *
 * <h2>The tile</h2>
 * The tiled algorithms need square tiles (row and column chunks equal), which the input rarely has. The tile side
 * keeps the elements per block of the input's largest block (its side c when that block is square, else
 * {@code round(sqrt(rows · cols))}), so the user's chunk size stays the unit of memory, within
 * [{@link #MIN_TILE}, {@code sqrt(MAX_TILE_BYTES / itemsize)}]: a larger c is split into equal tiles
 * ({@code ceil(c / ceil(c / max))}: 2500 becomes 1250), a smaller one merged ({@code c · ceil(MIN_TILE / c)}: 100
 * becomes 600), so that for regular chunks each tile comes from whole input blocks or from one block, and the
 * rechunk to t x t (a no-op when the input already has it) never assembles a tile from pieces of four blocks. An
 * update task holds four tiles (three operands and the one it writes), hence the cap {@link #MAX_TILE_BYTES} of a
 * quarter of the block budget.
 */
final class Tiles {
    /**
     * Square matrices of at most this many bytes (and LU inputs of at most this many) use the single-block kernel:
     * 16 MiB, n &lt;= 1448 in float64, 2048 in float32. Under the default scheduler (one worker per core) a lone
     * LAPACKE call runs on one BLAS thread, while the tiles keep every worker busy; the tiles also pay for a rechunk,
     * copies into writable blocks and about T³/6 scheduled tasks. Measured once each on the shared 2-core machine
     * (load average 6-7, float64, Cholesky / LU solve, single vs tiled): n = 1000 in 500² tiles 0.067 / 0.108 s vs
     * 0.117 / 0.139 s (single ahead); n = 1500 in 750² tiles 0.123 / 0.245 s vs 0.107 / 0.237 s (even); n = 2000 in
     * 1000² tiles 0.287 / 0.458 s vs 0.228 / 0.526 s (even). So the crossover lies between 1000 and 1500; with
     * a free second core the tiles gain more above it. Details in docs/design-notes.md, linalg, "Blocked solvers".
     */
    static final long SINGLE_BLOCK_MAX_BYTES = 16L << 20;

    /**
     * The smallest tile the automatic choice makes (512: 2 MiB in float64): a 512³ gemm is about 7 ms, so the
     * per-task overhead (tens of µs) stays under 1%, and an input chunked finely does not explode into millions of
     * tasks (the Cholesky graph has about T³/6 tasks for T tiles per side).
     */
    static final long MIN_TILE = 512;

    /** The largest tile the automatic choice makes: a quarter of the block budget (2048 x 2048 float64). */
    static final long MAX_TILE_BYTES = Linalg.BLOCK_BUDGET_BYTES / 4;

    private static volatile boolean registered;

    private Tiles() {
    }

    /** True when an m x n matrix of this item size runs as one dense task. */
    static boolean singleBlock(long m, long n, int itemSize) {
        return m == 0 || n == 0 || (double) m * n * itemSize <= SINGLE_BLOCK_MAX_BYTES;
    }

    /** The automatic tile side for a matrix (see the class comment). */
    static long tile(ChunkedArray x) {
        long rows = maxChunk(x.chunks()[0]);
        long cols = maxChunk(x.chunks()[1]);
        long c = rows == cols ? rows : Math.round(Math.sqrt((double) rows * cols));
        long max = (long) Math.floor(Math.sqrt((double) MAX_TILE_BYTES / x.dtype().itemSize()));
        long t;
        if (c > max) {
            t = ceilDiv(c, ceilDiv(c, max)); // each input chunk splits into equal tiles
        } else if (c < MIN_TILE) {
            t = c * ceilDiv(MIN_TILE, c); // each tile merges whole input chunks
        } else {
            t = c;
        }
        return Math.max(1, Math.min(t, Math.max(x.shape(0), x.shape(1))));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static long maxChunk(long[] chunks) {
        long max = 0;
        for (long c : chunks) {
            max = Math.max(max, c);
        }
        return max;
    }

    /** {@code extent} cut into chunks of {@code tile}, the last one ragged (one chunk of 0 for an empty extent). */
    static long[] split(long extent, long tile) {
        if (extent == 0) {
            return new long[] {0};
        }
        int count = (int) ((extent + tile - 1) / tile);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.min(tile, extent - i * tile);
        }
        return out;
    }

    static long[] offsets(long[] chunks) {
        long[] off = new long[chunks.length + 1];
        for (int i = 0; i < chunks.length; i++) {
            off[i + 1] = off[i] + chunks[i];
        }
        return off;
    }

    /** {@code x} rechunked to {@code rows} x {@code cols} (a no-op when it already has them). */
    static ChunkedArray rechunk(ChunkedArray x, long[] rows, long[] cols) {
        if (java.util.Arrays.equals(x.chunks()[0], rows) && java.util.Arrays.equals(x.chunks()[1], cols)) {
            return x;
        }
        return x.rechunk(Chunks.explicit(rows, cols));
    }

    /**
     * The block at argument {@code i}, writable by the task: claimed when the scheduler donates it (the task is its
     * last user), else a copy.
     */
    static org.nd4j.linalg.api.ndarray.INDArray owned(TaskArgs args, int i) {
        Object v = args.get(i);
        org.nd4j.linalg.api.ndarray.INDArray a = (org.nd4j.linalg.api.ndarray.INDArray) v;
        if (args.isDonated(i) && TileKernels.isWritable(a)) {
            return (org.nd4j.linalg.api.ndarray.INDArray) args.claim(i);
        }
        return TileKernels.copy(a);
    }

    /**
     * A layer of linalg tasks over a box of indices of which only those {@code valid} accepts are tasks (the
     * triangle of a tiled factorization, the versions of a tile that exist): the box is the {@link GridLayer}'s,
     * and {@link #keys()} lists only valid indices.
     */
    static Layer partial(String name, int[] box, Predicate<int[]> valid, Function<int[], Key[]> args,
                         GridLayer.Body body) {
        GridLayer grid = TaskLayer.of(name, box, args, body);
        return new Layer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Task task(int[] index) {
                return valid.test(index) ? grid.task(index) : null;
            }

            @Override
            public List<Key> keys() {
                List<Key> keys = new ArrayList<>();
                for (Key k : grid.keys()) {
                    if (valid.test(k.index())) {
                        keys.add(k);
                    }
                }
                return keys;
            }
        };
    }

    /** Registers the value handler of {@link TileKernels.Panel} (its column-major panel is a pooled block). */
    static void register() {
        if (registered) {
            return;
        }
        synchronized (Tiles.class) {
            if (!registered) {
                Schedulers.registerValueHandler(TileKernels.Panel.class, new ValueHandler() {
                    @Override
                    public long sizeOf(Object value) {
                        return BlockPool.sizeOf(((TileKernels.Panel) value).data());
                    }

                    @Override
                    public void release(Object value) {
                        Blocks.release(((TileKernels.Panel) value).data());
                    }
                });
                registered = true;
            }
        }
    }
}
