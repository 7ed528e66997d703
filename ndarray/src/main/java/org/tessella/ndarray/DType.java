package org.tessella.ndarray;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The element types Tessella supports, named as in NumPy, with NumPy's promotion rules
 * ({@code np.result_type}) among them. Constants are in NumPy's order of kinds and sizes: bool,
 * then integers by size (unsigned before signed), then floats.
 */
public enum DType {
    BOOL(DataType.BOOL, 1, Kind.BOOL),
    UINT8(DataType.UINT8, 1, Kind.UNSIGNED),
    INT8(DataType.BYTE, 1, Kind.SIGNED),
    UINT16(DataType.UINT16, 2, Kind.UNSIGNED),
    INT16(DataType.SHORT, 2, Kind.SIGNED),
    UINT32(DataType.UINT32, 4, Kind.UNSIGNED),
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
        throw new IllegalArgumentException("dtype is not supported: " + type + "; expected one of " + names());
    }

    /** Parses a NumPy name such as {@code "float32"}. */
    public static DType parse(String name) {
        for (DType d : values()) {
            if (d.numpyName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dtype is not supported: " + name + "; expected one of " + names());
    }

    /** The NumPy names of all dtypes, for messages: {@code "bool, uint8, int8, ..., float64"}. */
    static String names() {
        StringBuilder b = new StringBuilder();
        for (DType d : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(d.numpyName());
        }
        return b.toString();
    }

    /**
     * True if the whole number {@code v} lies within this integer dtype's range (always true for
     * floats and bool, which NumPy converts any number to).
     */
    boolean holdsInteger(double v) {
        return switch (this) {
            case UINT8 -> v >= 0 && v <= 255;
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 65535;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xFFFF_FFFFL;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case INT64 -> v >= -0x1p63 && v < 0x1p63;
            default -> true;
        };
    }

    /**
     * The smallest ({@code max == false}) or largest double an integer dtype holds (for int64 the
     * largest double below 2^63); infinities for floats and bool.
     */
    double integerLimit(boolean max) {
        return switch (this) {
            case UINT8 -> max ? 255 : 0;
            case INT8 -> max ? Byte.MAX_VALUE : Byte.MIN_VALUE;
            case UINT16 -> max ? 65535 : 0;
            case INT16 -> max ? Short.MAX_VALUE : Short.MIN_VALUE;
            case UINT32 -> max ? 0xFFFF_FFFFL : 0;
            case INT32 -> max ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            case INT64 -> max ? Math.nextDown(0x1p63) : -0x1p63;
            default -> max ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        };
    }

    /** The range of an integer dtype, for messages: {@code "0..255"}. */
    String integerRange() {
        return switch (this) {
            case UINT8 -> "0..255";
            case INT8 -> Byte.MIN_VALUE + ".." + Byte.MAX_VALUE;
            case UINT16 -> "0..65535";
            case INT16 -> Short.MIN_VALUE + ".." + Short.MAX_VALUE;
            case UINT32 -> "0..4294967295";
            case INT32 -> Integer.MIN_VALUE + ".." + Integer.MAX_VALUE;
            case INT64 -> Long.MIN_VALUE + ".." + Long.MAX_VALUE;
            default -> "any number";
        };
    }

    /**
     * NumPy's promotion of two array dtypes: the smallest type that holds both. Bool gives way to
     * anything. A signed integer holds an unsigned one only when it is wider (int16 with uint8 gives
     * int16); otherwise the result is the signed integer of twice the unsigned one's size (int8 with
     * uint8 gives int16, int8 or int16 with uint16 give int32, any signed integer with uint32 gives
     * int64). Integers with float32 give float32 for 8- and 16-bit integers and float64 for wider
     * ones (float32 cannot hold every int32 or uint32).
     */
    public static DType promote(DType a, DType b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("dtype is null: promote(" + a + ", " + b + "); expected two dtypes");
        }
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
        if (array == null) {
            throw new IllegalArgumentException("dtype is null; expected the array's dtype");
        }
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
