package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A block reads exactly the file chunks under it, each once, and nothing is read before a block is asked for. */
class ReadCountingTest {
    @TempDir
    static Path dir;
    static Path file;
    static final long[] SHAPE = {100, 60, 7};
    static final long[] CHUNK = {10, 20, 7};
    static INDArray data;

    @BeforeAll
    static void write() {
        file = dir.resolve("counted.h5");
        data = TestArrays.make(H5Type.FLOAT32, SHAPE, TestArrays.Data.SMOOTH, 11);
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            DatasetSink sink = tx.createDataset("/x", SHAPE, H5Type.FLOAT32, CHUNK, 3, true, false);
            TestArrays.forEachBlock(SHAPE, CHUNK, (off, s) -> BlockWriter.write(sink, TestArrays.box(data, off, s), off));
            tx.commit();
        }
    }

    static DatasetInfo info() {
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            return f.dataset("/x");
        }
    }

    @Test
    void openingReadsNoData() {
        DatasetInfo info = info();
        long before = H5Lock.acquisitions();
        CountingSource s = new CountingSource(DatasetSource.reopening(file, info));
        assertEquals(before, H5Lock.acquisitions(), "creating a source makes no native call");
        assertEquals(List.of(), s.rawChunks());
        assertEquals(List.of(), s.hyperslabs());
    }

    @Test
    void aBlockReadsOnlyTheChunksUnderIt() {
        CountingSource s = new CountingSource(DatasetSource.reopening(file, info()));
        // Rows 25..44, columns 15..24: chunks rows {20, 30, 40} x columns {0, 20}.
        long[] off = {25, 15, 0};
        long[] shape = {20, 10, 7};
        TestArrays.assertSame(TestArrays.box(data, off, shape), BlockReader.read(s, off, shape), "block");
        assertEquals(List.of("[20, 0, 0]", "[20, 20, 0]", "[30, 0, 0]", "[30, 20, 0]", "[40, 0, 0]", "[40, 20, 0]"),
                s.rawChunks());
        assertEquals(List.of(), s.hyperslabs());
        assertTrue(s.storedBytes() < 6 * 10 * 20 * 7 * 4, "compressed: " + s.storedBytes());
    }

    @Test
    void aChunkAlignedBlockReadsItsChunksOnce() {
        CountingSource s = new CountingSource(DatasetSource.reopening(file, info()));
        long[] off = {40, 20, 0};
        long[] shape = {20, 40, 7};
        BlockReader.read(s, off, shape);
        assertEquals(List.of("[40, 20, 0]", "[40, 40, 0]", "[50, 20, 0]", "[50, 40, 0]"), s.rawChunks());
    }

    @Test
    void theHyperslabPathReadsExactlyTheBlock() {
        CountingSource s = new CountingSource(DatasetSource.reopening(file, info()));
        long[] off = {3, 4, 5};
        long[] shape = {2, 3, 2};
        INDArray b = BlockReader.read(s, off, shape, BlockReader.Path.HYPERSLAB);
        TestArrays.assertSame(TestArrays.box(data, off, shape), b, "block");
        assertEquals(List.of(Arrays.toString(off) + "+" + Arrays.toString(shape)), s.hyperslabs());
        assertEquals(2 * 3 * 2 * 4, s.hyperslabBytes());
        assertEquals(List.of(), s.rawChunks());
    }

    @Test
    void manyChunksAreFetchedInBatchesOfAboutRawBatchBytes() {
        // 1-D dataset of 4 MiB chunks: a 40 MiB block needs ceil(10 / 4) = 3 holds of the lock.
        Path big = dir.resolve("batches.h5");
        long n = 10L * (1 << 20) / 8 * 4;
        long[] shape = {n};
        long[] chunk = {(1 << 20) / 2}; // 4 MiB of float64
        try (H5Transaction tx = H5Transaction.createFile(big, false)) {
            DatasetSink sink = tx.createDataset("/y", shape, H5Type.FLOAT64, chunk, 1, false, false);
            BlockWriter.write(sink, TestArrays.make(H5Type.FLOAT64, shape, TestArrays.Data.SMOOTH, 1), new long[1]);
            tx.commit();
        }
        DatasetInfo yi;
        try (H5File f = H5File.open(big, H5File.Mode.READ)) {
            yi = f.dataset("/y");
        }
        int[] calls = {0};
        DatasetSource inner = DatasetSource.reopening(big, yi);
        DatasetSource counting = new DatasetSource() {
            public Path file() {
                return inner.file();
            }

            public DatasetInfo info() {
                return inner.info();
            }

            public void readHyperslab(long[] o, long[] c, INDArray d, long[] dOff) {
                inner.readHyperslab(o, c, d, dOff);
            }

            public List<RawChunk> readRawChunks(List<long[]> offsets) {
                calls[0]++;
                assertTrue(offsets.size() * yi.chunkBytes() <= BlockReader.RAW_BATCH_BYTES, "batch of " + offsets.size());
                return inner.readRawChunks(offsets);
            }
        };
        long before = H5Lock.acquisitions();
        BlockReader.read(counting, new long[1], shape);
        assertEquals(3, calls[0]);
        assertEquals(3, H5Lock.acquisitions() - before, "one hold of the lock per batch");
    }
}
