package org.tessella.hdf5;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.tessella.hdf5.kernel.H5Type;
import org.tessella.ndarray.DType;

/** Between HDF5 element types and {@link DType}. */
final class DTypes {
    private DTypes() {
    }

    /**
     * @throws Hdf5ArgumentException if ChunkedArray has no dtype for {@code type} (int8 and uint32 are read by
     *     the HDF5 layer but {@link DType} has neither yet)
     */
    static DType of(H5Type type, Path file, String dataset) {
        for (DType d : DType.values()) {
            if (d.nd4j() == type.nd4j()) {
                return d;
            }
        }
        throw new Hdf5ArgumentException(file, dataset, "dataset has an element type ChunkedArray does not support: "
                + type.label() + "; expected one of "
                + Arrays.stream(DType.values()).map(DType::numpyName).collect(Collectors.joining(", ")));
    }

    /** @throws IllegalArgumentException if HDF5 storage has no type for {@code dtype} */
    static H5Type of(DType dtype) {
        return H5Type.of(dtype.nd4j());
    }
}
