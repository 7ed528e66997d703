package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Many threads reading and writing at once: without {@link H5Lock} the library crashes the JVM (two threads in
 * H5Dread did every time, DEPENDENCIES.md); with it, every block comes back exact.
 */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void parallelWritersThenParallelReadersOnBothPaths() throws Exception {
        long[] shape = {96, 80};
        long[] chunk = {16, 16};
        INDArray data = TestArrays.make(H5Type.FLOAT64, shape, TestArrays.Data.SMOOTH, 21);
        INDArray other = TestArrays.make(H5Type.INT16, shape, TestArrays.Data.RANDOM, 22);
        Path file = dir.resolve("parallel.h5");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            try (H5Transaction tx = H5Transaction.createFile(file, false)) {
                DatasetSink a = tx.createDataset("/a", shape, H5Type.FLOAT64, chunk, 6, true, false);
                DatasetSink b = tx.createDataset("/b", shape, H5Type.INT16, chunk, -1, false, false);
                List<Callable<Void>> writes = new ArrayList<>();
                // /a: blocks of whole chunks (raw writes); /b: blocks that cut chunks (library read-modify-write).
                TestArrays.forEachBlock(shape, new long[] {32, 16}, (off, s) -> writes.add(() -> {
                    BlockWriter.write(a, TestArrays.box(data, off, s), off);
                    return null;
                }));
                TestArrays.forEachBlock(shape, new long[] {24, 20}, (off, s) -> writes.add(() -> {
                    BlockWriter.write(b, TestArrays.box(other, off, s), off);
                    return null;
                }));
                for (Future<Void> f : pool.invokeAll(writes)) {
                    f.get();
                }
                tx.commit();
            }
            DatasetSource a;
            DatasetSource b;
            try (H5File f = H5File.open(file, H5File.Mode.READ)) {
                a = DatasetSource.reopening(file, f.dataset("/a"));
                b = DatasetSource.reopening(file, f.dataset("/b"));
            }
            List<Future<?>> reads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                reads.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    for (int i = 0; i < 60; i++) {
                        long[] off = {r.nextInt(96), r.nextInt(80)};
                        long[] s = {1 + r.nextInt((int) (96 - off[0])), 1 + r.nextInt((int) (80 - off[1]))};
                        BlockReader.Path path = BlockReader.Path.values()[r.nextInt(2)];
                        boolean first = r.nextBoolean();
                        TestArrays.assertSame(TestArrays.box(first ? data : other, off, s),
                                BlockReader.read(first ? a : b, off, s, path), "thread " + seed + " read " + i);
                    }
                }));
            }
            for (Future<?> f : reads) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void typeHelpersRefuseToRunOutsideTheLock() {
        assertThrows(IllegalStateException.class, () -> H5Types.memoryType(H5Type.FLOAT64));
    }
}
