package org.tessella.hdf5.kernel;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The element types io-hdf5 reads and writes, with the ND4J type each maps to. In files they are stored as
 * the little-endian standard types ({@code H5T_STD_I8LE} ... {@code H5T_IEEE_F64LE}); {@link #BOOL} is stored
 * the way h5py stores {@code numpy.bool_}: an enum over int8 with members {@code FALSE = 0} and
 * {@code TRUE = 1}. Any other type in a file (uint64, float16, strings, compounds, other enums, ...) is
 * rejected with an error that names it.
 */
public enum H5Type {
    /** Signed 8-bit integer; ND4J {@code BYTE}. */
    INT8("int8", DataType.BYTE, 1),
    /** Signed 16-bit integer; ND4J {@code SHORT}. */
    INT16("int16", DataType.SHORT, 2),
    /** Signed 32-bit integer; ND4J {@code INT}. */
    INT32("int32", DataType.INT, 4),
    /** Signed 64-bit integer; ND4J {@code LONG}. */
    INT64("int64", DataType.LONG, 8),
    /** Unsigned 8-bit integer; ND4J {@code UBYTE}. */
    UINT8("uint8", DataType.UBYTE, 1),
    /** Unsigned 16-bit integer; ND4J {@code UINT16}. */
    UINT16("uint16", DataType.UINT16, 2),
    /** Unsigned 32-bit integer; ND4J {@code UINT32}. */
    UINT32("uint32", DataType.UINT32, 4),
    /** IEEE 754 binary32; ND4J {@code FLOAT}. */
    FLOAT32("float32", DataType.FLOAT, 4),
    /** IEEE 754 binary64; ND4J {@code DOUBLE}. */
    FLOAT64("float64", DataType.DOUBLE, 8),
    /** Boolean, one byte (0 or 1); ND4J {@code BOOL}. */
    BOOL("bool", DataType.BOOL, 1);

    private final String label;
    private final DataType nd4j;
    private final int itemSize;

    H5Type(String label, DataType nd4j, int itemSize) {
        this.label = label;
        this.nd4j = nd4j;
        this.itemSize = itemSize;
    }

    /** @return the NumPy-style name, for example "uint16" */
    public String label() {
        return label;
    }

    /** @return the ND4J type blocks of this type are held in */
    public DataType nd4j() {
        return nd4j;
    }

    /** @return bytes per element, in files and in memory */
    public int itemSize() {
        return itemSize;
    }

    /**
     * @param type an ND4J data type
     * @return the matching HDF5 element type
     * @throws IllegalArgumentException if io-hdf5 cannot store it
     */
    public static H5Type of(DataType type) {
        for (H5Type t : values()) {
            if (t.nd4j == type) {
                return t;
            }
        }
        throw new IllegalArgumentException("dtype is not supported by HDF5 storage: " + type + "; expected one of "
                + Arrays.stream(values()).map(t -> t.nd4j.name()).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
