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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
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
 *   <li>{@link #updateFile}: datasets to add to an existing file are written to a staging file beside it
 *       ({@code .<name>-<random>.stage.h5.tmp}), at their final paths. The existing file is only read (to check
 *       the target paths) until commit, which opens it read-write, copies each staged dataset in with
 *       {@code H5Ocopy} (stored chunks are copied as they are: no decompression, no recompression) under a
 *       temporary link in its root group ({@code /.tessella-tmp-<random>-<n>}), moves replaced datasets aside,
 *       moves the copies to their paths (creating intermediate groups), deletes the replaced datasets, and
 *       removes the staging file. Overwriting an existing dataset needs {@code overwrite}.</li>
 * </ul>
 *
 * <p>Blocks may be written from many threads at once through the sinks. {@link #abort()} (or {@link #close()}
 * without commit) closes and deletes the temporary or staging file; a write still in flight then fails on the
 * closed handle. Until commit starts, an existing target is therefore unchanged byte for byte, for both kinds.
 * A failure during an update's commit (after the checks, which write nothing) undoes the moves and deletes the
 * copies: the file is then logically as before (same groups, datasets, attributes, values) but not
 * byte-identical, since HDF5 does not give back the space of deleted objects.
 */
public final class H5Transaction implements AutoCloseable {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final Path target;
    private final Path temp;          // the new file (createFile) or the staging file (updateFile)
    private final boolean replace;    // createFile only
    private final boolean update;
    private final H5File file;        // open on temp until commit or abort
    private final String tempPrefix;  // updateFile only: temporary links in the target's root group at commit
    private final Map<String, Boolean> pending = new LinkedHashMap<>(); // final path -> overwrite
    private Consumer<String> commitSteps = step -> { }; // tests only: runs after each step of an update's commit
    private State state = State.OPEN; // guarded by this

    private H5Transaction(Path target, Path temp, boolean replace, boolean update, H5File file) {
        this.target = target;
        this.temp = temp;
        this.replace = replace;
        this.update = update;
        this.file = file;
        this.tempPrefix = update ? "/.tessella-tmp-" + random() + "-" : null;
    }

    private static String random() {
        return UUID.randomUUID().toString().substring(0, 8);
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
        Path temp = dir.resolve("." + t.getFileName() + "-" + random() + ".h5.tmp");
        return new H5Transaction(t, temp, replaceExisting, false, H5File.create(temp));
    }

    /**
     * Starts adding datasets to the existing file at {@code target}: opens it read-only to check that it is an
     * HDF5 file, and creates the staging file beside it. The target is not opened for writing until commit.
     *
     * @throws Hdf5ArgumentException if it does not exist, is not an HDF5 file, or is not writable
     * @throws Hdf5Exception         if it cannot be read, or the staging file cannot be created
     */
    public static H5Transaction updateFile(Path target) {
        Path t = target.toAbsolutePath();
        H5Lock.run(() -> H5File.open(t, H5File.Mode.READ).close());
        if (!Files.isWritable(t)) {
            throw new Hdf5ArgumentException(t, null, "file is not writable: " + t
                    + "; expected a file this process may write, to add datasets to it");
        }
        Path staging = t.getParent().resolve("." + t.getFileName() + "-" + random() + ".stage.h5.tmp");
        return new H5Transaction(t, staging, false, true, H5File.create(staging));
    }

    /** @return the file that is being written (its final path) */
    public Path target() {
        return target;
    }

    /**
     * @return where the data is written until commit: the temporary file of {@link #createFile}, or the staging
     *     file of {@link #updateFile}
     */
    public Path temporaryFile() {
        return temp;
    }

    /**
     * Creates a dataset that will appear at {@code datasetPath} when the transaction commits.
     *
     * @param chunkShape   file chunk shape, or null for a contiguous dataset
     * @param deflateLevel 0..9, or -1 for none
     * @param overwrite    replace an existing dataset at {@code datasetPath} ({@link #updateFile} only)
     * @return a sink for the dataset's blocks; its errors name the target file and {@code datasetPath}
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
        if (update) {
            H5Lock.run(() -> {
                try (H5File existing = H5File.open(target, H5File.Mode.READ)) {
                    checkTargetPath(existing, p, overwrite, "");
                }
            });
        }
        file.createDataset(p, shape, type, chunkShape, deflateLevel, shuffle);
        pending.put(p, overwrite);
        return new NamedSink(DatasetSink.of(file, p), target, p);
    }

    /**
     * Throws the argument error that applies if {@code p} cannot receive a dataset in {@code f}.
     *
     * @param note appended to the path in messages (what changed, at commit)
     */
    private void checkTargetPath(H5File f, String p, boolean overwrite, String note) {
        int from = 1;
        while (true) {
            int slash = p.indexOf('/', from);
            if (slash < 0) {
                break;
            }
            String prefix = p.substring(0, slash);
            H5Node.Kind k = f.kind(prefix);
            if (k != null && k != H5Node.Kind.GROUP) {
                throw new Hdf5ArgumentException(target, p, "a prefix of the dataset path is not a group: " + prefix
                        + note + "; expected groups (or nothing) above " + p);
            }
            if (k == null) {
                if (f.exists(prefix)) {
                    throw new Hdf5ArgumentException(target, p, "a dangling link is a prefix of the dataset path: "
                            + prefix + note + "; expected groups (or nothing) above " + p);
                }
                break; // nothing further down exists
            }
            from = slash + 1;
        }
        H5Node.Kind k = f.kind(p);
        if (k == null) {
            if (f.exists(p)) {
                throw new Hdf5ArgumentException(target, p, "a dangling link exists at the dataset path: " + p
                        + note + "; expected a free path");
            }
            return;
        }
        if (k == H5Node.Kind.GROUP) {
            throw new Hdf5ArgumentException(target, p, "path names a group, not a dataset: " + p
                    + note + "; expected a dataset path (groups are never overwritten)");
        }
        if (k != H5Node.Kind.DATASET) {
            throw new Hdf5ArgumentException(target, p, "path names an object that is not a dataset: " + p
                    + note + "; expected a free path or a dataset");
        }
        if (!overwrite) {
            throw new Hdf5ArgumentException(target, p, "dataset exists: " + p
                    + note + "; expected a new path, or the overwrite option to replace it");
        }
    }

    /**
     * Makes everything written visible: renames the new file into place, or copies the staged datasets into
     * the existing file and moves them to their paths. The transaction is closed afterwards.
     *
     * @throws Hdf5ArgumentException if a target path of an update became unusable while the store ran (checked
     *     before anything is written: the file is then unchanged byte for byte)
     * @throws Hdf5Exception if committing fails; the copies and moves done so far are undone, the temporaries
     *     removed and the target left as it was (logically, for an update)
     */
    public synchronized void commit() {
        requireOpen();
        try {
            if (update) {
                commitUpdate();
            } else {
                commitNewFile();
            }
            state = State.COMMITTED;
        } catch (RuntimeException e) {
            abortQuietly(e);
            throw e;
        }
        if (update) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new Hdf5Exception(target, null, "the datasets are stored, but the staging file " + temp
                        + " cannot be removed: " + e, e);
            }
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
        // Closing the staging file flushes it and leaves no staged chunk in a chunk cache, so that H5Ocopy copies
        // every chunk as stored (a chunk it finds cached in an open source dataset is filtered again).
        file.close();
        H5Lock.run(() -> {
            try (H5File staged = H5File.open(temp, H5File.Mode.READ)) {
                // Check every target before writing anything: a conflict leaves the file byte for byte as it was.
                try (H5File existing = H5File.open(target, H5File.Mode.READ)) {
                    for (Map.Entry<String, Boolean> e : pending.entrySet()) {
                        checkTargetPath(existing, e.getKey(), e.getValue(), " (changed while the store ran)");
                    }
                }
                try (H5File dest = H5File.open(target, H5File.Mode.READ_WRITE)) {
                    copyAndMove(staged, dest);
                }
            }
        });
    }

    /** A link move of the commit, and the groups it created (to remove when undone). */
    private record Move(String from, String to, List<String> createdGroups) {
    }

    /** Copies the staged datasets in, moves them into place, deletes replaced ones; undoes all on failure. */
    private void copyAndMove(H5File staged, H5File dest) {
        List<String> copies = new ArrayList<>(); // temporary links of the copies, in order
        List<Move> moves = new ArrayList<>();    // in the order done
        try {
            int i = 0;
            for (String p : pending.keySet()) {
                String link = tempPrefix + i++;
                dest.copyFrom(staged, p, link);
                copies.add(link);
                commitSteps.accept("copied " + p);
            }
            i = 0;
            for (String p : pending.keySet()) {
                if (dest.kind(p) != null) {
                    String aside = tempPrefix + "replaced-" + i;
                    dest.move(p, aside);
                    moves.add(new Move(p, aside, List.of()));
                }
                List<String> created = missingGroups(dest, p);
                dest.move(copies.get(i), p);
                moves.add(new Move(copies.get(i), p, created));
                commitSteps.accept("moved " + p);
                i++;
            }
        } catch (RuntimeException e) {
            for (int j = moves.size() - 1; j >= 0; j--) {
                Move m = moves.get(j);
                try {
                    dest.move(m.to(), m.from());
                    for (int g = m.createdGroups().size() - 1; g >= 0; g--) {
                        dest.delete(m.createdGroups().get(g));
                    }
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            for (String link : copies) {
                try {
                    dest.delete(link);
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
            }
            try {
                dest.flush();
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        List<String> left = new ArrayList<>();
        for (Move m : moves) {
            if (m.to().startsWith(tempPrefix + "replaced-")) {
                try {
                    dest.delete(m.to());
                } catch (RuntimeException e) {
                    left.add(m.to());
                }
            }
        }
        dest.flush();
        if (!left.isEmpty()) {
            throw new Hdf5Exception(target, null, "the datasets are stored, but the replaced datasets could not be "
                    + "deleted; they are left at the links " + left, null);
        }
    }

    /** @return the groups above {@code p} that do not exist in {@code f}, outermost first */
    private static List<String> missingGroups(H5File f, String p) {
        List<String> out = new ArrayList<>();
        int slash = p.indexOf('/', 1);
        while (slash > 0) {
            String prefix = p.substring(0, slash);
            if (!out.isEmpty() || f.kind(prefix) == null) {
                out.add(prefix);
            }
            slash = p.indexOf('/', slash + 1);
        }
        return out;
    }

    /** For tests: runs after each step of an update's commit ("copied /path", "moved /path"); may throw. */
    synchronized void onCommitStep(Consumer<String> step) {
        commitSteps = step;
    }

    /** Removes the temporary or staging file. Idempotent; no-op after commit. */
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
        try {
            file.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure = new Hdf5Exception(target, null, "cannot remove the " + (update ? "staging" : "temporary")
                    + " file " + temp + ": " + e, e);
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
