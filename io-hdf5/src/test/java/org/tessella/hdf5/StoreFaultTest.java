package org.tessella.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.TaskFailedException;

/**
 * An exception in the middle of a store, and a cancelled store, leave no new file (nor a temporary or staging
 * file) and an existing file unchanged byte for byte, whether the store writes a new file, replaces a file, or
 * adds datasets to it (also when it overwrites one).
 */
class StoreFaultTest {
    @TempDir
    Path dir;

    static final org.tessella.scheduler.ThreadedScheduler TWO = Schedulers.threaded(2);

    @AfterAll
    static void stopWorkers() {
        TWO.close();
    }

    static final long[] SHAPE = {64, 48};
    static final Chunks CHUNKS = Chunks.of(8, 16);

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** An array whose blocks are made on demand; block {@code failAt} (flat C-order index) throws. */
    static ChunkedArray failingAt(int failAt, AtomicInteger made) {
        return ChunkedArray.fromBlocks("failing", null, SHAPE, CHUNKS, DType.FLOAT64, b -> {
            int flat = b.index()[0] * 3 + b.index()[1];
            if (flat == failAt) {
                throw new IllegalStateException("block " + flat + " cannot be computed");
            }
            made.incrementAndGet();
            INDArray block = Blocks.allocate(DType.FLOAT64, b.shape());
            block.assign(flat);
            return block;
        });
    }

    Path existing(String name) {
        Path file = dir.resolve(name);
        Hdf5.store(file, Map.of("/kept", ChunkedArray.ones(SHAPE, DType.FLOAT64, CHUNKS)),
                StoreOptions.defaults().deflate(4).shuffle(true));
        return file;
    }

    @Test
    void failureInTheMiddleLeavesNoNewFile() throws Exception {
        AtomicInteger made = new AtomicInteger();
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> Hdf5.store(TWO, dir.resolve("new.h5"),
                Map.of("/x", failingAt(13, made)), StoreOptions.defaults().deflate(1)));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("block 13 cannot be computed", e.getCause().getMessage());
        assertTrue(made.get() > 0, "some blocks were written before the failure");
        assertEquals(List.of(), entries());
    }

    @Test
    void failureWhileReplacingAFileLeavesItByteForByte() throws Exception {
        Path file = existing("replace.h5");
        String before = sha256(file);
        assertThrows(TaskFailedException.class, () -> Hdf5.store(TWO, file,
                Map.of("/x", failingAt(20, new AtomicInteger())), StoreOptions.defaults().replaceFile(true)));
        assertEquals(before, sha256(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void failureWhileAddingLeavesTheFileByteForByte() throws Exception {
        Path file = existing("add.h5");
        String before = sha256(file);
        AtomicInteger made = new AtomicInteger();
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> Hdf5.store(TWO, file,
                Map.of("/g/x", failingAt(20, made), "/kept", ChunkedArray.zeros(SHAPE, DType.FLOAT64, CHUNKS)),
                StoreOptions.defaults().overwrite(true).deflate(1)));
        assertEquals("block 20 cannot be computed", e.getCause().getMessage());
        assertTrue(made.get() > 0, "some blocks were written before the failure");
        assertEquals(before, sha256(file));
        assertEquals(List.of(file), entries(), "no staging file left");
        Hdf5File f = Hdf5.open(file);
        assertEquals(List.of("/kept"), f.datasets());
        assertEquals(SHAPE[0] * SHAPE[1], f.dataset("/kept").sum().compute().getDouble(0), "still ones");
    }

    @Test
    void successfulAddPutsTheDatasetsInPlace() throws Exception {
        Path file = existing("added.h5");
        Hdf5.store(TWO, file, Map.of("/g/h/x", failingAt(-1, new AtomicInteger()),
                        "/kept", ChunkedArray.ones(SHAPE, DType.FLOAT64, CHUNKS).mul(2)),
                StoreOptions.defaults().overwrite(true).chunks(16, 16).deflate(5).shuffle(true));
        assertEquals(List.of(file), entries(), "no staging file left");
        Hdf5File f = Hdf5.open(file);
        assertEquals(List.of("/g/h/x", "/kept"), f.datasets());
        assertEquals(List.of("/g", "/g/h"), f.groups(), "intermediate groups created");
        for (String d : List.of("/g/h/x", "/kept")) {
            Hdf5DatasetInfo info = f.info(d);
            assertArrayEquals(new long[] {16, 16}, info.chunkShape(), d);
            assertEquals(5, info.deflateLevel(), d);
            assertTrue(info.shuffle(), d);
        }
        assertEquals(failingAt(-1, new AtomicInteger()).compute(), f.dataset("/g/h/x").compute());
        assertEquals(2.0 * SHAPE[0] * SHAPE[1], f.dataset("/kept").sum().compute().getDouble(0), "replaced: twos");
    }

    @Test
    void pathTakenWhileComputingFailsAtCommitAndWritesNothing() throws Exception {
        Path file = existing("taken.h5");
        AtomicReference<String> afterOther = new AtomicReference<>();
        ChunkedArray x = ChunkedArray.fromBlocks("meanwhile", null, SHAPE, CHUNKS, DType.FLOAT64, b -> {
            if (b.index()[0] == 0 && b.index()[1] == 0) {
                // Another store adds /x to the file while this one computes (the file is not held open).
                Hdf5.store(Schedulers.synchronous(), file, Map.of("/x", ChunkedArray.ones(new long[] {2}, DType.INT32,
                        Chunks.of(2))), StoreOptions.defaults());
                afterOther.set(sha256(file));
            }
            INDArray block = Blocks.allocate(DType.FLOAT64, b.shape());
            block.assign(1);
            return block;
        });
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> Hdf5.store(TWO, file, Map.of("/x", x), StoreOptions.defaults()));
        Hdf5ArgumentException cause = assertInstanceOf(Hdf5ArgumentException.class, e.getCause());
        assertTrue(cause.getMessage().contains("dataset exists: /x (changed while the store ran)"), cause.getMessage());
        assertEquals(afterOther.get(), sha256(file), "as the other store left it");
        assertEquals(List.of(file), entries());
        assertArrayEquals(new long[] {2}, Hdf5.open(file).info("/x").shape());
    }

    @Test
    void existingDatasetNeedsOverwriteAndIsCheckedBeforeAnythingRuns() throws Exception {
        Path file = existing("exists.h5");
        String before = sha256(file);
        AtomicInteger made = new AtomicInteger();
        Hdf5ArgumentException e = assertThrows(Hdf5ArgumentException.class, () -> Hdf5.store(file,
                Map.of("/kept", failingAt(-1, made)), StoreOptions.defaults()));
        assertTrue(e.getMessage().contains("dataset exists: /kept"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(0, made.get(), "nothing computed");
        assertEquals(before, sha256(file));
    }

    enum Kind { NEW_FILE, REPLACE_FILE, ADD_TO_FILE }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cancelledStoreLeavesNothingAndTheOldFileUnchanged(Kind kind) throws Exception {
        Path file = kind == Kind.NEW_FILE ? dir.resolve("cancel.h5") : existing("cancel.h5");
        String before = kind == Kind.NEW_FILE ? null : sha256(file);
        CountDownLatch someWritten = new CountDownLatch(4);
        AtomicInteger made = new AtomicInteger();
        ChunkedArray slow = ChunkedArray.fromBlocks("slow", null, SHAPE, CHUNKS, DType.FLOAT64, b -> {
            if (made.incrementAndGet() > 6) {
                Thread.sleep(60_000); // a long task: interrupted by the cancellation
            }
            someWritten.countDown();
            INDArray block = Blocks.allocate(DType.FLOAT64, b.shape());
            block.assign(1);
            return block;
        });
        Map<String, ChunkedArray> datasets = kind == Kind.ADD_TO_FILE
                ? Map.of("/g/x", slow, "/kept", ChunkedArray.zeros(SHAPE, DType.FLOAT64, CHUNKS))
                : Map.of("/x", slow);
        StoreOptions options = StoreOptions.defaults().replaceFile(kind == Kind.REPLACE_FILE)
                .overwrite(kind == Kind.ADD_TO_FILE).deflate(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread storing = new Thread(() -> {
            try {
                Hdf5.store(TWO, file, datasets, options);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        storing.start();
        assertTrue(someWritten.await(60, TimeUnit.SECONDS));
        storing.interrupt(); // what cancelling a computation is
        storing.join(60_000);
        assertTrue(!storing.isAlive(), "the store returned");
        assertTrue(thrown.get() instanceof RuntimeException, String.valueOf(thrown.get()));
        if (kind == Kind.NEW_FILE) {
            assertEquals(List.of(), entries(), "neither the file nor its temporary");
        } else {
            assertEquals(before, sha256(file));
            assertEquals(List.of(file), entries(), "no temporary or staging file left");
        }
    }
}
