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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5ArgumentException;

/**
 * A store is visible only after commit; a failure or an abort (what a cancelled computation does) removes the
 * temporaries and leaves an existing file byte for byte as it was, whether the store writes a new file or adds
 * datasets; a failure inside an addition's commit leaves it logically as it was.
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

    @ParameterizedTest(name = "adding={0}")
    @ValueSource(booleans = {false, true})
    void abortFromAnotherThreadWhileWritersRunIsACancellation(boolean adding) throws Exception {
        Path file = existingFile("cancel.h5");
        String before = sha256(file);
        INDArray data = TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.RANDOM, 5);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            H5Transaction tx = adding ? H5Transaction.updateFile(file) : H5Transaction.createFile(file, true);
            DatasetSink sink = tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, adding);
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
    void addingToAnExistingFileIsStagedBesideItUntilCommit() throws Exception {
        Path file = existingFile("add.h5");
        String before = sha256(file);
        INDArray data = TestArrays.make(H5Type.UINT8, SHAPE, TestArrays.Data.SMOOTH, 6);
        INDArray scalar = TestArrays.make(H5Type.FLOAT64, new long[0], TestArrays.Data.RANDOM, 7);
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            DatasetSink sink = tx.createDataset("/results/deep/x", SHAPE, H5Type.UINT8, CHUNK, 5, true, false);
            TestArrays.forEachBlock(SHAPE, CHUNK, (off, s) -> BlockWriter.write(sink, TestArrays.box(data, off, s), off));
            BlockWriter.write(tx.createDataset("/s", new long[0], H5Type.FLOAT64, null, -1, false, false), scalar,
                    new long[0]);
            tx.createDataset("/results/empty", new long[] {0, 4}, H5Type.INT32, new long[] {1, 4}, 4, true, false);
            // Until commit the data lives in a staging file beside the target; the target is not even opened
            // for writing, so it is unchanged byte for byte.
            Path staging = tx.temporaryFile();
            assertEquals(dir, staging.getParent());
            assertTrue(staging.getFileName().toString().startsWith(".add.h5-"), staging.toString());
            assertTrue(staging.getFileName().toString().endsWith(".stage.h5.tmp"), staging.toString());
            assertEquals(List.of(staging, file), entries());
            assertEquals(before, sha256(file));
            tx.commit();
        }
        assertEquals(List.of(file), entries(), "the staging file is removed");
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            assertFalse(f.list().stream().anyMatch(n -> n.path().contains("tessella-tmp")), f.list().toString());
            assertEquals(H5Node.Kind.GROUP, f.kind("/results/deep"));
            DatasetInfo info = f.dataset("/results/deep/x");
            assertArrayEquals(CHUNK, info.chunkShape());
            assertEquals(List.of(DatasetInfo.Filter.SHUFFLE, DatasetInfo.Filter.DEFLATE), info.filters());
            assertEquals(5, info.deflateLevel());
            TestArrays.assertSame(data, BlockReader.read(DatasetSource.of(f, "/results/deep/x"), new long[2], SHAPE), "added");
            TestArrays.assertSame(scalar, BlockReader.read(DatasetSource.of(f, "/s"), new long[0], new long[0]), "scalar");
            assertArrayEquals(new long[] {0, 4}, f.dataset("/results/empty").shape());
            TestArrays.assertSame(TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.SMOOTH, 1),
                    BlockReader.read(DatasetSource.of(f, "/a"), new long[2], SHAPE), "untouched");
        }
    }

    /** Stages an overwrite of /a and a new /n/b, and fails the way {@code fail} says. */
    void failedAddition(Path file, java.util.function.Consumer<H5Transaction> fail) {
        INDArray data = TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.RANDOM, 7);
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            BlockWriter.write(tx.createDataset("/n/b", SHAPE, H5Type.FLOAT64, CHUNK, -1, false, false), data,
                    new long[2]);
            DatasetSink a = tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, true);
            fail.accept(tx);
            writeBlocksThenFail(a, data, Integer.MAX_VALUE);
            tx.commit();
        }
    }

    @Test
    void failedAdditionLeavesTheFileByteForByte() throws Exception {
        Path file = existingFile("addfail.h5");
        String before = sha256(file);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (H5Transaction tx = H5Transaction.updateFile(file)) {
                tx.createDataset("/b", SHAPE, H5Type.FLOAT64, CHUNK, -1, false, false);
                writeBlocksThenFail(tx.createDataset("/a", SHAPE, H5Type.FLOAT64, CHUNK, 4, true, true),
                        TestArrays.make(H5Type.FLOAT64, SHAPE, TestArrays.Data.RANDOM, 7), 9);
                tx.commit();
            }
        });
        assertEquals("task failed at block 9", e.getMessage());
        assertEquals(before, sha256(file));
        assertEquals(List.of(file), entries(), "no staging file left");
    }

    /** What a failed commit must leave: the same objects, values and h5dump text, no temporaries. */
    void assertLogicallyUnchanged(Path file, List<H5Node> nodesBefore, String dumpBefore) throws Exception {
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

    @ParameterizedTest(name = "fails after: {0}")
    @ValueSource(strings = {"copied /n/b", "copied /a", "moved /n/b", "moved /a"})
    void failureDuringCommitLeavesTheFileLogicallyUnchanged(String failAfter) throws Exception {
        Path file = existingFile("commitfail.h5");
        String dumpBefore = ExternalTools.h5dumpAvailable() ? ExternalTools.run("h5dump", file.toString()) : null;
        List<H5Node> nodesBefore;
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            nodesBefore = f.list();
        }
        // The hook stands for an I/O error in the middle of the commit: copies made, /a moved aside or not.
        List<String> steps = new java.util.ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> failedAddition(file,
                tx -> tx.onCommitStep(step -> {
                    steps.add(step);
                    if (step.equals(failAfter)) {
                        throw new IllegalStateException("disk failed after " + step);
                    }
                })));
        assertEquals("disk failed after " + failAfter, e.getMessage());
        assertEquals(failAfter, steps.get(steps.size() - 1));
        assertLogicallyUnchanged(file, nodesBefore, dumpBefore);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/n/b", "/n"})
    void pathTakenWhileStagingFailsTheCommitBeforeItWrites(String taken) throws Exception {
        Path file = existingFile("taken.h5");
        java.util.concurrent.atomic.AtomicReference<String> afterOther = new java.util.concurrent.atomic.AtomicReference<>();
        Hdf5ArgumentException e = assertThrows(Hdf5ArgumentException.class, () -> failedAddition(file, tx -> {
            // Another store adds a dataset in the way after this one checked its paths (possible now that the
            // target is not held open while a store computes).
            try (H5Transaction other = H5Transaction.updateFile(file)) {
                other.createDataset(taken, new long[] {2}, H5Type.INT8, null, -1, false, false);
                other.commit();
            }
            try {
                afterOther.set(sha256(file));
            } catch (Exception io) {
                throw new IllegalStateException(io);
            }
        }));
        assertTrue(e.getMessage().contains("changed while the store ran"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("/n/b"), e.getMessage());
        // The commit checks every path before writing anything: the file is as the other store left it.
        assertEquals(afterOther.get(), sha256(file));
        assertEquals(List.of(file), entries());
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            assertArrayEquals(new long[] {2}, f.dataset(taken).shape(), "the other store's dataset");
            assertArrayEquals(SHAPE, f.dataset("/a").shape(), "/a not replaced");
        }
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
    void commitCopiesChunksAsStored() throws Exception {
        Path file = existingFile("raw.h5");
        long[] shape = {4, 6};
        long[] chunk = {2, 6};
        byte[] zeros = new byte[2 * 6 * 8];
        INDArray ramp = TestArrays.make(H5Type.FLOAT64, new long[] {2, 6}, TestArrays.Data.SMOOTH, 3);
        byte[] plain = TestArrays.bytesOf(ramp);
        java.util.zip.Deflater level1 = new java.util.zip.Deflater(1);
        level1.setInput(plain);
        level1.finish();
        byte[] buf = new byte[plain.length * 2];
        byte[] deflated = java.util.Arrays.copyOf(buf, level1.deflate(buf));
        level1.end();
        try (H5Transaction tx = H5Transaction.updateFile(file)) {
            // The dataset says deflate level 9; chunk 0 is stored without it (mask bit set), chunk 1 deflated at
            // level 1. Filtering again (decompress, recompress) would change both.
            DatasetSink sink = tx.createDataset("/r", shape, H5Type.FLOAT64, chunk, 9, false, false);
            sink.writeRawChunk(new long[] {0, 0}, 1, java.nio.ByteBuffer.wrap(zeros));
            sink.writeRawChunk(new long[] {2, 0}, 0, java.nio.ByteBuffer.wrap(deflated));
            tx.commit();
        }
        try (H5File f = H5File.open(file, H5File.Mode.READ)) {
            List<RawChunk> raw = f.readRawChunks("/r", List.of(new long[] {0, 0}, new long[] {2, 0}));
            assertEquals(1, raw.get(0).filterMask());
            assertArrayEquals(zeros, raw.get(0).bytes());
            assertEquals(0, raw.get(1).filterMask());
            assertArrayEquals(deflated, raw.get(1).bytes());
            assertEquals(9, f.dataset("/r").deflateLevel());
            TestArrays.assertSame(ramp, BlockReader.read(DatasetSource.of(f, "/r"), new long[] {2, 0}, chunk), "chunk 1");
        }
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
        assertEquals(List.of(file), entries());
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
        assertEquals(List.of(file), entries());
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
