package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegionsTest {

    @ParameterizedTest(name = "rank {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void chunksTouchedMatchesBruteForce(int rank) {
        SplittableRandom r = new SplittableRandom(rank);
        for (int trial = 0; trial < 50; trial++) {
            long[] shape = new long[rank];
            long[] chunk = new long[rank];
            long[] off = new long[rank];
            long[] box = new long[rank];
            for (int a = 0; a < rank; a++) {
                shape[a] = 1 + r.nextInt(12);
                chunk[a] = 1 + r.nextInt(5);
                off[a] = r.nextInt((int) shape[a]);
                box[a] = 1 + r.nextInt((int) (shape[a] - off[a]));
            }
            List<String> expected = new ArrayList<>();
            TestArrays.forEachBlock(shape, chunk, (c, s) -> {
                if (Regions.size(Regions.intersectionShape(off, box, c, s)) > 0) {
                    expected.add(Arrays.toString(c));
                }
            });
            List<String> actual = Regions.chunksTouched(off, box, chunk).stream().map(Arrays::toString).toList();
            assertEquals(expected, actual, "shape " + Arrays.toString(shape) + " chunk " + Arrays.toString(chunk));
        }
    }

    @ParameterizedTest(name = "rank {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void boxCopyMatchesElementByElementCopy(int rank) {
        SplittableRandom r = new SplittableRandom(100 + rank);
        for (int trial = 0; trial < 40; trial++) {
            int item = new int[] {1, 2, 4, 8}[r.nextInt(4)];
            long[] srcShape = new long[rank];
            long[] dstShape = new long[rank];
            long[] count = new long[rank];
            long[] srcStart = new long[rank];
            long[] dstStart = new long[rank];
            for (int a = 0; a < rank; a++) {
                count[a] = 1 + r.nextInt(4);
                srcShape[a] = count[a] + r.nextInt(3);
                dstShape[a] = count[a] + (trial % 2 == 0 ? 0 : r.nextInt(3)); // even trials: whole trailing axes
                srcStart[a] = r.nextInt((int) (srcShape[a] - count[a] + 1));
                dstStart[a] = r.nextInt((int) (dstShape[a] - count[a] + 1));
            }
            byte[] src = new byte[(int) (Regions.size(srcShape) * item)];
            r.nextBytes(src);
            byte[] dst = new byte[(int) (Regions.size(dstShape) * item)];
            byte[] expected = dst.clone();
            TestArrays.forEachBlock(count, ones(rank), (idx, unused) -> {
                long s = 0;
                long d = 0;
                for (int a = 0; a < rank; a++) {
                    s = s * srcShape[a] + srcStart[a] + idx[a];
                    d = d * dstShape[a] + dstStart[a] + idx[a];
                }
                System.arraycopy(src, (int) (s * item), expected, (int) (d * item), item);
            });
            ByteBuffer out = ByteBuffer.wrap(dst);
            Regions.copy(src, srcShape, srcStart, out, dstShape, dstStart, count, item);
            assertArrayEquals(expected, dst, "to buffer, trial " + trial);

            byte[] back = new byte[src.length];
            byte[] expectedBack = new byte[src.length];
            TestArrays.forEachBlock(count, ones(rank), (idx, unused) -> {
                long s = 0;
                long d = 0;
                for (int a = 0; a < rank; a++) {
                    s = s * srcShape[a] + srcStart[a] + idx[a];
                    d = d * dstShape[a] + dstStart[a] + idx[a];
                }
                System.arraycopy(dst, (int) (d * item), expectedBack, (int) (s * item), item);
            });
            Regions.copy(ByteBuffer.wrap(dst), dstShape, dstStart, back, srcShape, srcStart, count, item);
            assertArrayEquals(expectedBack, back, "from buffer, trial " + trial);
        }
    }

    private static long[] ones(int rank) {
        long[] o = new long[rank];
        Arrays.fill(o, 1);
        return o;
    }
}
