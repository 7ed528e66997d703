package org.tessella.hdf5;

import org.tessella.hdf5.kernel.H5Type;
import org.tessella.ndarray.DType;

/**
 * Between HDF5 element types and {@link DType}: one to one, the ten types of the issue (int8/16/32/64,
 * uint8/16/32, float32/64, bool). Both switches are exhaustive, so a type added on either side fails to compile
 * here until it is mapped. Types no {@link H5Type} covers (uint64, float16, strings, compounds, ...) are refused
 * earlier, when the dataset is opened, with an error naming the file, the dataset and the type.
 */
final class DTypes {
    private DTypes() {
    }

    static DType of(H5Type type) {
        return switch (type) {
            case INT8 -> DType.INT8;
            case INT16 -> DType.INT16;
            case INT32 -> DType.INT32;
            case INT64 -> DType.INT64;
            case UINT8 -> DType.UINT8;
            case UINT16 -> DType.UINT16;
            case UINT32 -> DType.UINT32;
            case FLOAT32 -> DType.FLOAT32;
            case FLOAT64 -> DType.FLOAT64;
            case BOOL -> DType.BOOL;
        };
    }

    static H5Type of(DType dtype) {
        return switch (dtype) {
            case INT8 -> H5Type.INT8;
            case INT16 -> H5Type.INT16;
            case INT32 -> H5Type.INT32;
            case INT64 -> H5Type.INT64;
            case UINT8 -> H5Type.UINT8;
            case UINT16 -> H5Type.UINT16;
            case UINT32 -> H5Type.UINT32;
            case FLOAT32 -> H5Type.FLOAT32;
            case FLOAT64 -> H5Type.FLOAT64;
            case BOOL -> H5Type.BOOL;
        };
    }
}
