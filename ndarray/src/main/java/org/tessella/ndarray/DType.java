package org.tessella.ndarray;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The element types Tessella supports, named as in NumPy, with NumPy's promotion rules
 * ({@code np.result_type}) among them.
 */
public enum DType {
    BOOL(DataType.BOOL, 1, Kind.BOOL),
    UINT8(DataType.UINT8, 1, Kind.UNSIGNED),
    UINT16(DataType.UINT16, 2, Kind.UNSIGNED),
    INT16(DataType.SHORT, 2, Kind.SIGNED),
    INT32(DataType.INT, 4, Kind.SIGNED),
    INT64(DataType.LONG, 8, Kind.SIGNED),
    FLOAT32(DataType.FLOAT, 4, Kind.FLOAT),
    FLOAT64(DataType.DOUBLE, 8, Kind.FLOAT);

    private enum Kind { BOOL, UNSIGNED, SIGNED, FLOAT }

    private final DataType nd4j;
    private final int itemSize;
    private final Kind kind;

    DType(DataType nd4j, int itemSize, Kind kind) {
        this.nd4j = nd4j;
        this.itemSize = itemSize;
        this.kind = kind;
    }

    /** The ND4J data type of blocks of this dtype. */
    public DataType nd4j() {
        return nd4j;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    public boolean isFloating() {
        return kind == Kind.FLOAT;
    }

    public boolean isInteger() {
        return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
    }

    public boolean isBool() {
        return kind == Kind.BOOL;
    }

    /** The NumPy name: float64, int32, bool, ... */
    public String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The dtype of an ND4J data type. */
    public static DType of(DataType type) {
        for (DType d : values()) {
            if (d.nd4j == type) {
                return d;
            }
        }
        throw new IllegalArgumentException("dtype is not supported: " + type
                + "; expected one of float64, float32, int64, int32, int16, uint16, uint8, bool");
    }

    /** Parses a NumPy name such as {@code "float32"}. */
    public static DType parse(String name) {
        for (DType d : values()) {
            if (d.numpyName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dtype is not supported: " + name
                + "; expected one of float64, float32, int64, int32, int16, uint16, uint8, bool");
    }

    /**
     * NumPy's promotion of two array dtypes: the smallest type that holds both. Mixed signed and
     * unsigned integers widen (uint16 with int16 gives int32); integers with float32 give float32 for
     * 8- and 16-bit integers and float64 for wider ones.
     */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.kind == Kind.BOOL) {
            return b;
        }
        if (b.kind == Kind.BOOL) {
            return a;
        }
        if (a.kind == Kind.FLOAT || b.kind == Kind.FLOAT) {
            DType f = a.kind == Kind.FLOAT ? a : b;
            DType o = a.kind == Kind.FLOAT ? b : a;
            if (o.kind == Kind.FLOAT) {
                return a.itemSize >= b.itemSize ? a : b;
            }
            return f == FLOAT64 || o.itemSize >= 4 ? FLOAT64 : FLOAT32;
        }
        if (a.kind == b.kind) {
            return a.itemSize >= b.itemSize ? a : b;
        }
        DType s = a.kind == Kind.SIGNED ? a : b;
        DType u = a.kind == Kind.SIGNED ? b : a;
        if (s.itemSize > u.itemSize) {
            return s;
        }
        return u.itemSize == 1 ? INT16 : u.itemSize == 2 ? INT32 : INT64;
    }

    /**
     * The dtype of {@code array op scalar}, following NumPy 2 (NEP 50) for Python scalars: a float
     * scalar keeps a float array's dtype and turns integer and bool arrays into float64; an integer
     * scalar keeps the array's dtype (bool becomes int64).
     */
    public static DType promoteWithScalar(DType array, boolean scalarIsFloat) {
        if (scalarIsFloat) {
            return array.isFloating() ? array : FLOAT64;
        }
        return array == BOOL ? INT64 : array;
    }

    /**
     * The floating dtype NumPy gives for float-valued functions (exp, sqrt, ...): floats keep their
     * type; bool and 8/16-bit integers give float32 (NumPy would give float16, which Tessella does
     * not have); 32/64-bit integers give float64.
     */
    public DType toFloating() {
        if (kind == Kind.FLOAT) {
            return this;
        }
        return itemSize <= 2 ? FLOAT32 : FLOAT64;
    }
}
