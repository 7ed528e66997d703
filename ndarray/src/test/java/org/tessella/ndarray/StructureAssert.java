package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;

/**
 * Test helpers for the structural operations: compute every block of an array through the
 * scheduler and check each has exactly the shape and dtype its grid declares (as dask's
 * {@code assert_eq} does), and compare arrays element by element with a dense reference.
 */
final class StructureAssert {
    /** Two daemon workers, shared by the structure tests (the machine has two cores). */
    static final Scheduler THREADED = Schedulers.threaded(2);

    private StructureAssert() {
    }

    /**
     * Computes every block of {@code x} with {@code scheduler}, checks each block's shape and data
     * type against the grid, and assembles them into a dense C-order array.
     */
    static INDArray computeBlocks(ChunkedArray x, Scheduler scheduler) {
        ChunkGrid grid = x.grid();
        List<Key> keys = x.blockKeys();
        assertEquals(grid.totalBlocks(), keys.size(), "number of block keys of " + x);
        Scheduler.Result r = scheduler.compute(x.graph(), keys);
        INDArray out = Nd4j.create(x.dtype().nd4j(), x.shape());
        for (int i = 0; i < keys.size(); i++) {
            int[] idx = keys.get(i).index();
            INDArray block = (INDArray) r.value(i);
            long[] declared = grid.blockShape(idx);
            assertArrayEquals(declared, block.shape(), "shape of block " + keys.get(i) + " of " + x);
            assertEquals(x.dtype().nd4j(), block.dataType(), "data type of block " + keys.get(i));
            if (block.length() > 0) {
                if (x.ndim() == 0) {
                    out.assign(block);
                } else {
                    Regions.view(out, grid.blockOffset(idx), declared).assign(block);
                }
            }
        }
        return out;
    }

    /**
     * Checks {@code x} against {@code expected}: shape, dtype, every block's shape (synchronous
     * scheduler) and the values both from the blocks and from {@code compute()} (threaded, fused).
     */
    static void assertStructure(INDArray expected, ChunkedArray x) {
        assertArrayEquals(expected.shape(), x.shape(), "shape of " + x);
        assertEquals(expected.dataType(), x.dtype().nd4j(), "dtype of " + x);
        long[][] chunks = x.chunks();
        for (int a = 0; a < chunks.length; a++) {
            assertEquals(x.shape(a), Arrays.stream(chunks[a]).sum(), "chunks of axis " + a + " of " + x);
        }
        assertSameValues(expected, computeBlocks(x, Schedulers.synchronous()), "blocks of " + x);
        assertSameValues(expected, x.compute(THREADED), "compute() of " + x);
    }

    /** Exact equality of shape, data type and every element (read through each array's own strides). */
    static void assertSameValues(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape of " + what);
        assertEquals(expected.dataType(), actual.dataType(), "data type of " + what);
        long n = expected.length();
        if (expected.rank() == 0) {
            assertEquals(expected.getDouble(0), actual.getDouble(0), 0.0, "value of " + what);
            return;
        }
        long[] shape = expected.shape();
        long[] idx = new long[shape.length];
        for (long f = 0; f < n; f++) {
            long rest = f;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx[a] = rest % shape[a];
                rest /= shape[a];
            }
            double e = expected.getDouble(idx);
            double g = actual.getDouble(idx);
            if (Double.compare(e, g) != 0) {
                fail(what + ": element " + Arrays.toString(idx) + " is " + g + "; expected " + e);
            }
        }
    }

    /**
     * Shapes from 1-D to 4-D with their chunks: ragged last chunks, one-element chunks, a single
     * chunk, zero-length axes; each with view blocks (fromArray) and owned blocks (fromBlocks).
     */
    static Stream<Arguments> geometries() {
        long[][][] cases = {
            {{10}, {3}},
            {{7}, {1}},
            {{5}, {5}},
            {{0}, {2}},
            {{10, 13}, {4, 5}},
            {{6, 1}, {1, 1}},
            {{4, 0}, {3, 1}},
            {{1, 7}, {1, 7}},
            {{3, 4, 5}, {2, 3, 2}},
            {{5, 2, 3}, {1, 1, 1}},
            {{2, 3, 4, 5}, {1, 2, 3, 5}},
            {{3, 1, 2, 4}, {3, 1, 2, 4}},
            {{2, 0, 3, 2}, {1, 1, 2, 2}},
        };
        Stream.Builder<Arguments> b = Stream.builder();
        for (long[][] c : cases) {
            b.add(Arguments.of(c[0], c[1], false));
            b.add(Arguments.of(c[0], c[1], true));
        }
        return b.build();
    }

    /** A dense, C-order, non-view array of {@code shape} holding 0, 1, 2, ... as {@code type}. */
    static INDArray dense(DataType type, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        INDArray d = Nd4j.create(type, shape);
        if (n == 0) {
            return d;
        }
        INDArray flat = Nd4j.create(DataType.DOUBLE, n);
        for (long i = 0; i < n; i++) {
            // bool 0/1; int8 -128..127 (negatives); uint32 above 2^31; the rest 0..29999
            flat.putScalar(i, type == DataType.BOOL ? i % 3 == 0 ? 1 : 0
                    : type == DataType.BYTE ? i % 256 - 128
                    : type == DataType.UINT32 ? 4294967295.0 - i % 30000 : i % 30000);
        }
        d.assign(flat.reshape('c', shape));
        return d;
    }

    /**
     * {@code d} cut into {@code chunks}: views of it ({@code fromArray}) or, when {@code owned}, blocks
     * a source copies into pooled memory (the scheduler then owns and recycles them).
     */
    static ChunkedArray chunked(INDArray d, long[] chunks, boolean owned) {
        if (!owned) {
            return ChunkedArray.fromArray(d, Chunks.of(chunks));
        }
        DType dtype = DType.of(d.dataType());
        return ChunkedArray.fromBlocks("test", null, d.shape(), Chunks.of(chunks), dtype, info -> {
            INDArray b = Blocks.allocate(dtype, info.shape());
            if (b.length() > 0) {
                b.assign(Regions.view(d, info.offset(), info.shape()));
            }
            return b;
        });
    }
}
