package org.tessella.hdf5;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A bad argument to an HDF5 operation: a missing file or dataset, a group where a dataset was expected, an
 * unsupported element type, a shape mismatch on write, an existing dataset without the overwrite option.
 * The message follows the project's style, {@code "<argument> <what is wrong>: <value>; expected <what>"},
 * prefixed by the file and dataset it concerns.
 *
 * <p>This class is immutable.
 */
public final class Hdf5ArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String dataset;

    /**
     * @param file    the file concerned, never null
     * @param dataset the dataset path inside the file, or null when the problem concerns the whole file
     * @param message what is wrong, in the project's error style
     */
    public Hdf5ArgumentException(Path file, String dataset, String message) {
        super(describe(file, dataset) + ": " + message);
        this.file = file.toString();
        this.dataset = dataset;
    }

    /** @return the file concerned */
    public Path file() {
        return Path.of(file);
    }

    /** @return the dataset path inside the file, if the problem concerns one dataset */
    public Optional<String> dataset() {
        return Optional.ofNullable(dataset);
    }

    static String describe(Path file, String dataset) {
        return dataset == null ? "HDF5 file " + file : "HDF5 file " + file + ", dataset " + dataset;
    }
}
