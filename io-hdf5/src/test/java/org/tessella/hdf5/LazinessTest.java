package org.tessella.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.kernel.CountingSource;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.ndarray.Slice;
import org.tessella.scheduler.Schedulers;

/**
 * Opening reads nothing; computing one block reads exactly the file chunks under it; computing everything with
 * the default (chunk-aligned) blocks reads every chunk once. Counted by a decorator around the dataset source.
 */
class LazinessTest {
    @TempDir
    static Path dir;
    static Path file;
    static INDArray data;

    @BeforeAll
    static void write() {
        file = dir.resolve("lazy.h5");
        data = Hdf5RoundTripTest.values(DType.FLOAT32, new long[] {100, 60}, 5);
        // File chunks 10 x 20, compressed: the reads go through raw chunks.
        Hdf5.store(file, Map.of("/x", ChunkedArray.fromArray(data, Chunks.of(10, 20))),
                StoreOptions.defaults().deflate(2).shuffle(true));
    }

    @Test
    void openingReadsNoData() {
        CountingSource[] counter = new CountingSource[1];
        ChunkedArray x = Hdf5.open(file).dataset("/x", Chunks.of(30, 40), s -> counter[0] = new CountingSource(s));
        ChunkedArray y = x.add(1).mul(x).sum(new int[] {0}, false); // building more graph reads nothing either
        assertEquals(List.of(), counter[0].rawChunks());
        assertEquals(List.of(), counter[0].hyperslabs());
        assertEquals(1, y.ndim());
    }

    @Test
    void slicingReadsNothingAndOneBlockOfASliceReadsOnlyItsChunks() {
        CountingSource[] counter = new CountingSource[1];
        ChunkedArray x = Hdf5.open(file).dataset("/x", Chunks.of(30, 40), s -> counter[0] = new CountingSource(s));
        // Rows 35..84, columns 5..54.
        ChunkedArray slice = x.get(Slice.of(35, 85), Slice.of(5, 55));
        assertEquals(List.of(), counter[0].rawChunks(), "slicing reads nothing");
        assertEquals(List.of(), counter[0].hyperslabs());
        // The slice's block (0, 0) is rows 35..59, columns 5..39 of the input's block (1, 0): the input block is
        // loaded whole (rows 30..59, columns 0..39), i.e. chunk rows 30, 40, 50 x chunk columns 0, 20, and
        // nothing else.
        INDArray b = (INDArray) Schedulers.synchronous().compute(slice.graph(), List.of(slice.blockKey(0, 0))).value(0);
        Hdf5RoundTripTest.assertSameArray(data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(35, 60),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 40)), b);
        assertEquals(List.of("[30, 0]", "[30, 20]", "[40, 0]", "[40, 20]", "[50, 0]", "[50, 20]"), counter[0].rawChunks());
        // The whole slice touches input blocks rows {30, 60} x columns {0, 40}: 2 x (3 x 2 + 3 x 1) chunks, once.
        counter[0] = null;
        ChunkedArray again = Hdf5.open(file).dataset("/x", Chunks.of(30, 40), s -> counter[0] = new CountingSource(s))
                .get(Slice.of(35, 85), Slice.of(5, 55));
        Hdf5RoundTripTest.assertSameArray(data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(35, 85),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 55)), again.compute());
        assertEquals(18, counter[0].rawChunks().size());
        assertEquals(18, new HashSet<>(counter[0].rawChunks()).size());
        assertTrue(counter[0].rawChunks().stream().noneMatch(c -> c.startsWith("[0,") || c.startsWith("[10,")
                || c.startsWith("[20,") || c.startsWith("[90,")), counter[0].rawChunks().toString());
    }

    @Test
    void oneBlockReadsOnlyTheChunksUnderIt() {
        CountingSource[] counter = new CountingSource[1];
        ChunkedArray x = Hdf5.open(file).dataset("/x", Chunks.of(30, 40), s -> counter[0] = new CountingSource(s));
        // Block (1, 1): rows 30..59, columns 40..59 -> chunk rows 30, 40, 50 x chunk column 40.
        Object block = Schedulers.synchronous().compute(x.graph(), List.of(x.blockKey(1, 1))).value(0);
        Hdf5RoundTripTest.assertSameArray(data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(30, 60),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(40, 60)), (INDArray) block);
        assertEquals(List.of("[30, 40]", "[40, 40]", "[50, 40]"), counter[0].rawChunks());
        assertEquals(List.of(), counter[0].hyperslabs());
    }

    @Test
    void oneBlockOfAnExpressionReadsOnlyItsChunks() {
        CountingSource[] counter = new CountingSource[1];
        ChunkedArray x = Hdf5.open(file).dataset("/x", Chunks.of(30, 40), s -> counter[0] = new CountingSource(s));
        ChunkedArray y = x.mul(2).add(1);
        Schedulers.synchronous().compute(y.graph(), List.of(y.blockKey(0, 0)));
        // Rows 0..29, columns 0..39 -> chunk rows 0, 10, 20 x chunk columns 0, 20.
        assertEquals(List.of("[0, 0]", "[0, 20]", "[10, 0]", "[10, 20]", "[20, 0]", "[20, 20]"), counter[0].rawChunks());
    }

    @Test
    void defaultBlocksReadEveryChunkOnce() {
        CountingSource[] counter = new CountingSource[1];
        // Default blocks: the whole 24 KB dataset is one block of its 30 chunks.
        ChunkedArray x = Hdf5.open(file).dataset("/x", null, s -> counter[0] = new CountingSource(s));
        Hdf5RoundTripTest.assertSameArray(data, x.compute());
        List<String> reads = counter[0].rawChunks();
        assertEquals(10 * 3, reads.size());
        assertEquals(reads.size(), new HashSet<>(reads).size(), "no chunk read twice");

        CountingSource[] small = new CountingSource[1];
        ChunkedArray z = Hdf5.open(file).dataset("/x", Chunks.of(20, 40), s -> small[0] = new CountingSource(s));
        assertTrue(z.grid().totalBlocks() > 1);
        z.compute();
        List<String> reads2 = small[0].rawChunks();
        // Blocks of 20 x 40 over chunks of 10 x 20: aligned, so again each chunk once.
        assertEquals(30, reads2.size());
        assertEquals(30, new HashSet<>(reads2).size());
    }
}
