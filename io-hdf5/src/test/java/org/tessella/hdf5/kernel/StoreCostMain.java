package org.tessella.hdf5.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5;
import org.tessella.hdf5.StoreOptions;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.ThreadedScheduler;
import org.tessella.scheduler.Schedulers;

/**
 * Measures what adding a dataset to an existing file costs, against writing it to a new file: the numbers in
 * docs/design-notes.md (io-hdf5, "Stores that appear only when complete") come from it. Not a test (run it by
 * hand; about a minute per GiB and kind):
 *
 * <pre>
 * mvn -q -o test-compile -pl io-hdf5 -am
 * mvn -q -o dependency:build-classpath -pl io-hdf5 -Dmdep.outputFile=cp.txt
 * java -Xmx1g -cp "$(cat io-hdf5/cp.txt):io-hdf5/target/classes:io-hdf5/target/test-classes" \
 *     org.tessella.hdf5.kernel.StoreCostMain /tmp/h5store 1024
 * </pre>
 * Arguments: a scratch directory, the dataset size in MiB. For each kind (plain, shuffle + deflate level 4):
 * {@code Hdf5.store} of a float64 field (the data of {@link KernelThroughputMain}, 1 MiB file chunks, 32 MiB
 * blocks, two workers) into a new file, then into an existing file (adding), with the load average before
 * each run; and the commit of an addition alone, timed on the kernel's transaction.
 */
public final class StoreCostMain {
    static final int COLUMNS = KernelThroughputMain.COLUMNS;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/h5store");
        long mib = args.length > 1 ? Long.parseLong(args[1]) : 1024;
        Files.createDirectories(dir);
        long rows = mib * (1 << 20) / 8 / COLUMNS;
        long[] shape = {rows, COLUMNS};
        long bytes = rows * COLUMNS * 8;
        ChunkedArray x = ChunkedArray.fromBlocks("field", "field-" + rows, shape,
                Chunks.of(KernelThroughputMain.BLOCK_ROWS, COLUMNS), DType.FLOAT64, b -> {
                    INDArray a = Blocks.allocate(DType.FLOAT64, b.shape());
                    fill(a, b.offset()[0], b.shape()[0]);
                    return a;
                });
        System.out.printf(Locale.ROOT, "dataset %d x %d float64 = %d MiB, file chunks %d x %d, blocks of %d rows%n",
                rows, COLUMNS, bytes >> 20, KernelThroughputMain.CHUNK_ROWS, COLUMNS, KernelThroughputMain.BLOCK_ROWS);
        try (ThreadedScheduler two = Schedulers.threaded(2)) {
            for (String kind : List.of("plain", "deflate")) {
                StoreOptions options = StoreOptions.defaults().chunks(KernelThroughputMain.CHUNK_ROWS, COLUMNS);
                if (kind.equals("deflate")) {
                    options = options.deflate(4).shuffle(true);
                }
                Path fresh = dir.resolve(kind + "-new.h5");
                Files.deleteIfExists(fresh);
                String load = load();
                long t0 = System.nanoTime();
                Hdf5.store(two, fresh, Map.of("/x", x), options);
                report("new file", kind, t0, bytes, fresh, load);

                Path existing = dir.resolve(kind + "-add.h5");
                Files.deleteIfExists(existing);
                Hdf5.store(two, existing, Map.of("/small", ChunkedArray.ones(new long[] {10, 10}, DType.FLOAT64,
                        Chunks.of(10, 10))), StoreOptions.defaults());
                load = load();
                t0 = System.nanoTime();
                Hdf5.store(two, existing, Map.of("/results/x", x), options);
                report("add to file", kind, t0, bytes, existing, load);

                // The commit alone: stage with the transaction, then time commit().
                Path again = dir.resolve(kind + "-commit.h5");
                Files.deleteIfExists(again);
                Files.copy(existing, again);
                try (H5Transaction tx = H5Transaction.updateFile(again)) {
                    DatasetSink sink = tx.createDataset("/results/y", shape, H5Type.FLOAT64,
                            new long[] {KernelThroughputMain.CHUNK_ROWS, COLUMNS}, options.deflateLevel(),
                            options.shuffle(), false);
                    KernelThroughputMain.forEachBlockParallel(rows, 2, (off, n) ->
                            BlockWriter.write(sink, KernelThroughputMain.field(off, n), new long[] {off, 0}));
                    load = load();
                    t0 = System.nanoTime();
                    tx.commit();
                }
                report("commit alone", kind, t0, bytes, again, load);
                Files.deleteIfExists(fresh);
                Files.deleteIfExists(existing);
                Files.deleteIfExists(again);
            }
        }
    }

    static void report(String what, String kind, long t0, long bytes, Path file, String load) throws Exception {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-12s %-7s %6.2f s  %6.0f MB/s of data  (file %d MiB; load %s)%n", what, kind,
                s, bytes / 1e6 / s, Files.size(file) >> 20, load);
    }

    static String load() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    static void fill(INDArray a, long firstRow, long rows) {
        INDArray src = KernelThroughputMain.field(firstRow, rows);
        a.assign(src);
        src.close();
    }
}
