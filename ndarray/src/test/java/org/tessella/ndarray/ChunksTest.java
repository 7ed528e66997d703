package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunk specifications and grids: auto chunks stay within the budget, grids translate consistently. */
class ChunksTest {
    /** Seeded random shapes of 0 to 4 axes and budgets from 8 bytes to 128 MiB. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void autoChunksAddUpAndStayWithinTheBudget(long seed) {
        Random r = new Random(seed);
        long[] budgets = {8, 1000, 1 << 20, Chunks.DEFAULT_BYTES};
        for (int trial = 0; trial < 200; trial++) {
            int ndim = r.nextInt(5);
            long[] shape = new long[ndim];
            for (int a = 0; a < ndim; a++) {
                int kind = r.nextInt(6);
                shape[a] = kind == 0 ? 0 : kind == 1 ? 1 : kind == 2 ? 1 + r.nextInt(10) : 1 + r.nextInt(kind == 5 ? 200_000 : 3000);
            }
            DType d = DType.values()[r.nextInt(DType.values().length)];
            long budget = budgets[r.nextInt(budgets.length)];
            ChunkGrid g = Chunks.bytes(budget).resolve(shape, d);
            assertArrayEquals(shape, g.shape());
            long blockElems = 1;
            for (int a = 0; a < ndim; a++) {
                long sum = 0;
                long first = g.chunk(a, 0);
                for (long c : g.chunks(a)) {
                    sum += c;
                    assertTrue(c <= first, "chunks along an axis are equal but for the last");
                }
                assertEquals(shape[a], sum);
                blockElems *= first;
            }
            if (budget >= d.itemSize()) {
                assertTrue(blockElems * d.itemSize() <= budget, java.util.Arrays.toString(shape) + " " + d + " by "
                        + budget + " bytes gave " + java.util.Arrays.deepToString(g.chunks()));
            }
        }
    }

    @Test
    void gridTranslatesBetweenIndicesOffsetsAndPositions() {
        ChunkGrid g = new ChunkGrid(new long[] {10, 13, 0}, new long[][] {{3, 7}, {1, 11, 1}, {0}});
        assertArrayEquals(new int[] {2, 3, 1}, g.numBlocks());
        assertEquals(6, g.totalBlocks());
        assertEquals(0, g.size());
        assertArrayEquals(new long[] {3, 12, 0}, g.blockOffset(new int[] {1, 2, 0}));
        assertArrayEquals(new long[] {7, 1, 0}, g.blockShape(new int[] {1, 2, 0}));
        for (long p = 0; p < 13; p++) {
            int b = g.blockOf(1, p);
            assertTrue(g.offset(1, b) <= p && p < g.offset(1, b) + g.chunk(1, b), "position " + p + " in block " + b);
        }
        assertEquals(0, g.blockOf(2, 0));
        for (long f = 0; f < g.totalBlocks(); f++) {
            int[] idx = g.unravel(f);
            assertEquals(f, (idx[0] * 3L + idx[1]) * 1 + idx[2]);
        }
        assertEquals(g, Chunks.explicit(new long[] {3, 7}, new long[] {1, 11, 1}, new long[] {0})
                .resolve(new long[] {10, 13, 0}, DType.INT32));
        assertEquals(ChunkGrid.regular(new long[] {10, 13}, new long[] {4, 5}),
                Chunks.of(4, 5).resolve(new long[] {10, 13}, DType.FLOAT64));
        assertEquals(ChunkGrid.single(new long[] {10, 13}), Chunks.of(-1, -1).resolve(new long[] {10, 13}, DType.BOOL));
        assertEquals(ChunkGrid.single(new long[] {0, 3}), Chunks.of(-1, -1).resolve(new long[] {0, 3}, DType.BOOL));
    }

    @Test
    void arrayAccessorsDescribeTheArrayAndReturnCopies() {
        ChunkedArray x = ChunkedArray.zeros(new long[] {10, 13}, DType.INT16, Chunks.of(4, 5));
        assertArrayEquals(new long[] {10, 13}, x.shape());
        assertEquals(13, x.shape(-1));
        assertEquals(10, x.shape(0));
        assertEquals(2, x.ndim());
        assertEquals(130, x.size());
        assertEquals(DType.INT16, x.dtype());
        assertArrayEquals(new int[] {3, 3}, x.numBlocks());
        assertArrayEquals(new long[][] {{4, 4, 2}, {5, 5, 3}}, x.chunks());
        x.shape()[0] = 99;
        x.chunks()[0][0] = 99;
        x.numBlocks()[0] = 99;
        assertArrayEquals(new long[] {10, 13}, x.shape());
        assertArrayEquals(new long[][] {{4, 4, 2}, {5, 5, 3}}, x.chunks());
        assertArrayEquals(new int[] {3, 3}, x.numBlocks());
        assertTrue(x.toString().contains("[10, 13]") && x.toString().contains("int16")
                && x.toString().contains(x.name()), x.toString());
        ChunkedArray s = ChunkedArray.zeros(new long[0], DType.BOOL, Chunks.of());
        assertEquals(0, s.ndim());
        assertEquals(1, s.size());
        assertEquals(1, s.grid().totalBlocks());
    }

    @Test
    void blocksAllocateAndRelease() {
        org.nd4j.linalg.api.ndarray.INDArray b = Blocks.allocate(DType.UINT16, 3, 4);
        assertArrayEquals(new long[] {3, 4}, b.shape());
        assertEquals(DType.UINT16.nd4j(), b.dataType());
        assertEquals('c', b.ordering());
        b.assign(7);
        Blocks.release(b);
        org.nd4j.linalg.api.ndarray.INDArray e = Blocks.allocate(DType.FLOAT64, 0, 5);
        assertArrayEquals(new long[] {0, 5}, e.shape());
        Blocks.release(e); // empty: ignored
        org.nd4j.linalg.api.ndarray.INDArray parent = Blocks.allocate(DType.FLOAT64, 4, 4);
        parent.assign(1);
        org.nd4j.linalg.api.ndarray.INDArray row = org.tessella.ndarray.kernel.Regions.view(parent, new long[] {1, 0},
                new long[] {1, 4});
        Blocks.release(row); // a view owns nothing: ignored, the parent stays intact
        assertEquals(16.0, parent.sumNumber().doubleValue());
    }

    @Test
    void gridsAreValuesThatCopyOnTheWayInAndOut() {
        long[] shape = {4, 6};
        long[][] chunks = {{2, 2}, {3, 3}};
        ChunkGrid g = new ChunkGrid(shape, chunks);
        shape[0] = 99;
        chunks[0][0] = 99;
        g.shape()[1] = 99;
        g.chunks()[1][0] = 99;
        g.chunks(0)[0] = 99;
        assertArrayEquals(new long[] {4, 6}, g.shape());
        assertArrayEquals(new long[][] {{2, 2}, {3, 3}}, g.chunks());
        BlockInfo info = new BlockInfo(new int[] {1}, new long[] {2}, new long[] {3});
        info.index()[0] = 9;
        info.shape()[0] = 9;
        assertArrayEquals(new int[] {1}, info.index());
        assertArrayEquals(new long[] {3}, info.shape());
        // a value: equal contents are equal, and it prints its contents
        assertEquals(info, new BlockInfo(new int[] {1}, new long[] {2}, new long[] {3}));
        assertEquals(info.hashCode(), new BlockInfo(new int[] {1}, new long[] {2}, new long[] {3}).hashCode());
        assertTrue(info.toString().contains("[1]") && info.toString().contains("[3]"), info.toString());
    }
}
