package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5ArgumentException;
import org.tessella.hdf5.Hdf5Exception;

/** Every error names the file and, where there is one, the dataset path. */
class ErrorsTest {
    @TempDir
    Path dir;

    private static void assertNames(RuntimeException e, Path file, String dataset, String... fragments) {
        String m = e.getMessage();
        assertTrue(m.contains(file.toAbsolutePath().toString()), m);
        if (dataset != null) {
            assertTrue(m.contains(dataset), m);
        }
        for (String f : fragments) {
            assertTrue(m.contains(f), "expected \"" + f + "\" in: " + m);
        }
    }

    @Test
    void missingFileDirectoryAndNonHdf5File() throws Exception {
        Path missing = dir.resolve("missing.h5");
        assertNames(assertThrows(Hdf5ArgumentException.class, () -> H5File.open(missing, H5File.Mode.READ)),
                missing, null, "file does not exist", "expected an existing HDF5 file");
        assertNames(assertThrows(Hdf5ArgumentException.class, () -> H5File.open(dir, H5File.Mode.READ)),
                dir, null, "path is a directory");
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "not an HDF5 file, just text that is long enough to have a superblock ".repeat(20));
        assertNames(assertThrows(Hdf5ArgumentException.class, () -> H5File.open(text, H5File.Mode.READ)),
                text, null, "not an HDF5 file");
    }

    @ParameterizedTest(name = "truncated to {0} bytes")
    @ValueSource(ints = {100, 2048, 30000, 76000})
    void truncatedFile(int length) throws Exception {
        Path file = dir.resolve("truncated.h5");
        byte[] all = Files.readAllBytes(H5pyFixtureTest.fixture());
        Files.write(file, java.util.Arrays.copyOf(all, length));
        Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> H5File.open(file, H5File.Mode.READ));
        assertNames(e, file, null, "truncated file");
        assertEquals(file.toAbsolutePath(), e.file());
    }

    @Test
    void corruptChunkNamesFileDatasetAndChunk() throws Exception {
        Path file = dir.resolve("corrupt.h5");
        long[] shape = {64, 64};
        INDArray data = TestArrays.make(H5Type.FLOAT64, shape, TestArrays.Data.SMOOTH, 3);
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            BlockWriter.write(tx.createDataset("/g/x", shape, H5Type.FLOAT64, new long[] {32, 32}, 6, true, false),
                    data, new long[2]);
            tx.commit();
        }
        byte[] stored;
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            stored = f.readRawChunks("/g/x", List.of(new long[] {32, 0})).get(0).bytes();
        }
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, stored);
        assertTrue(at > 0, "chunk found in the file");
        for (int i = at + stored.length / 3; i < at + stored.length / 3 + 16; i++) {
            bytes[i] ^= (byte) 0xA5;
        }
        Files.write(file, bytes);
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            DatasetSource s = DatasetSource.of(f, "/g/x");
            // Chunks that are intact still read.
            TestArrays.assertSame(TestArrays.box(data, new long[] {0, 0}, new long[] {32, 64}),
                    BlockReader.read(s, new long[] {0, 0}, new long[] {32, 64}), "intact rows");
            Hdf5Exception raw = assertThrows(Hdf5Exception.class, () -> BlockReader.read(s, new long[] {32, 0},
                    new long[] {32, 32}));
            assertNames(raw, file, "/g/x", "chunk at [32, 0] is corrupt");
            assertInstanceOf(DataFormatException.class, raw.getCause());
            assertEquals("/g/x", raw.dataset().orElseThrow());
            Hdf5Exception lib = assertThrows(Hdf5Exception.class, () -> BlockReader.read(s, new long[] {32, 0},
                    new long[] {32, 32}, BlockReader.Path.HYPERSLAB));
            assertNames(lib, file, "/g/x", "cannot read the hyperslab");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void missingDatasetGroupInsteadOfDatasetAndBadPaths() {
        Path fixture = H5pyFixtureTest.fixture();
        try (H5File f = H5File.open(fixture, H5File.Mode.READ)) {
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> f.dataset("/typed/int128")), fixture,
                    "/typed/int128", "dataset does not exist", "/typed/int8");
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> f.dataset("/no/such/group/x")), fixture,
                    "/no/such/group/x", "dataset does not exist");
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> f.dataset("/typed")), fixture, "/typed",
                    "path names a group, not a dataset");
            assertThrows(IllegalArgumentException.class, () -> f.dataset("/typed//int8"));
            assertThrows(IllegalArgumentException.class, () -> f.dataset("/typed/../int8"));
            assertThrows(IllegalArgumentException.class, () -> f.dataset(""));
        }
    }

    @Test
    void writeErrorsShapeAndDtypeMismatch() {
        Path file = dir.resolve("w.h5");
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            DatasetSink sink = tx.createDataset("/x", new long[] {10, 10}, H5Type.INT32, new long[] {5, 5}, -1, false, false);
            INDArray block = TestArrays.make(H5Type.INT32, new long[] {6, 5}, TestArrays.Data.SMOOTH, 1);
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> BlockWriter.write(sink, block, new long[] {5, 0})),
                    file, "/x", "block is not inside the dataset", "[10, 10]");
            INDArray wrongRank = TestArrays.make(H5Type.INT32, new long[] {5}, TestArrays.Data.SMOOTH, 1);
            assertThrows(Hdf5ArgumentException.class, () -> BlockWriter.write(sink, wrongRank, new long[] {0}));
            INDArray wrongType = TestArrays.make(H5Type.FLOAT32, new long[] {5, 5}, TestArrays.Data.SMOOTH, 1);
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> BlockWriter.write(sink, wrongType, new long[2])),
                    file, "/x", "block has another dtype than the dataset: FLOAT", "expected INT");
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> tx.createDataset("x", new long[] {1},
                    H5Type.INT8, null, -1, false, false)), file, "/x", "appears twice");
            assertThrows(IllegalArgumentException.class, () -> tx.createDataset("/y", new long[] {4}, H5Type.INT8,
                    new long[] {0}, -1, false, false));
            assertThrows(IllegalArgumentException.class, () -> tx.createDataset("/y", new long[] {4}, H5Type.INT8,
                    null, 5, false, false));
            assertThrows(IllegalArgumentException.class, () -> tx.createDataset("/y", new long[] {4}, H5Type.INT8,
                    new long[] {2}, 10, false, false));
        }
        assertTrue(Files.notExists(file));
    }

    @Test
    void storeTargetErrors() throws Exception {
        Path file = dir.resolve("exists.h5");
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            tx.createDataset("/g/x", new long[] {3}, H5Type.INT8, null, -1, false, false);
            tx.commit();
        }
        assertNames(assertThrows(Hdf5ArgumentException.class, () -> H5Transaction.createFile(file, false)), file, null,
                "file exists", "option to replace");
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> tx.createDataset("/g/x", new long[] {3},
                    H5Type.INT8, null, -1, false, false)), file, "/g/x", "dataset exists", "overwrite");
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> tx.createDataset("/g", new long[] {3},
                    H5Type.INT8, null, -1, false, true)), file, "/g", "path names a group");
            assertNames(assertThrows(Hdf5ArgumentException.class, () -> tx.createDataset("/g/x/y", new long[] {3},
                    H5Type.INT8, null, -1, false, true)), file, "/g/x/y", "prefix of the dataset path is not a group");
        }
        assertNames(assertThrows(IllegalArgumentException.class, () -> H5Transaction.createFile(
                dir.resolve("no/such/dir/x.h5"), false)), dir.resolve("no/such/dir"), null, "directory does not exist");
        assertThrows(Hdf5ArgumentException.class, () -> H5Transaction.updateFile(dir.resolve("missing.h5")));
    }
}
