package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.TestShapes.Case;

/** rechunk between many chunkings of the catalogue's shapes: values, block shapes, chains. */
class RechunkTest {
    /** A seeded random partition of each axis into positive parts (one 0 for an empty axis). */
    static Chunks randomChunks(long[] shape, long seed) {
        Random r = new Random(seed);
        long[][] c = new long[shape.length][];
        for (int a = 0; a < shape.length; a++) {
            List<Long> parts = new ArrayList<>();
            long left = shape[a];
            while (left > 0) {
                long p = 1 + r.nextInt((int) Math.min(left, 5));
                parts.add(p);
                left -= p;
            }
            c[a] = shape[a] == 0 ? new long[] {0} : parts.stream().mapToLong(Long::longValue).toArray();
        }
        return Chunks.explicit(c);
    }

    static Chunks uniform(int ndim, long len) {
        long[] c = new long[ndim];
        Arrays.fill(c, len);
        return Chunks.of(c);
    }

    /** Targets: one chunk, one-element chunks (small shapes), 2s, 3s, two random partitions, auto. */
    static List<Chunks> targets(Case c) {
        List<Chunks> t = new ArrayList<>();
        t.add(uniform(c.ndim(), -1));
        if (c.size() <= 64) {
            t.add(uniform(c.ndim(), 1));
        }
        t.add(uniform(c.ndim(), 2));
        t.add(uniform(c.ndim(), 3));
        t.add(randomChunks(c.shape(), 1));
        t.add(randomChunks(c.shape(), 2));
        t.add(Chunks.bytes(8 * 7));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.ndarray.TestShapes#all")
    void rechunkToManyChunkings(Case c) {
        Ref a = Ref.random(c.shape(), DType.FLOAT64, 5);
        INDArray expected = a.nd();
        List<ChunkedArray> actual = new ArrayList<>();
        for (Chunks target : targets(c)) {
            ChunkedArray x = a.chunked(c.chunks(), actual.size() % 2 == 0);
            ChunkedArray y = x.rechunk(target);
            assertEquals(target.resolve(c.shape(), DType.FLOAT64), y.grid(), "grid of rechunk to " + target);
            actual.add(y);
        }
        List<INDArray> exp = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            exp.add(expected);
        }
        ArrayAssert.assertAllEquals(actual, exp, new double[actual.size()]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.ndarray.TestShapes#all")
    void chainsOfRechunksAndBack(Case c) {
        Ref a = Ref.random(c.shape(), DType.INT32, 6);
        ChunkedArray x = a.chunked(c.chunks(), true);
        ChunkedArray chain = x;
        for (Chunks target : targets(c)) {
            chain = chain.rechunk(target);
        }
        ChunkedArray back = chain.rechunk(c.chunks());
        assertEquals(x.grid(), back.grid());
        ArrayAssert.assertAllEquals(List.of(chain, back, back.add(1)),
                List.of(a.nd(), a.nd(), a.map(v -> v + 1, DType.INT32, DType.INT32).nd()), new double[3]);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void rechunkKeepsEveryDtype(DType d) {
        Ref a = Ref.random(new long[] {7, 9}, d, 7);
        ArrayAssert.assertEquals(a.chunked(Chunks.of(3, 4), false).rechunk(Chunks.of(2, 5)), a.nd(), 0);
        ArrayAssert.assertEquals(a.chunked(Chunks.of(3, 4), true).rechunk(randomChunks(a.shape, 8)), a.nd(), 0);
    }

    @Test
    void rechunkToTheSameGridIsTheSameArray() {
        ChunkedArray x = Ref.random(new long[] {10, 13}, DType.FLOAT64, 9).chunked(Chunks.of(4, 5), true);
        assertSame(x, x.rechunk(Chunks.of(4, 5)));
        assertSame(x, x.rechunk(Chunks.explicit(new long[] {4, 4, 2}, new long[] {5, 5, 3})));
    }

    @Test
    void rechunkOfTransposedAndStridedData() {
        // fromArray of an F-order array: blocks are strided views; rechunk must copy regions correctly
        Ref a = Ref.random(new long[] {9, 11}, DType.FLOAT64, 10);
        ChunkedArray x = ChunkedArray.fromArray(a.nd().dup('f'), Chunks.of(4, 3));
        ArrayAssert.assertEquals(x.rechunk(Chunks.of(5, 5)), a.nd(), 0);
        ArrayAssert.assertEquals(x.rechunk(Chunks.of(1, -1)), a.nd(), 0);
        ArrayAssert.assertEquals(x.rechunk(Chunks.of(-1, 1)), a.nd(), 0);
    }

    @Test
    void rechunkedGridsAddUp() {
        for (Case c : TestShapes.ALL) {
            for (Chunks target : targets(c)) {
                ChunkGrid g = target.resolve(c.shape(), DType.FLOAT64);
                for (int ax = 0; ax < c.ndim(); ax++) {
                    long sum = 0;
                    for (long len : g.chunks(ax)) {
                        sum += len;
                    }
                    assertEquals(c.shape()[ax], sum, c + " to " + target + " axis " + ax);
                }
                assertArrayEquals(c.shape(), g.shape());
            }
        }
    }
}
