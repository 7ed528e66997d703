package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A store is visible only after commit; a failure or an abort (what a cancelled computation does) removes the
 * temporaries and leaves an existing file as it was.
 */
class TransactionTest {
    @TempDir
    Path dir;

    static final long[] SHAPE = {40, 30};
    static final long[] CHUNK = {8, 10};

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Writes a file with one dataset /a. */
    Path existingFile(String name) {
        Path file = dir.resolve(name);
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            BlockWriter.write(tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, false),
                    TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.SMOOTH, 1), new long[2]);
            tx.commit();
        }
        return file;
    }

    /** Writes blocks of {@code data} and throws after {@code failAfter} of them, as a failing task would. */
    static void writeBlocksThenFail(DatasetSink sink, INDArray data, int failAfter) {
        AtomicInteger written = new AtomicInteger();
        TestArrays.forEachBlock(SHAPE, CHUNK, (off, s) -> {
            if (written.getAndIncrement() == failAfter) {
                throw new IllegalStateException("task failed at block " + failAfter);
            }
            BlockWriter.write(sink, TestArrays.box(data, off, s), off);
        });
    }

    @Test
    void newFileAppearsOnlyAtCommit() throws Exception {
        Path file = dir.resolve("new.h5");
        INDArray data = TestArrays.make(H5Type.INT16, SHAPE, TestArrays.Data.SMOOTH, 2);
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            DatasetSink sink = tx.createDataset("/x", SHAPE, H5Type.INT16, CHUNK, 1, false, false);
            TestArrays.forEachBlock(SHAPE, CHUNK, (off, s) -> BlockWriter.write(sink, TestArrays.box(data, off, s), off));
            assertFalse(Files.exists(file), "not visible before commit");
            Path temp = tx.temporaryFile();
            assertTrue(Files.exists(temp));
            assertEquals(dir, temp.getParent(), "temporary beside the target (same file system: rename is atomic)");
            assertTrue(temp.getFileName().toString().startsWith(".new.h5-"), temp.toString());
            assertTrue(temp.getFileName().toString().endsWith(".h5.tmp"), temp.toString());
            tx.commit();
        }
        assertEquals(List.of(file), entries());
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            TestArrays.assertSame(data, BlockReader.read(DatasetSource.of(f, "/x"), new long[2], SHAPE), "stored");
        }
    }

    @Test
    void failureMidStoreLeavesNoNewFile() throws Exception {
        Path file = dir.resolve("never.h5");
        INDArray data = TestArrays.make(H5Type.FLOAT32, SHAPE, TestArrays.Data.SMOOTH, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (H5Transaction tx = H5Transaction.createFile(file, false)) {
                writeBlocksThenFail(tx.createDataset("/x", SHAPE, H5Type.FLOAT32, CHUNK, 6, true, false), data, 7);
                tx.commit();
            }
        });
        assertEquals("task failed at block 7", e.getMessage());
        assertEquals(List.of(), entries(), "neither the file nor its temporary");
    }

    @Test
    void failureWhileReplacingLeavesTheOldFileByteForByte() throws Exception {
        Path file = existingFile("replace.h5");
        String before = sha256(file);
        INDArray data = TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.RANDOM, 4);
        assertThrows(IllegalStateException.class, () -> {
            try (H5Transaction tx = H5Transaction.createFile(file, true)) {
                writeBlocksThenFail(tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, false), data, 5);
                tx.commit();
            }
        });
        assertEquals(before, sha256(file));
        assertEquals(List.of(file), entries());
        // And a replacement that completes replaces it.
        try (H5Transaction tx = H5Transaction.createFile(file, true)) {
            BlockWriter.write(tx.createDataset("/b", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, false), data, new long[2]);
            tx.commit();
        }
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            assertNull(f.kind("/a"));
            TestArrays.assertSame(data, BlockReader.read(DatasetSource.of(f, "/b"), new long[2], SHAPE), "replaced");
        }
    }

    @Test
    void abortFromAnotherThreadWhileWritersRunIsACancellation() throws Exception {
        Path file = existingFile("cancel.h5");
        String before = sha256(file);
        INDArray data = TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.RANDOM, 5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            H5Transaction tx = H5Transaction.createFile(file, true);
            DatasetSink sink = tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, false);
            CountDownLatch started = new CountDownLatch(2);
            AtomicInteger failedWrites = new AtomicInteger();
            List<Future<?>> writers = new java.util.ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(pool.submit(() -> {
                    started.countDown();
                    for (int round = 0; round < 200; round++) {
                        try {
                            TestArrays.forEachBlock(SHAPE, CHUNK, (off, s) ->
                                    BlockWriter.write(sink, TestArrays.box(data, off, s), off));
                        } catch (IllegalStateException closed) {
                            failedWrites.incrementAndGet(); // what a task still running after cancellation sees
                            return;
                        }
                    }
                }));
            }
            started.await();
            Thread.sleep(50);
            tx.abort();
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(2, failedWrites.get(), "both writers stopped on the closed handle");
            assertThrows(IllegalStateException.class, tx::commit, "an aborted store cannot commit");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, sha256(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void addingToAnExistingFileIsInvisibleUntilCommit() throws Exception {
        Path file = existingFile("add.h5");
        INDArray data = TestArrays.make(H5Type.UINT8, SHAPE, TestArrays.Data.SMOOTH, 6);
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            DatasetSink sink = tx.createDataset("/results/deep/x", SHAPE, H5Type.UINT8, CHUNK, 5, true, false);
            TestArrays.forEachBlock(SHAPE, CHUNK, (off, s) -> BlockWriter.write(sink, TestArrays.box(data, off, s), off));
            // A reader in this process sees only the temporary link, in the root group.
            try (H5File peek = H5File.open(file, H5File.Mode.READ)) {
                assertNull(peek.kind("/results"));
                assertTrue(peek.list().stream().anyMatch(n -> n.path().startsWith("/.tessella-tmp-")));
            }
            tx.commit();
        }
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            assertFalse(f.list().stream().anyMatch(n -> n.path().contains("tessella-tmp")), f.list().toString());
            assertEquals(H5Node.Kind.GROUP, f.kind("/results/deep"));
            TestArrays.assertSame(data, BlockReader.read(DatasetSource.of(f, "/results/deep/x"), new long[2], SHAPE), "added");
            TestArrays.assertSame(TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.SMOOTH, 1),
                    BlockReader.read(DatasetSource.of(f, "/a"), new long[2], SHAPE), "untouched");
        }
    }

    @Test
    void failedAdditionLeavesTheFileLogicallyUnchanged() throws Exception {
        Path file = existingFile("addfail.h5");
        String dumpBefore = ExternalTools.h5dumpAvailable() ? ExternalTools.run("h5dump", file.toString()) : null;
        List<H5Node> nodesBefore;
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            nodesBefore = f.list();
        }
        INDArray data = TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.RANDOM, 7);
        assertThrows(IllegalStateException.class, () -> {
            try (H5Transaction tx = H5Transaction.updateFile(file)) {
                tx.createDataset("/b", SHAPE, H5Type.FLOAT64, CHUNK, -1, false, false);
                writeBlocksThenFail(tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, true), data, 9);
                tx.commit();
            }
        });
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            assertEquals(nodesBefore, f.list());
            TestArrays.assertSame(TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.SMOOTH, 1),
                    BlockReader.read(DatasetSource.of(f, "/a"), new long[2], SHAPE), "the overwrite did not happen");
        }
        if (dumpBefore != null) {
            assertEquals(dumpBefore, ExternalTools.run("h5dump", file.toString()), "h5dump sees the same file");
        }
        assertEquals(List.of(file), entries());
    }

    @Test
    void rejectedAdditionLeavesTheFileByteForByte() throws Exception {
        Path file = existingFile("reject.h5");
        String before = sha256(file);
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            assertThrows(org.tessella.hdf5.Hdf5ArgumentException.class,
                    () -> tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, false));
        }
        assertEquals(before, sha256(file));
    }

    @Test
    void overwriteReplacesADatasetAtCommit() throws Exception {
        Path file = existingFile("overwrite.h5");
        INDArray data = TestArrays.make(H5Type.INT64, new long[] {3, 4}, TestArrays.Data.RANDOM, 8);
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            BlockWriter.write(tx.createDataset("/a", new long[] {3, 4}, H5Type.INT64, null, -1, false, true), data,
                    new long[2]);
            tx.commit();
        }
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            DatasetInfo info = f.dataset("/a");
            assertEquals(H5Type.INT64, info.type());
            assertArrayEquals(new long[] {3, 4}, info.shape());
            TestArrays.assertSame(data, BlockReader.read(DatasetSource.of(f, "/a"), new long[2], new long[] {3, 4}), "new /a");
            assertEquals(List.of(new H5Node("/a", H5Node.Kind.DATASET)), f.list());
        }
    }

    @Test
    void readerOfAReplacedDatasetIsToldToReopen() throws Exception {
        Path file = existingFile("stale.h5");
        DatasetSource lazy;
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            lazy = DatasetSource.reopening(file, f.dataset("/a"));
        }
        BlockReader.read(lazy, new long[2], CHUNK); // reads fine while nothing changed
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            BlockWriter.write(tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, true),
                    TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.RANDOM, 9), new long[2]);
            tx.commit();
        }
        org.tessella.hdf5.Hdf5Exception e = assertThrows(org.tessella.hdf5.Hdf5Exception.class,
                () -> BlockReader.read(lazy, new long[2], CHUNK));
        assertTrue(e.getMessage().contains("the dataset changed since it was opened"), e.getMessage());
        // A file replaced by another under the same name is noticed too.
        Path other = existingFile("other.h5");
        DatasetSource lazy2;
        try (H5File f = H5File.open(other, H5File.Mode.READ)) {
            lazy2 = DatasetSource.reopening(other, f.dataset("/a"));
        }
        Files.move(file, other, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        e = assertThrows(org.tessella.hdf5.Hdf5Exception.class, () -> BlockReader.read(lazy2, new long[2], CHUNK));
        assertTrue(e.getMessage().contains("the file was replaced"), e.getMessage());
    }

    /** h5dump's description of a dataset (-p: layout, filters, fill value; -A: attributes), without file offsets. */
    static String describe(Path file, String dataset) throws Exception {
        String text = ExternalTools.run("h5dump", "-p", "-A", "-d", dataset, file.toString());
        return text.lines().skip(1).filter(l -> !l.contains("OFFSET")).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void copyFromKeepsLayoutFiltersFillValueAttributesAndStoredChunks() throws Exception {
        // Datasets written by h5py (src/test/resources/fixtures): chunked with deflate, shuffle, fletcher32, a
        // fill value and never-written chunks, an attribute; contiguous, scalar, empty; big-endian, bool.
        Path source = H5pyFixtureTest.fixture();
        List<String> datasets = List.of("/plain/one_d", "/plain/sparse", "/plain/fletcher32", "/plain/shuffle_only",
                "/plain/big_endian", "/plain/contiguous", "/plain/scalar", "/plain/empty", "/typed/bool",
                "/typed/float32");
        Path copy = dir.resolve("copy.h5");
        try (H5Transaction tx = H5Transaction.createFile(copy, false)) {
            tx.commit(); // an empty file
        }
        try (H5File from = H5File.open(source, H5File.Mode.READ); H5File to = H5File.open(copy, H5File.Mode.READ_WRITE)) {
            for (String d : datasets) {
                to.copyFrom(from, d, d);
            }
        }
        try (H5File from = H5File.open(source, H5File.Mode.READ); H5File to = H5File.open(copy, H5File.Mode.READ)) {
            for (String d : datasets) {
                DatasetInfo info = from.dataset(d);
                assertEquals(info.toString(), to.dataset(d).toString(), d);
                assertEquals(from.attributes(d).toString(), to.attributes(d).toString(), d);
                if (info.layout() == DatasetInfo.Layout.CHUNKED) {
                    List<long[]> chunks = Regions.chunksTouched(new long[info.shape().length], info.shape(),
                            info.chunkShape());
                    List<RawChunk> a = from.readRawChunks(d, chunks);
                    List<RawChunk> b = to.readRawChunks(d, chunks);
                    for (int k = 0; k < chunks.size(); k++) {
                        String where = d + " chunk " + java.util.Arrays.toString(chunks.get(k));
                        assertEquals(a.get(k) == null, b.get(k) == null, where + " written");
                        if (a.get(k) != null) {
                            assertEquals(a.get(k).filterMask(), b.get(k).filterMask(), where);
                            assertArrayEquals(a.get(k).bytes(), b.get(k).bytes(), where + ": stored bytes");
                        }
                    }
                }
            }
        }
        if (ExternalTools.h5dumpAvailable()) {
            for (String d : datasets) {
                assertEquals(describe(source, d), describe(copy, d), d);
            }
        }
    }

    @Test
    void h5dumpReadsAnUpdatedFile() throws Exception {
        Assumptions.assumeTrue(ExternalTools.h5dumpAvailable(), "h5dump not on PATH: apt-get install -y hdf5-tools");
        Path file = existingFile("dumped.h5");
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            BlockWriter.write(tx.createDataset("/g/b", new long[] {3}, H5Type.INT32, new long[] {2}, 3, true, false),
                    org.nd4j.linalg.factory.Nd4j.createFromArray(7, -8, 9), new long[] {0});
            tx.commit();
        }
        assertEquals(List.of("7", "-8", "9"), ExternalTools.h5dumpValues(file, "/g/b", null));
        assertEquals(SHAPE[0] * SHAPE[1], ExternalTools.h5dumpValues(file, "/a", "%.17g").size());
    }
}
