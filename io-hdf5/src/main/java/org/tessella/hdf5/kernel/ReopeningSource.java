package org.tessella.hdf5.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5Exception;

/**
 * A read-only dataset source that opens the file for each call (inside one hold of {@link H5Lock}) and checks
 * that neither the file nor the dataset changed since {@code expected} was read.
 */
final class ReopeningSource implements DatasetSource {
    private final Path file;
    private final DatasetInfo expected;
    private final Object fileKey;

    ReopeningSource(Path file, DatasetInfo expected) {
        this.file = file.toAbsolutePath();
        this.expected = Objects.requireNonNull(expected);
        this.fileKey = fileKey(this.file);
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null; // the open below reports the missing file
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public DatasetInfo info() {
        return expected;
    }

    private <T> T withDataset(Function<OpenDataset, T> body) {
        Object key = fileKey(file);
        if (fileKey != null && key != null && !fileKey.equals(key)) {
            throw new Hdf5Exception(file, expected.path(), "the file was replaced since the dataset was opened"
                    + " (another file now has its name); expected the same file: open the dataset again", null);
        }
        return H5Lock.call(() -> {
            try (H5File f = H5File.open(file, H5File.Mode.READ)) {
                DatasetInfo now = f.dataset(expected.path());
                if (!now.equals(expected)) {
                    throw new Hdf5Exception(file, expected.path(), "the dataset changed since it was opened: now "
                            + now + "; expected " + expected + ": open the dataset again", null);
                }
                return body.apply(new OpenDataset(f, now));
            }
        });
    }

    @Override
    public void readHyperslab(long[] offset, long[] count, INDArray dest, long[] destOffset) {
        withDataset(d -> {
            d.readHyperslab(offset, count, dest, destOffset);
            return null;
        });
    }

    @Override
    public List<RawChunk> readRawChunks(List<long[]> chunkOffsets) {
        return withDataset(d -> d.readRawChunks(chunkOffsets));
    }

    @Override
    public String toString() {
        return "ReopeningSource[" + file + ", " + expected.path() + "]";
    }
}
