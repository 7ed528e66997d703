package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every dtype, uncompressed and compressed, 1-D to 4-D with ragged chunks: written block by block through a
 * transaction, read back block by block through both read paths, compared byte for byte with the source.
 */
class RoundTripTest {
    @TempDir
    Path dir;

    /** Geometry of one case: dataset shape, file chunks, blocks written, blocks read. */
    record Geometry(String name, long[] shape, long[] chunk, long[] writeBlock, long[] readBlock) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Filter pipeline of one case. */
    enum Filters {
        CONTIGUOUS(false, -1, false), CHUNKED(true, -1, false), DEFLATE(true, 4, false), SHUFFLE_DEFLATE(true, 1, true);

        final boolean chunked;
        final int level;
        final boolean shuffle;

        Filters(boolean chunked, int level, boolean shuffle) {
            this.chunked = chunked;
            this.level = level;
            this.shuffle = shuffle;
        }
    }

    static final List<Geometry> GEOMETRIES = List.of(
            // write blocks straddle file chunks (hyperslab writes for partial chunks); reads misaligned
            new Geometry("1-D", new long[] {1000}, new long[] {64}, new long[] {100}, new long[] {130}),
            // write blocks are whole multiples of the chunks (all raw-chunk writes); ragged both ways
            new Geometry("2-D", new long[] {37, 23}, new long[] {8, 5}, new long[] {16, 10}, new long[] {9, 7}),
            // one block per chunk; one read block for everything
            new Geometry("3-D", new long[] {7, 5, 3}, new long[] {3, 2, 2}, new long[] {3, 2, 2}, new long[] {7, 5, 3}),
            // mixed: some axes aligned, some not
            new Geometry("4-D", new long[] {5, 4, 3, 6}, new long[] {2, 3, 2, 4}, new long[] {4, 3, 3, 6},
                    new long[] {3, 4, 1, 5}));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (H5Type type : H5Type.values()) {
            for (Filters filters : Filters.values()) {
                for (Geometry g : GEOMETRIES) {
                    TestArrays.Data data = (type.ordinal() + filters.ordinal() + g.shape().length) % 2 == 0
                            ? TestArrays.Data.RANDOM : TestArrays.Data.SMOOTH;
                    out.add(Arguments.of(type, filters, g, data));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void writeThenReadBack(H5Type type, Filters filters, Geometry g, TestArrays.Data data) {
        INDArray expected = TestArrays.make(type, g.shape(), data, 42);
        Path file = dir.resolve("rt.h5");
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            DatasetSink sink = tx.createDataset("/group/x", g.shape(), type, filters.chunked ? g.chunk() : null,
                    filters.level, filters.shuffle, false);
            TestArrays.forEachBlock(g.shape(), g.writeBlock(),
                    (off, s) -> BlockWriter.write(sink, TestArrays.box(expected, off, s), off));
            tx.commit();
        }
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            DatasetInfo info = f.dataset("group/x");
            assertEquals(type, info.type());
            assertArrayEquals(g.shape(), info.shape());
            assertEquals(filters.chunked, info.isChunked());
            assertEquals(filters.level, info.deflateLevel());
            assertEquals(filters.shuffle, info.shuffle());
            assertEquals(filters.chunked, info.rawChunksDecodable());
            DatasetSource source = DatasetSource.of(f, "/group/x");
            for (BlockReader.Path path : BlockReader.Path.values()) {
                TestArrays.forEachBlock(g.shape(), g.readBlock(), (off, s) -> TestArrays.assertSame(
                        TestArrays.box(expected, off, s), BlockReader.read(source, off, s, path), path + " block at "
                                + java.util.Arrays.toString(off)));
            }
            // Whole dataset in one block.
            TestArrays.assertSame(expected, BlockReader.read(source, new long[g.shape().length], g.shape()), "whole");
        }
    }

    @Test
    void scalarAndEmptyDatasets() {
        Path file = dir.resolve("edge.h5");
        INDArray scalar = TestArrays.make(H5Type.FLOAT64, new long[0], TestArrays.Data.RANDOM, 1);
        INDArray empty = TestArrays.make(H5Type.INT32, new long[] {0, 4}, TestArrays.Data.RANDOM, 1);
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            DatasetSink s = tx.createDataset("scalar", new long[0], H5Type.FLOAT64, null, -1, false, false);
            BlockWriter.write(s, scalar, new long[0]);
            // Chunks and filters asked for an empty dataset are dropped: HDF5 cannot chunk a fixed empty axis.
            DatasetSink e = tx.createDataset("empty", new long[] {0, 4}, H5Type.INT32, new long[] {2, 2}, 6, true, false);
            BlockWriter.write(e, empty, new long[] {0, 0});
            tx.commit();
        }
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            DatasetInfo si = f.dataset("scalar");
            assertEquals(0, si.ndim());
            TestArrays.assertSame(scalar, BlockReader.read(DatasetSource.of(f, "scalar"), new long[0], new long[0]), "scalar");
            DatasetInfo ei = f.dataset("empty");
            assertArrayEquals(new long[] {0, 4}, ei.shape());
            assertFalse(ei.isChunked());
            INDArray back = BlockReader.read(DatasetSource.of(f, "empty"), new long[] {0, 0}, new long[] {0, 4});
            assertTrue(back.isEmpty());
            assertArrayEquals(new long[] {0, 4}, back.shape());
        }
    }

    @Test
    void incompressibleChunksAreStoredWithoutDeflateLikeTheLibraryDoes() throws Exception {
        Path file = dir.resolve("mask.h5");
        long[] shape = {64, 64};
        INDArray random = TestArrays.make(H5Type.UINT8, shape, TestArrays.Data.RANDOM, 9);
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            DatasetSink sink = tx.createDataset("x", shape, H5Type.UINT8, new long[] {32, 32}, 9, true, false);
            BlockWriter.write(sink, random, new long[] {0, 0});
            tx.commit();
        }
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            List<RawChunk> raws = f.readRawChunks("x", List.of(new long[] {0, 0}, new long[] {32, 32}));
            for (RawChunk raw : raws) {
                assertEquals(32 * 32, raw.bytes().length, "stored as is");
                assertFalse(raw.applied(1), "deflate (filter 1) skipped");
                assertTrue(raw.applied(0), "shuffle (filter 0) applied");
            }
            for (BlockReader.Path path : BlockReader.Path.values()) {
                TestArrays.assertSame(random, BlockReader.read(DatasetSource.of(f, "x"), new long[2], shape, path),
                        path.name());
            }
        }
        assertTrue(Files.size(file) > 4096);
    }
}
