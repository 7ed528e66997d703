package org.tessella.hdf5;

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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.TaskFailedException;

/**
 * An exception in the middle of a store, and a cancelled store, leave no new file (nor a temporary) and an
 * existing file unchanged: byte for byte when the store writes a new file, logically when it adds datasets.
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
    void failureWhileAddingLeavesTheFileLogicallyUnchanged() throws Exception {
        Path file = existing("add.h5");
        assertThrows(TaskFailedException.class, () -> Hdf5.store(TWO, file,
                Map.of("/x", failingAt(20, new AtomicInteger()), "/kept", ChunkedArray.zeros(SHAPE, DType.FLOAT64, CHUNKS)),
                StoreOptions.defaults().overwrite(true)));
        Hdf5File f = Hdf5.open(file);
        assertEquals(List.of("/kept"), f.datasets());
        assertEquals(List.of(), f.groups());
        assertEquals(SHAPE[0] * SHAPE[1], f.dataset("/kept").sum().compute().getDouble(0), "still ones");
        assertEquals(List.of(file), entries());
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

    @Test
    void cancelledStoreLeavesNothingAndTheOldFileUnchanged() throws Exception {
        for (boolean replace : new boolean[] {false, true}) {
            Path file = replace ? existing("cancel-replace.h5") : dir.resolve("cancel-new.h5");
            String before = replace ? sha256(file) : null;
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
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread storing = new Thread(() -> {
                try {
                    Hdf5.store(TWO, file, Map.of("/x", slow),
                            StoreOptions.defaults().replaceFile(replace));
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
            if (replace) {
                assertEquals(before, sha256(file));
                assertEquals(List.of(file), entries().stream().filter(p -> p.toString().contains("cancel")).toList());
            } else {
                assertTrue(Files.notExists(file));
                assertTrue(entries().stream().noneMatch(p -> p.toString().contains("cancel-new")), entries().toString());
            }
        }
        assertTrue(entries().stream().noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), entries().toString());
    }
}
