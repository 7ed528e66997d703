package org.tessella.hdf5;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A failure of an HDF5 file or of the HDF5 library: a truncated or corrupt file, a failed read or write.
 * The message names the file and, where there is one, the dataset path; {@link #getCause()} keeps the
 * original exception when there is one (for example a {@link java.util.zip.DataFormatException} from a
 * corrupt compressed chunk).
 *
 * <p>This class is immutable.
 */
public final class Hdf5Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String dataset;

    /**
     * @param file    the file concerned, never null
     * @param dataset the dataset path inside the file, or null when the failure concerns the whole file
     * @param message what went wrong (the file and dataset are prepended)
     * @param cause   the original exception, or null
     */
    public Hdf5Exception(Path file, String dataset, String message, Throwable cause) {
        super(Hdf5ArgumentException.describe(file, dataset) + ": " + message, cause);
        this.file = file.toString();
        this.dataset = dataset;
    }

    /** @return the file concerned */
    public Path file() {
        return Path.of(file);
    }

    /** @return the dataset path inside the file, if the failure concerns one dataset */
    public Optional<String> dataset() {
        return Optional.ofNullable(dataset);
    }
}
