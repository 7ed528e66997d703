package org.tessella.hdf5.kernel;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5ArgumentException;
import org.tessella.hdf5.Hdf5Exception;

/**
 * A store into an HDF5 file that becomes visible only at {@link #commit()}.
 *
 * <ul>
 *   <li>{@link #createFile}: the file is written under a temporary name in the target's directory
 *       ({@code .<name>-<random>.h5.tmp}), flushed to disk and renamed into place at commit. An existing file at
 *       the target is replaced only when asked for, atomically; until then it is untouched, byte for byte.</li>
 *   <li>{@link #updateFile}: datasets are added to an existing file under temporary links in its root group
 *       ({@code /.tessella-tmp-<random>-<n>}) and moved to their paths at commit (intermediate groups are
 *       created then). Overwriting an existing dataset needs {@code overwrite}. Aborting deletes the temporary
 *       links, so the file's groups, datasets and attributes are as before; its bytes are not (HDF5 does not
 *       give back the space of deleted objects, and metadata blocks get rewritten).</li>
 * </ul>
 *
 * <p>Blocks may be written from many threads at once through the sinks. {@link #abort()} (or {@link #close()}
 * without commit) removes the temporaries; a write still in flight then fails on the closed handle.
 */
public final class H5Transaction implements AutoCloseable {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final Path target;
    private final Path temp;          // createFile only
    private final boolean replace;    // createFile only
    private final H5File file;
    private final String tempPrefix;  // updateFile only
    private final Map<String, Pending> pending = new LinkedHashMap<>(); // final path -> dataset
    private State state = State.OPEN; // guarded by this

    private record Pending(String writtenAt, boolean overwrite) {
    }

    private H5Transaction(Path target, Path temp, boolean replace, H5File file, String tempPrefix) {
        this.target = target;
        this.temp = temp;
        this.replace = replace;
        this.file = file;
        this.tempPrefix = tempPrefix;
    }

    /**
     * Starts writing a new file at {@code target}.
     *
     * @param replaceExisting replace a file already at {@code target} when committing
     * @throws Hdf5ArgumentException if {@code target} exists and {@code replaceExisting} is false, or is a directory
     * @throws IllegalArgumentException if the target's directory does not exist
     */
    public static H5Transaction createFile(Path target, boolean replaceExisting) {
        Path t = target.toAbsolutePath();
        if (Files.isDirectory(t)) {
            throw new Hdf5ArgumentException(t, null, "path is a directory: " + t + "; expected a file path");
        }
        if (Files.exists(t) && !replaceExisting) {
            throw new Hdf5ArgumentException(t, null, "file exists: " + t
                    + "; expected a new path, or the option to replace the file");
        }
        Path dir = t.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("directory does not exist: " + dir + "; expected an existing directory for " + t);
        }
        Path temp = dir.resolve("." + t.getFileName() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".h5.tmp");
        return new H5Transaction(t, temp, replaceExisting, H5File.create(temp), null);
    }

    /**
     * Starts adding datasets to the existing file at {@code target}.
     *
     * @throws Hdf5ArgumentException if it does not exist or is not an HDF5 file
     * @throws Hdf5Exception         if it cannot be opened for writing
     */
    public static H5Transaction updateFile(Path target) {
        Path t = target.toAbsolutePath();
        H5File f = H5File.open(t, H5File.Mode.READ_WRITE);
        String prefix = "/.tessella-tmp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        return new H5Transaction(t, null, false, f, prefix);
    }

    /** @return the file that is being written (its final path) */
    public Path target() {
        return target;
    }

    /** @return the temporary file of {@link #createFile}, or null for {@link #updateFile} */
    public Path temporaryFile() {
        return temp;
    }

    /**
     * Creates a dataset that will appear at {@code datasetPath} when the transaction commits.
     *
     * @param chunkShape   file chunk shape, or null for a contiguous dataset
     * @param deflateLevel 0..9, or -1 for none
     * @param overwrite    replace an existing dataset at {@code datasetPath} ({@link #updateFile} only)
     * @return a sink for the dataset's blocks; its errors name {@code datasetPath}
     * @throws Hdf5ArgumentException if the transaction already has {@code datasetPath}; if the file has a group or
     *     other object there, or a dataset and {@code overwrite} is false; if a prefix of it is a dataset
     */
    public synchronized DatasetSink createDataset(String datasetPath, long[] shape, H5Type type, long[] chunkShape,
            int deflateLevel, boolean shuffle, boolean overwrite) {
        requireOpen();
        String p = H5File.normalize(datasetPath);
        if (pending.containsKey(p)) {
            throw new Hdf5ArgumentException(target, p, "dataset path appears twice in one store: " + p
                    + "; expected each dataset once");
        }
        for (String other : pending.keySet()) {
            if (p.startsWith(other + "/") || other.startsWith(p + "/")) {
                throw new Hdf5ArgumentException(target, p, "dataset path is inside another dataset of the store: " + p
                        + " and " + other + "; expected paths that are not prefixes of each other");
            }
        }
        String writtenAt = p;
        if (tempPrefix != null) {
            checkTargetPath(p, overwrite);
            writtenAt = tempPrefix + pending.size();
        }
        file.createDataset(writtenAt, shape, type, chunkShape, deflateLevel, shuffle);
        pending.put(p, new Pending(writtenAt, overwrite));
        return new NamedSink(DatasetSink.of(file, writtenAt), target, p);
    }

    private void checkTargetPath(String p, boolean overwrite) {
        int from = 1;
        while (true) {
            int slash = p.indexOf('/', from);
            if (slash < 0) {
                break;
            }
            String prefix = p.substring(0, slash);
            H5Node.Kind k = file.kind(prefix);
            if (k != null && k != H5Node.Kind.GROUP) {
                throw new Hdf5ArgumentException(target, p, "a prefix of the dataset path is not a group: " + prefix
                        + "; expected groups (or nothing) above " + p);
            }
            from = slash + 1;
        }
        H5Node.Kind k = file.kind(p);
        if (k == null) {
            if (file.exists(p)) {
                throw new Hdf5ArgumentException(target, p, "a dangling link exists at the dataset path: " + p
                        + "; expected a free path");
            }
            return;
        }
        if (k == H5Node.Kind.GROUP) {
            throw new Hdf5ArgumentException(target, p, "path names a group, not a dataset: " + p
                    + "; expected a dataset path (groups are never overwritten)");
        }
        if (k != H5Node.Kind.DATASET) {
            throw new Hdf5ArgumentException(target, p, "path names an object that is not a dataset: " + p
                    + "; expected a free path or a dataset");
        }
        if (!overwrite) {
            throw new Hdf5ArgumentException(target, p, "dataset exists: " + p
                    + "; expected a new path, or the overwrite option to replace it");
        }
    }

    /**
     * Makes everything written visible: renames the new file into place, or moves the temporary links to their
     * paths. The transaction is closed afterwards.
     *
     * @throws Hdf5Exception if committing fails; the moves done so far are undone, the temporaries removed and
     *     the target left as it was
     */
    public synchronized void commit() {
        requireOpen();
        try {
            if (temp != null) {
                commitNewFile();
            } else {
                commitUpdate();
            }
            state = State.COMMITTED;
        } catch (RuntimeException e) {
            abortQuietly(e);
            throw e;
        }
    }

    private void commitNewFile() {
        file.close();
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true); // the rename must not become durable before the data
            }
            if (replace) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                publishWithoutReplacing();
            }
        } catch (FileAlreadyExistsException e) {
            throw new Hdf5ArgumentException(target, null, "file exists: " + target
                    + " (created while the store ran); expected a new path, or the option to replace the file");
        } catch (IOException e) {
            throw new Hdf5Exception(target, null, "cannot move the written file " + temp + " into place: " + e, e);
        }
    }

    /** Link then unlink: atomic, and fails rather than replace a file created meanwhile. */
    private void publishWithoutReplacing() throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            // No hard links on this file system (some network mounts): rename, after a last check.
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException a) {
                Files.move(temp, target);
            }
            return;
        }
        Files.delete(temp);
    }

    private void commitUpdate() {
        H5Lock.run(() -> {
            // Check everything before moving anything.
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                String p = e.getKey();
                H5Node.Kind k = file.kind(p);
                if (k != null && !(k == H5Node.Kind.DATASET && e.getValue().overwrite())) {
                    checkTargetPath(p, e.getValue().overwrite()); // throws the argument error that applies
                    throw new Hdf5ArgumentException(target, p, "path became occupied while the store ran: " + p
                            + "; expected a free path");
                }
            }
            // Move replaced datasets aside, move the new ones in, then delete the old ones; undo on failure.
            List<String[]> done = new ArrayList<>(); // {from, to} in the order moved
            try {
                int i = 0;
                for (Map.Entry<String, Pending> e : pending.entrySet()) {
                    String p = e.getKey();
                    if (file.kind(p) != null) {
                        String aside = tempPrefix + "replaced-" + i;
                        file.move(p, aside);
                        done.add(new String[] {p, aside});
                    }
                    file.move(e.getValue().writtenAt(), p);
                    done.add(new String[] {e.getValue().writtenAt(), p});
                    i++;
                }
            } catch (RuntimeException e) {
                for (int j = done.size() - 1; j >= 0; j--) {
                    try {
                        file.move(done.get(j)[1], done.get(j)[0]);
                    } catch (RuntimeException undo) {
                        e.addSuppressed(undo);
                    }
                }
                throw e;
            }
            for (String[] move : done) {
                if (move[1].startsWith(tempPrefix + "replaced-")) {
                    file.delete(move[1]);
                }
            }
            file.flush();
            file.close();
        });
    }

    /** Removes the temporaries: the temporary file, or the temporary links. Idempotent; no-op after commit. */
    public synchronized void abort() {
        if (state != State.OPEN) {
            return;
        }
        RuntimeException failure = abortQuietly(null);
        if (failure != null) {
            throw failure;
        }
    }

    private RuntimeException abortQuietly(RuntimeException cause) {
        state = State.ABORTED;
        RuntimeException failure = null;
        if (temp != null) {
            try {
                file.close();
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                failure = new Hdf5Exception(target, null, "cannot remove the temporary file " + temp + ": " + e, e);
            }
        } else {
            Set<String> left = new HashSet<>();
            try {
                H5Lock.run(() -> {
                    if (!file.isOpen()) {
                        return;
                    }
                    for (Pending p : pending.values()) {
                        if (p.writtenAt().startsWith(tempPrefix) && file.exists(p.writtenAt())) {
                            try {
                                file.delete(p.writtenAt());
                            } catch (RuntimeException e) {
                                left.add(p.writtenAt());
                            }
                        }
                    }
                    file.flush();
                });
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                file.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            if (!left.isEmpty() && failure == null) {
                failure = new Hdf5Exception(target, null, "cannot remove the temporary links " + left, null);
            }
        }
        if (failure != null && cause != null) {
            cause.addSuppressed(failure);
        }
        return failure;
    }

    /** Aborts unless committed. */
    @Override
    public void close() {
        abort();
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("transaction is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + target + "; expected an open transaction");
        }
    }

    /** A sink whose errors name the dataset's final path, not its temporary link. */
    private static final class NamedSink implements DatasetSink {
        private final DatasetSink inner;
        private final Path finalFile;
        private final String finalPath;

        NamedSink(DatasetSink inner, Path finalFile, String finalPath) {
            this.inner = inner;
            this.finalFile = finalFile;
            this.finalPath = finalPath;
        }

        @Override
        public Path file() {
            return finalFile;
        }

        @Override
        public DatasetInfo info() {
            return inner.info().withPath(finalPath);
        }

        @Override
        public void writeHyperslab(long[] offset, long[] count, INDArray src, long[] srcOffset) {
            try {
                inner.writeHyperslab(offset, count, src, srcOffset);
            } catch (Hdf5Exception e) {
                throw rename(e);
            }
        }

        @Override
        public void writeRawChunk(long[] chunkOffset, int filterMask, ByteBuffer data) {
            try {
                inner.writeRawChunk(chunkOffset, filterMask, data);
            } catch (Hdf5Exception e) {
                throw rename(e);
            }
        }

        private Hdf5Exception rename(Hdf5Exception e) {
            if (inner.info().path().equals(finalPath) && inner.file().equals(finalFile)) {
                return e;
            }
            return new Hdf5Exception(finalFile, finalPath, e.getMessage() + " (written as " + inner.info().path()
                    + " of " + inner.file() + " until the store commits)", e);
        }
    }
}
