package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockShapesTest {
    static final long MIB = 1 << 20;

    @Test
    void climateCubeGrowsByWholeChunks() {
        // 8760 hourly fields of 721 x 1440 float32, h5py-style chunks of 1 x 90 x 180 (64 KiB).
        long[] block = BlockShapes.aligned(new long[] {8760, 721, 1440}, new long[] {1, 90, 180}, 4, 128 * MIB);
        assertMultiples(block, new long[] {1, 90, 180}, new long[] {8760, 721, 1440});
        long bytes = Regions.size(block) * 4;
        assertTrue(bytes <= 128 * MIB && bytes > 64 * MIB, Arrays.toString(block) + " = " + bytes);
    }

    @Test
    void chunkLargerThanTheBudgetStaysOneBlock() {
        assertArrayEquals(new long[] {1000, 1000}, BlockShapes.aligned(new long[] {5000, 1000}, new long[] {1000, 1000}, 8, MIB));
    }

    @Test
    void smallDatasetIsOneBlockAndChunksAreClipped() {
        assertArrayEquals(new long[] {7, 5, 3}, BlockShapes.aligned(new long[] {7, 5, 3}, new long[] {3, 2, 2}, 8, 128 * MIB));
        assertArrayEquals(new long[] {10}, BlockShapes.aligned(new long[] {10}, new long[] {64}, 8, 128 * MIB));
    }

    @Test
    void contiguousDatasetsTakeWholeTrailingAxes() {
        assertArrayEquals(new long[] {1024, 1024}, BlockShapes.aligned(new long[] {100_000, 1024}, new long[0], 8, 8 * MIB));
        assertArrayEquals(new long[] {1, 2, 1000}, BlockShapes.aligned(new long[] {5, 10, 1000}, new long[0], 8, 16_000));
        assertArrayEquals(new long[] {1, 1, 125}, BlockShapes.aligned(new long[] {5, 10, 1000}, new long[0], 8, 1000));
        assertArrayEquals(new long[] {5, 10, 1000}, BlockShapes.aligned(new long[] {5, 10, 1000}, new long[0], 8, 128 * MIB));
        assertArrayEquals(new long[0], BlockShapes.aligned(new long[0], new long[0], 8, 128 * MIB));
        assertArrayEquals(new long[] {0, 4}, BlockShapes.aligned(new long[] {0, 4}, new long[0], 8, 128 * MIB));
    }

    @Test
    void randomShapesAlwaysGiveWholeChunksWithinBudgetAndCannotGrowFurther() {
        SplittableRandom r = new SplittableRandom(17);
        for (int trial = 0; trial < 300; trial++) {
            int rank = 1 + r.nextInt(4);
            long[] shape = new long[rank];
            long[] chunk = new long[rank];
            for (int a = 0; a < rank; a++) {
                shape[a] = 1 + r.nextInt(3000);
                chunk[a] = 1 + r.nextInt(200);
            }
            int item = new int[] {1, 2, 4, 8}[r.nextInt(4)];
            long budget = 1 + r.nextLong(64 * MIB);
            long[] block = BlockShapes.aligned(shape, chunk, item, budget);
            assertMultiples(block, chunk, shape);
            long[] clipped = new long[rank];
            for (int a = 0; a < rank; a++) {
                clipped[a] = Math.min(chunk[a], shape[a]);
            }
            long bytes = Regions.size(block) * item;
            if (!Arrays.equals(block, clipped)) {
                assertTrue(bytes <= budget, "over budget: " + Arrays.toString(block));
            }
            // No axis could take one more chunk.
            for (int a = 0; a < rank; a++) {
                if (block[a] < shape[a]) {
                    long grown = Regions.size(block) / block[a] * Math.min(shape[a], block[a] + chunk[a]) * item;
                    assertTrue(grown > budget, "axis " + a + " could grow: " + Arrays.toString(block));
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> BlockShapes.aligned(new long[] {4}, new long[] {2}, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> BlockShapes.aligned(new long[] {4}, new long[] {2, 2}, 8, 10));
    }

    private static void assertMultiples(long[] block, long[] chunk, long[] shape) {
        for (int a = 0; a < block.length; a++) {
            assertTrue(block[a] == shape[a] || block[a] % chunk[a] == 0,
                    "axis " + a + ": " + Arrays.toString(block) + " over chunks " + Arrays.toString(chunk));
            assertTrue(block[a] >= 1 && block[a] <= shape[a], Arrays.toString(block));
        }
        assertEquals(chunk.length, block.length);
    }
}
