package org.tessella.hdf5.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures the kernel's read and write paths against {@code cat file > /dev/null}; the numbers in
 * docs/design-notes.md (io-hdf5) come from it. Not a test (run it by hand, it takes a minute or two):
 *
 * <pre>
 * mvn -q -o test-compile -pl io-hdf5 -am
 * java -Xmx1g -cp "$(cat cp.txt):io-hdf5/target/classes:io-hdf5/target/test-classes" \
 *     org.tessella.hdf5.kernel.KernelThroughputMain /tmp/h5bench 1024
 * </pre>
 * (cp.txt from {@code mvn -q dependency:build-classpath -pl io-hdf5 -Dmdep.outputFile=cp.txt}). Arguments:
 * a scratch directory, the dataset size in MiB, and optionally {@code read} to reuse the files of a previous
 * run and only measure reads. Data: a float64 field of 1024 columns, values like a
 * temperature record (smooth, two decimals), so shuffle + deflate compresses it about as much as real data.
 */
public final class KernelThroughputMain {
    static final int COLUMNS = 1024;
    static final long CHUNK_ROWS = 128;  // 1 MiB chunks, h5py-sized
    static final long BLOCK_ROWS = 4096; // 32 MiB blocks

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/h5bench");
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        Files.createDirectories(dir);
        long rows = mib * (1 << 20) / 8 / COLUMNS;
        long[] shape = {rows, COLUMNS};
        long[] chunk = {CHUNK_ROWS, COLUMNS};
        long bytes = rows * COLUMNS * 8;
        System.out.printf(Locale.ROOT, "dataset %d x %d float64 = %d MiB, chunks %d x %d, blocks of %d rows, %d cores%n",
                rows, COLUMNS, bytes >> 20, CHUNK_ROWS, COLUMNS, BLOCK_ROWS, Runtime.getRuntime().availableProcessors());

        boolean readOnly = args.length > 2 && args[2].equals("read");
        for (String kind : readOnly ? List.<String>of() : List.of("plain", "deflate")) {
            for (BlockWriter.Path path : BlockWriter.Path.values()) {
                for (int threads : new int[] {1, 2}) {
                    Path file = dir.resolve(kind + ".h5");
                    Files.deleteIfExists(file);
                    long t0 = System.nanoTime();
                    try (H5Transaction tx = H5Transaction.createFile(file, false)) {
                        DatasetSink sink = tx.createDataset("/x", shape, H5Type.FLOAT64, chunk,
                                kind.equals("deflate") ? 4 : -1, kind.equals("deflate"), false);
                        forEachBlockParallel(rows, threads, (off, n) -> BlockWriter.write(sink, field(off, n), new long[] {off, 0}, path));
                        tx.commit();
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "write %-7s %-9s %d thread(s): %6.0f MB/s  (file %d MiB)%n", kind, path,
                            threads, bytes / 1e6 / s, Files.size(file) >> 20);
                }
            }
        }
        for (String kind : List.of("plain", "deflate")) {
            Path file = dir.resolve(kind + ".h5");
            double cold = catSeconds(file);
            double warm = catSeconds(file);
            System.out.printf(Locale.ROOT, "cat %-7s > /dev/null: first %6.0f MB/s, again %6.0f MB/s of file (%6.0f MB/s of data)%n",
                    kind, Files.size(file) / 1e6 / cold, Files.size(file) / 1e6 / warm, bytes / 1e6 / warm);
            DatasetInfo info;
            try (H5File f = H5File.open(file, H5File.Mode.READ)) {
                info = f.dataset("/x");
            }
            DatasetSource source = DatasetSource.reopening(file, info);
            for (BlockReader.Path path : BlockReader.Path.values()) {
                for (int threads : new int[] {1, 2}) {
                    DoubleAdder sum = new DoubleAdder();
                    long held0 = H5Lock.heldNanos();
                    long t0 = System.nanoTime();
                    forEachBlockParallel(rows, threads, (off, n) -> {
                        INDArray b = BlockReader.read(source, new long[] {off, 0}, new long[] {n, COLUMNS}, path);
                        sum.add(b.sumNumber().doubleValue());
                        b.close();
                    });
                    double s = (System.nanoTime() - t0) / 1e9;
                    double held = (H5Lock.heldNanos() - held0) / 1e9;
                    System.out.printf(Locale.ROOT, "read  %-7s %-9s %d thread(s): %6.0f MB/s  (lock held %2.0f%% of the time; sum %.6g)%n",
                            kind, path, threads, bytes / 1e6 / s, 100 * held / s, sum.sum());
                }
            }
        }
    }

    interface BlockTask {
        void run(long firstRow, long rows) throws Exception;
    }

    static void forEachBlockParallel(long rows, int threads, BlockTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (long off = 0; off < rows; off += BLOCK_ROWS) {
                long o = off;
                long n = Math.min(BLOCK_ROWS, rows - off);
                fs.add(pool.submit(() -> {
                    task.run(o, n);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static final double[] COLUMN_PART = new double[COLUMNS];

    static {
        for (int c = 0; c < COLUMNS; c++) {
            COLUMN_PART[c] = 5 * Math.cos(c / 40.0);
        }
    }

    /** A smooth field with two decimals, like a temperature record (cheap to make: no transcendental per element). */
    static INDArray field(long firstRow, long rows) {
        INDArray a = Nd4jBuffers.allocate(H5Type.FLOAT64, new long[] {rows, COLUMNS});
        ByteBuffer b = Nd4jBuffers.bytes(a).order(ByteOrder.LITTLE_ENDIAN);
        int k = 0;
        for (long r = firstRow; r < firstRow + rows; r++) {
            double rowPart = 280 + 10 * Math.sin(r / 300.0);
            for (int c = 0; c < COLUMNS; c++) {
                double v = rowPart + COLUMN_PART[c] + ((r * 31 + c * 17) % 97) / 50.0;
                b.putDouble(8 * k++, Math.rint(v * 100) / 100.0);
            }
        }
        return a;
    }

    static double catSeconds(Path file) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", "cat '" + file + "' > /dev/null").start();
        p.waitFor();
        return (System.nanoTime() - t0) / 1e9;
    }
}
