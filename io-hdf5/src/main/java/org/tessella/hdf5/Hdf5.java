package org.tessella.hdf5;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.tessella.hdf5.kernel.DatasetSink;
import org.tessella.hdf5.kernel.H5File;
import org.tessella.hdf5.kernel.H5Lock;
import org.tessella.hdf5.kernel.H5Transaction;
import org.tessella.hdf5.kernel.H5Type;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.Task;

/**
 * HDF5 files as lazy chunked arrays, and stores of arrays into HDF5 files, block by block.
 *
 * <pre>{@code
 * Hdf5File f = Hdf5.open(Path.of("era5.h5"));
 * ChunkedArray t = f.dataset("/t2m");                 // nothing read yet
 * ChunkedArray anomaly = t.sub(t.mean(new int[] {0}, true));
 * Hdf5.store(Path.of("out.h5"), Map.of("/anomaly", anomaly), StoreOptions.defaults().deflate(4).shuffle(true));
 * }</pre>
 *
 * <p>The HDF5 library is not thread-safe: every call into it takes one JVM-wide lock. Compressed chunks
 * (deflate, with or without shuffle) are read and written raw inside the lock and inflated or deflated outside
 * it, by the scheduler's workers in parallel.
 */
public final class Hdf5 {
    private static final AtomicLong STORES = new AtomicLong();

    private Hdf5() {
    }

    /**
     * Opens an HDF5 file for reading: checks that it exists and is an HDF5 file, reads nothing else.
     *
     * @throws Hdf5ArgumentException if the file does not exist, is a directory, or is not an HDF5 file
     * @throws Hdf5Exception         if it is truncated or corrupt
     */
    public static Hdf5File open(Path file) {
        Path p = file.toAbsolutePath();
        H5Lock.run(() -> H5File.open(p, H5File.Mode.READ).close());
        return new Hdf5File(p);
    }

    /** {@link #store(Scheduler, Path, Map, StoreOptions)} with the default scheduler. */
    public static void store(Path file, Map<String, ChunkedArray> datasets, StoreOptions options) {
        store(Schedulers.get(), file, datasets, options);
    }

    /**
     * Computes arrays and writes them to datasets of a file, in one computation, each block as soon as it is
     * computed (so memory holds a few blocks, not the arrays). If {@code file} does not exist, or
     * {@link StoreOptions#replaceFile} is set, a new file is written under a temporary name beside it and
     * renamed into place when every block is written; otherwise the datasets are written to a staging file
     * beside it and copied into it at the end (compressed chunks are copied as stored, not compressed again),
     * while the existing file is only read (to check the dataset paths before anything is computed). If a task
     * fails, or the computation is cancelled (the calling thread interrupted), the temporary or staging file is
     * removed and an existing file is left byte for byte as it was. If the final copy into an existing file
     * fails, what it did is undone: the file is then logically as it was (same groups, datasets, attributes and
     * values), not byte for byte.
     *
     * @param datasets dataset path ("/group/name") to array; parent groups are created
     * @throws Hdf5ArgumentException if a dataset exists and {@link StoreOptions#overwrite} is not set, a path names
     *     a group, a dtype cannot be stored, or the file exists and is not an HDF5 file
     * @throws org.tessella.scheduler.TaskFailedException naming the failed block, with its exception as cause
     */
    public static void store(Scheduler scheduler, Path file, Map<String, ChunkedArray> datasets, StoreOptions options) {
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets is empty: " + datasets + "; expected at least one path -> array");
        }
        Path target = file.toAbsolutePath();
        Map<String, ChunkedArray> byPath = new LinkedHashMap<>();
        Map<String, H5Type> types = new LinkedHashMap<>();
        for (Map.Entry<String, ChunkedArray> e : datasets.entrySet()) {
            String p = H5File.normalize(e.getKey());
            if (e.getValue() == null) {
                throw new Hdf5ArgumentException(target, p, "array is null; expected a ChunkedArray");
            }
            if (byPath.put(p, e.getValue()) != null) {
                throw new Hdf5ArgumentException(target, p, "dataset path appears twice: " + p + "; expected each once");
            }
            types.put(p, DTypes.of(e.getValue().dtype()));
            long[] chunk = options.chunkShape();
            if (chunk != null && chunk.length != e.getValue().ndim()) {
                throw new Hdf5ArgumentException(target, p, "chunks has the wrong rank for this array: "
                        + Arrays.toString(chunk) + "; expected " + e.getValue().ndim() + " axes");
            }
        }
        boolean update = Files.exists(target) && !options.replaceFile();
        try (H5Transaction tx = update ? H5Transaction.updateFile(target)
                : H5Transaction.createFile(target, options.replaceFile())) {
            String prefix = "hdf5store-" + UUID.randomUUID().toString().substring(0, 8) + "-" + STORES.incrementAndGet();
            List<Graph> graphs = new ArrayList<>();
            List<Key> written = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, ChunkedArray> e : byPath.entrySet()) {
                ChunkedArray x = e.getValue();
                long[] fileChunk = options.chunkShape() != null ? options.chunkShape() : largestChunk(x);
                DatasetSink sink = tx.createDataset(e.getKey(), x.shape(), types.get(e.getKey()), fileChunk,
                        options.deflateLevel(), options.shuffle(), options.overwrite());
                StoreLayer layer = new StoreLayer(prefix + "-" + i++, x, sink);
                graphs.add(Graph.of(layer, x.graph()));
                written.addAll(layer.keys());
            }
            Key commit = Key.of(prefix + "-commit");
            Task commitTask = Task.of(commit, args -> {
                tx.commit();
                return Boolean.TRUE;
            }, written);
            graphs.add(Graph.of(Layer.of(commit.name(), List.of(commitTask))));
            scheduler.compute(Graph.merge(graphs.toArray(new Graph[0])), List.of(commit));
        } // closing a transaction that did not commit aborts it: removes the temporary or staging file
    }

    /** The array's largest chunk per axis: its chunks when regular (every block then covers whole file chunks). */
    private static long[] largestChunk(ChunkedArray x) {
        long[][] chunks = x.chunks();
        long[] out = new long[chunks.length];
        for (int a = 0; a < out.length; a++) {
            out[a] = Arrays.stream(chunks[a]).max().orElse(1);
            out[a] = Math.max(1, out[a]);
        }
        return out;
    }
}
