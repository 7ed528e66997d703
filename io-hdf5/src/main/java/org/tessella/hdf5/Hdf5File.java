package org.tessella.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.kernel.BlockReader;
import org.tessella.hdf5.kernel.BlockShapes;
import org.tessella.hdf5.kernel.DatasetInfo;
import org.tessella.hdf5.kernel.DatasetSource;
import org.tessella.hdf5.kernel.H5File;
import org.tessella.hdf5.kernel.H5Lock;
import org.tessella.hdf5.kernel.H5Node;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * An HDF5 file to read from: its groups, datasets and attributes, and its datasets as lazy
 * {@link ChunkedArray}s.
 *
 * <p>Holds no native handle: every call opens the file and closes it again before returning (about 60 µs),
 * and each block of a dataset's array does the same when it is computed. Nothing stays open between calls, so
 * the file may be stored into meanwhile (see {@link Hdf5#store}); an array whose dataset was replaced, or whose
 * file was replaced by another, fails when computed and asks to open the dataset again.
 *
 * <p>This class is immutable.
 */
public final class Hdf5File {
    private final Path path;

    Hdf5File(Path path) {
        this.path = path;
    }

    /** @return the file's absolute path */
    public Path path() {
        return path;
    }

    /** @return the absolute paths of every dataset (reached through hard links), sorted */
    public List<String> datasets() {
        return nodes(H5Node.Kind.DATASET);
    }

    /** @return the absolute paths of every group except the root, sorted */
    public List<String> groups() {
        return nodes(H5Node.Kind.GROUP);
    }

    private List<String> nodes(H5Node.Kind kind) {
        return H5Lock.call(() -> {
            try (H5File f = H5File.open(path, H5File.Mode.READ)) {
                return f.list().stream().filter(n -> n.kind() == kind).map(H5Node::path).toList();
            }
        });
    }

    /**
     * @return the dataset's shape, element type, chunking and filters
     * @throws Hdf5ArgumentException if there is no dataset at {@code datasetPath} (a group, nothing), or its
     *     element type is not supported
     */
    public Hdf5DatasetInfo info(String datasetPath) {
        return new Hdf5DatasetInfo(read(datasetPath));
    }

    private DatasetInfo read(String datasetPath) {
        return H5Lock.call(() -> {
            try (H5File f = H5File.open(path, H5File.Mode.READ)) {
                return f.dataset(datasetPath);
            }
        });
    }

    /**
     * Reads the attributes of a group or dataset ({@code "/"} for the file's own). Integers come back as
     * {@code Long} or {@code long[]}, floating-point numbers as {@code Double} or {@code double[]}, booleans (as
     * h5py writes them) as {@code Boolean} or {@code boolean[]}, strings (fixed or variable length) as
     * {@code String} or {@code String[]}; multi-dimensional attributes are flattened in C order; attributes of
     * other types are left out.
     *
     * @return the attributes by name, sorted by name, unmodifiable
     * @throws Hdf5ArgumentException if nothing is at {@code objectPath}
     */
    public Map<String, Object> attributes(String objectPath) {
        return H5Lock.call(() -> {
            try (H5File f = H5File.open(path, H5File.Mode.READ)) {
                return f.attributes(objectPath);
            }
        });
    }

    /**
     * A dataset as a lazy array with the default blocks: whole multiples of the file's chunk shape of up to
     * {@link Chunks#DEFAULT_BYTES} (128 MiB), so that each file chunk is read and decoded once. Nothing is read
     * until the array (or something made from it) is computed.
     *
     * @throws Hdf5ArgumentException if there is no dataset at {@code datasetPath} (a group, nothing), or its
     *     element type is not supported
     */
    public ChunkedArray dataset(String datasetPath) {
        return dataset(datasetPath, Chunks.DEFAULT_BYTES);
    }

    /**
     * A dataset as a lazy array with blocks of whole file chunks of up to {@code blockBytes} each (one file chunk
     * per block when a chunk is larger).
     */
    public ChunkedArray dataset(String datasetPath, long blockBytes) {
        if (!(blockBytes > 0)) {
            throw new IllegalArgumentException("blockBytes is not positive: " + blockBytes + "; expected > 0");
        }
        DatasetInfo info = read(datasetPath);
        long[] block = BlockShapes.aligned(info.shape(), info.chunkShape(), info.type().itemSize(), blockBytes);
        return array(info, chunksOf(block, info.shape()), UnaryOperator.identity());
    }

    /**
     * A dataset as a lazy array cut into {@code chunks} (any specification: explicit, uniform, auto). Blocks
     * that cut file chunks decode those chunks once per block that touches them.
     */
    public ChunkedArray dataset(String datasetPath, Chunks chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return array(read(datasetPath), chunks, UnaryOperator.identity());
    }

    /** For tests: the array over {@code decorate(source)}, e.g. a counting decorator. */
    ChunkedArray dataset(String datasetPath, Chunks chunks, UnaryOperator<DatasetSource> decorate) {
        DatasetInfo info = read(datasetPath);
        Chunks c = chunks != null ? chunks : chunksOf(BlockShapes.aligned(info.shape(), info.chunkShape(),
                info.type().itemSize(), Chunks.DEFAULT_BYTES), info.shape());
        return array(info, c, decorate);
    }

    private static Chunks chunksOf(long[] block, long[] shape) {
        long[] c = block.clone();
        for (int a = 0; a < c.length; a++) {
            if (c[a] >= shape[a]) {
                c[a] = -1; // the whole axis (also for an empty axis, which has no positive chunk length)
            }
        }
        return Chunks.of(c);
    }

    private ChunkedArray array(DatasetInfo info, Chunks chunks, UnaryOperator<DatasetSource> decorate) {
        DType dtype = DTypes.of(info.type());
        DatasetSource source = decorate.apply(DatasetSource.reopening(path, info));
        return ChunkedArray.fromBlocks("hdf5", new Token(path, info, fileIdentity(path)), info.shape(), chunks, dtype,
                block -> {
                    INDArray dest = Blocks.allocate(dtype, block.shape());
                    try {
                        BlockReader.readInto(source, block.offset(), block.shape(), dest, BlockReader.Path.AUTO);
                        return dest;
                    } catch (RuntimeException | Error e) {
                        Blocks.release(dest);
                        throw e;
                    }
                });
    }

    private static String fileIdentity(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() + "@" + a.lastModifiedTime().toMillis() + "+" + a.size();
        } catch (IOException e) {
            return "?";
        }
    }

    /** What names an array read from a file: the file (and its version), the dataset and its identity. */
    private record Token(Path file, DatasetInfo dataset, String fileIdentity) {
        @Override
        public String toString() {
            return file + "|" + dataset.path() + "|" + dataset.objectToken() + "|" + fileIdentity + "|"
                    + Arrays.toString(dataset.shape()) + "|" + dataset.type();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hdf5File f && path.equals(f.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "Hdf5File[" + path + "]";
    }
}
