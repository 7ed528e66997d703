package org.tessella.jmh.hdf5;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5;
import org.tessella.hdf5.Hdf5File;
import org.tessella.hdf5.StoreOptions;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.ThreadedScheduler;
import org.tessella.scheduler.Schedulers;

/**
 * Out-of-core proof for io-hdf5: a float64 dataset larger than memory (8 GiB by default) reduced to its mean over
 * axis 0 and its global standard deviation, in a JVM capped at 1 GiB of heap and 2.5 GiB in all (heap + 1.5 GiB
 * native), beside {@code cat file > /dev/null}; then the same dataset copied to a deflate + shuffle file, and
 * the copy reduced, with 1 and 2 workers.
 *
 * <pre>
 * mvn -q -o package -pl jmh -am -DskipTests
 * mvn -q -o dependency:build-classpath -pl jmh -Dmdep.outputFile=cp.txt
 * java -Xmx1g -Dorg.bytedeco.javacpp.maxphysicalbytes=2560m -cp "$(cat cp.txt):jmh/target/classes" \
 *     org.tessella.jmh.hdf5.Hdf5OutOfCore /scratch/dir 8
 * </pre>
 *
 * Arguments: a scratch directory (needs about 1.4 times the size free), the size in GiB, optionally the phases
 * (comma-separated, default all: {@code reduce,copy,reduce-copy}) and the worker counts (default {@code 1,2}). The dataset is
 * written once (1 MiB file chunks of 128 x 1024, like h5py's, uncompressed) and kept for later runs. The
 * JavaCPP cap makes any native allocation beyond it fail, so finishing is the memory proof; the peak resident
 * size ({@code VmHWM}) is printed too.
 */
public final class Hdf5OutOfCore {
    static final int COLUMNS = 1024;
    static final long[] FILE_CHUNK = {128, COLUMNS};

    private Hdf5OutOfCore() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/tessella-ooc");
        double gib = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        java.util.Set<String> phases = java.util.Set.of((args.length > 2 ? args[2] : "reduce,copy,reduce-copy").split(","));
        int[] workerCounts = args.length > 3 ? java.util.Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 2};
        Files.createDirectories(dir);
        if (Boolean.getBoolean("tessella.ooc.monitor")) {
            monitor();
        }
        long rows = (long) (gib * (1L << 30)) / 8 / COLUMNS;
        long[] shape = {rows, COLUMNS};
        long bytes = rows * COLUMNS * 8;
        Path plain = dir.resolve("ooc-" + rows + ".h5");
        System.out.printf(Locale.ROOT, "dataset %d x %d float64 = %.2f GiB; heap max %d MiB; %d cores%n", rows, COLUMNS,
                bytes / (double) (1L << 30), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        if (!Files.exists(plain)) {
            ChunkedArray field = ChunkedArray.fromBlocks("field", "ooc-field-" + rows, shape, Chunks.of(16384, COLUMNS),
                    DType.FLOAT64, b -> field(b.offset()[0], b.shape()[0]));
            long t0 = System.nanoTime();
            try (ThreadedScheduler s = Schedulers.threaded(2)) {
                Hdf5.store(s, plain, Map.of("/x", field), StoreOptions.defaults().chunks(FILE_CHUNK));
            }
            report("write plain (2 workers)", bytes, t0);
        }
        if (phases.contains("reduce")) {
            cat(plain, bytes);
            for (int workers : workerCounts) {
                reduce(plain, "plain", workers, bytes);
            }
        }
        for (int workers : phases.contains("copy") ? workerCounts : new int[0]) {
            Path deflated = dir.resolve("ooc-" + rows + "-deflate-" + workers + ".h5");
            Files.deleteIfExists(deflated);
            long t0 = System.nanoTime();
            try (ThreadedScheduler s = Schedulers.threaded(workers)) {
                Hdf5.store(s, deflated, Map.of("/x", Hdf5.open(plain).dataset("/x")),
                        StoreOptions.defaults().chunks(FILE_CHUNK).deflate(1).shuffle(true));
            }
            report("deflate copy (" + workers + " worker" + (workers > 1 ? "s" : "") + ", "
                    + (Files.size(deflated) >> 20) + " MiB)", bytes, t0);
        }
        Path deflated = dir.resolve("ooc-" + rows + "-deflate-" + workerCounts[workerCounts.length - 1] + ".h5");
        if (phases.contains("reduce-copy") && Files.exists(deflated)) {
            cat(deflated, bytes);
            for (int workers : workerCounts) {
                reduce(deflated, "deflate", workers, bytes);
            }
        }
        System.out.printf(Locale.ROOT, "peak resident size %s%n", peakRss());
    }

    static void reduce(Path file, String kind, int workers, long bytes) {
        Hdf5File f = Hdf5.open(file);
        ChunkedArray x = f.dataset("/x");
        long t0 = System.nanoTime();
        List<INDArray> r;
        try (ThreadedScheduler s = Schedulers.threaded(workers)) {
            r = ChunkedArray.compute(s, x.mean(new int[] {0}, false), x.std());
        }
        report(String.format(Locale.ROOT, "mean(axis 0) + std, %s, %d worker%s, %d blocks (mean[0] %.6f, std %.6f)", kind,
                workers, workers > 1 ? "s" : "", x.grid().totalBlocks(), r.get(0).getDouble(0), r.get(1).getDouble(0)),
                bytes, t0);
    }

    static void cat(Path file, long bytes) throws Exception {
        for (String pass : new String[] {"first", "again"}) {
            long t0 = System.nanoTime();
            new ProcessBuilder("sh", "-c", "cat '" + file + "' > /dev/null").inheritIO().start().waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%-70s %7.0f MB/s of file, %7.0f MB/s of data%n",
                    "cat " + file.getFileName() + " > /dev/null (" + pass + ")", Files.size(file) / 1e6 / s, bytes / 1e6 / s);
        }
    }

    static void report(String what, long bytes, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-70s %7.0f MB/s of data (%.1f s)%n", what, bytes / 1e6 / s, s);
    }

    private static final double[] COLUMN_PART = new double[COLUMNS];

    static {
        for (int c = 0; c < COLUMNS; c++) {
            COLUMN_PART[c] = 5 * Math.cos(c / 40.0);
        }
    }

    /** A smooth field with two decimals, like a temperature record. */
    static INDArray field(long firstRow, long rows) {
        INDArray a = Blocks.allocate(DType.FLOAT64, rows, COLUMNS);
        java.nio.DoubleBuffer out = a.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
        double[] row = new double[COLUMNS];
        for (long r = 0; r < rows; r++) {
            long g = firstRow + r;
            double base = 280 + 10 * Math.sin(g / 300.0);
            for (int c = 0; c < COLUMNS; c++) {
                row[c] = Math.rint((base + COLUMN_PART[c] + ((g * 31 + c * 17) % 97) / 50.0) * 100) / 100.0;
            }
            out.put((int) (r * COLUMNS), row);
        }
        return a;
    }

    /** Prints memory figures every 5 s (-Dtessella.ooc.monitor=true). */
    static void monitor() {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(5000);
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf(Locale.ROOT, "  [memory] rss %d MiB, javacpp tracked %d MiB, heap used %d / committed %d MiB, pooled blocks %d MiB%n",
                            org.bytedeco.javacpp.Pointer.physicalBytes() >> 20, org.bytedeco.javacpp.Pointer.totalBytes() >> 20,
                            (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20,
                            org.tessella.ndarray.kernel.BlockPool.pooledBytes() >> 20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ooc-monitor");
        t.setDaemon(true);
        t.start();
    }

    static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                return line.substring(6).trim();
            }
        }
        return "unknown";
    }
}
