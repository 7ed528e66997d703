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
 * axis 0 and its global standard deviation, in a JVM capped at 1 GiB of heap ({@code -Xmx1g}) and 1.5 GiB of
 * native memory (JavaCPP's {@code maxbytes}, which every ND4J buffer is counted against), beside
 * {@code cat file > /dev/null} with the file evicted from the page cache (cold) and cached (warm); then the same
 * dataset copied to a deflate + shuffle file, and the copy reduced, with 1 and 2 workers. Each phase prints its
 * throughput and the cores it kept busy (process CPU time over wall time), which shows whether decompression
 * ran on both workers.
 *
 * <pre>
 * mvn -q -o package -pl jmh -am -DskipTests
 * mvn -q -o dependency:build-classpath -pl jmh -Dmdep.outputFile=cp.txt
 * java -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1536m -Dorg.bytedeco.javacpp.maxphysicalbytes=1536m \
 *     -cp "$(cat jmh/cp.txt):jmh/target/classes" org.tessella.jmh.hdf5.Hdf5OutOfCore /scratch/dir 8
 * </pre>
 *
 * Arguments: a scratch directory (needs about 1.4 times the size free), the size in GiB, optionally the phases
 * (comma-separated, default all: {@code reduce,copy,reduce-copy}) and the worker counts (default {@code 1,2}). The dataset is
 * written once (1 MiB file chunks of 128 x 1024, like h5py's, uncompressed) and kept for later runs. The
 * JavaCPP caps make any native allocation beyond them fail ({@code maxphysicalbytes=1536m} caps the whole
 * resident set, heap included, at 1.5 GiB: stricter than the heap + native), so finishing is the memory
 * proof; the peak resident size ({@code VmHWM}) is printed too. Eviction uses {@code dd iflag=nocache}, so the
 * cold figures need GNU coreutils (and {@code fincore} from util-linux to print what stayed cached).
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
            Stopwatch t0 = Stopwatch.start();
            try (ThreadedScheduler s = Schedulers.threaded(2)) {
                Hdf5.store(s, plain, Map.of("/x", field), StoreOptions.defaults().chunks(FILE_CHUNK));
            }
            report("write plain (2 workers)", bytes, t0);
        }
        if (phases.contains("reduce")) {
            cat(plain, bytes);
            for (int workers : workerCounts) {
                evict(plain);
                reduce(plain, "plain, cold", workers, bytes);
                reduce(plain, "plain, warm", workers, bytes);
            }
        }
        for (int workers : phases.contains("copy") ? workerCounts : new int[0]) {
            Path deflated = dir.resolve("ooc-" + rows + "-deflate-" + workers + ".h5");
            Files.deleteIfExists(deflated);
            Stopwatch t0 = Stopwatch.start();
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
                evict(deflated);
                reduce(deflated, "deflate, cold", workers, bytes);
                reduce(deflated, "deflate, warm", workers, bytes);
            }
        }
        System.out.printf(Locale.ROOT, "peak resident size %s%n", peakRss());
    }

    static void reduce(Path file, String kind, int workers, long bytes) {
        Hdf5File f = Hdf5.open(file);
        ChunkedArray x = f.dataset("/x");
        Stopwatch t0 = Stopwatch.start();
        List<INDArray> r;
        try (ThreadedScheduler s = Schedulers.threaded(workers)) {
            r = ChunkedArray.compute(s, x.mean(new int[] {0}, false), x.std());
        }
        report(String.format(Locale.ROOT, "mean(axis 0) + std, %s, %d worker%s, %d blocks (mean[0] %.6f, std %.6f)", kind,
                workers, workers > 1 ? "s" : "", x.grid().totalBlocks(), r.get(0).getDouble(0), r.get(1).getDouble(0)),
                bytes, t0);
    }

    static void cat(Path file, long bytes) throws Exception {
        evict(file);
        for (String pass : new String[] {"cold", "warm"}) {
            Stopwatch t0 = Stopwatch.start();
            sh("cat '" + file + "' > /dev/null");
            double s = t0.seconds();
            System.out.printf(Locale.ROOT, "%-70s %7.0f MB/s of file, %7.0f MB/s of data%n",
                    "cat " + file.getFileName() + " > /dev/null (" + pass + ")", Files.size(file) / 1e6 / s, bytes / 1e6 / s);
        }
    }

    /**
     * Drops the file's pages from the page cache (flushed first: dirty pages cannot be dropped), so the next read
     * comes from the disk: {@code dd iflag=nocache count=0} asks the kernel (posix_fadvise DONTNEED) for the whole
     * file, no privileges needed. Prints how much stayed cached when {@code fincore} is there to tell.
     */
    static void evict(Path file) throws Exception {
        sh("sync '" + file + "' && dd if='" + file + "' iflag=nocache count=0 status=none");
        String left = shOutput("command -v fincore >/dev/null && fincore -n -b -o RES '" + file + "'").trim();
        System.out.printf(Locale.ROOT, "  evicted %s from the page cache (%s bytes still cached)%n", file.getFileName(),
                left.isEmpty() ? "unknown" : left);
    }

    private static void sh(String command) throws Exception {
        int rc = new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("command failed with exit code " + rc + ": " + command);
        }
    }

    private static String shOutput(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Wall and process CPU time at a start. */
    record Stopwatch(long wall, long cpu) {
        static Stopwatch start() {
            return new Stopwatch(System.nanoTime(), cpuNanos());
        }

        double seconds() {
            return (System.nanoTime() - wall) / 1e9;
        }
    }

    /** Throughput, and this process's CPU time over the wall time since {@code t0} (cores busy on average). */
    static void report(String what, long bytes, Stopwatch t0) {
        double s = t0.seconds();
        double cores = (cpuNanos() - t0.cpu()) / 1e9 / s;
        System.out.printf(Locale.ROOT, "%-70s %7.0f MB/s of data (%.1f s, %.2f cores busy)%n", what, bytes / 1e6 / s, s,
                cores);
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
