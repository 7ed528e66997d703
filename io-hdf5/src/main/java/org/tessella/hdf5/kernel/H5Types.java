package org.tessella.hdf5.kernel;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;

/**
 * Maps between HDF5 datatype ids and {@link H5Type}. All methods must be called holding {@link H5Lock}. The
 * ids of the predefined types are the library's own ({@code *_g()} variants after {@code H5open()}; the
 * plain accessors return truncated ids); the two bool enums are created once and kept for the life of the
 * JVM, so no id returned here is ever closed by callers.
 */
final class H5Types {
    private static final Map<H5Type, Long> MEMORY = new EnumMap<>(H5Type.class);
    private static final Map<H5Type, Long> FILE = new EnumMap<>(H5Type.class);

    private H5Types() {
    }

    /** @return the native in-memory type id for reading and writing blocks of {@code type} */
    static long memoryType(H5Type type) {
        H5Lock.requireHeld();
        return MEMORY.computeIfAbsent(type, t -> switch (t) {
            case INT8 -> H5T_NATIVE_INT8_g();
            case INT16 -> H5T_NATIVE_INT16_g();
            case INT32 -> H5T_NATIVE_INT32_g();
            case INT64 -> H5T_NATIVE_INT64_g();
            case UINT8 -> H5T_NATIVE_UINT8_g();
            case UINT16 -> H5T_NATIVE_UINT16_g();
            case UINT32 -> H5T_NATIVE_UINT32_g();
            case FLOAT32 -> H5T_NATIVE_FLOAT_g();
            case FLOAT64 -> H5T_NATIVE_DOUBLE_g();
            case BOOL -> boolEnum(H5T_NATIVE_INT8_g());
        });
    }

    /** @return the little-endian standard type id datasets of {@code type} are created with */
    static long fileType(H5Type type) {
        H5Lock.requireHeld();
        return FILE.computeIfAbsent(type, t -> switch (t) {
            case INT8 -> H5T_STD_I8LE_g();
            case INT16 -> H5T_STD_I16LE_g();
            case INT32 -> H5T_STD_I32LE_g();
            case INT64 -> H5T_STD_I64LE_g();
            case UINT8 -> H5T_STD_U8LE_g();
            case UINT16 -> H5T_STD_U16LE_g();
            case UINT32 -> H5T_STD_U32LE_g();
            case FLOAT32 -> H5T_IEEE_F32LE_g();
            case FLOAT64 -> H5T_IEEE_F64LE_g();
            case BOOL -> boolEnum(H5T_STD_I8LE_g());
        });
    }

    private static long boolEnum(long base) {
        long id = H5Tenum_create(base);
        if (id < 0) {
            throw new IllegalStateException("H5Tenum_create failed: " + H5Lock.errorStack());
        }
        try (BytePointer value = new BytePointer(1)) {
            value.put(0, (byte) 0);
            H5Tenum_insert(id, "FALSE", value);
            value.put(0, (byte) 1);
            H5Tenum_insert(id, "TRUE", value);
        }
        return id;
    }

    /**
     * @param fileTypeId a dataset's or attribute's datatype
     * @return the matching supported type, or null if there is none (then {@link #describe} names it)
     */
    static H5Type classify(long fileTypeId) {
        H5Lock.requireHeld();
        int cls = H5Tget_class(fileTypeId);
        long size = H5Tget_size(fileTypeId);
        if (cls == H5T_INTEGER) {
            boolean signed = H5Tget_sign(fileTypeId) == H5T_SGN_2;
            if (signed) {
                return size == 1 ? H5Type.INT8 : size == 2 ? H5Type.INT16 : size == 4 ? H5Type.INT32
                        : size == 8 ? H5Type.INT64 : null;
            }
            return size == 1 ? H5Type.UINT8 : size == 2 ? H5Type.UINT16 : size == 4 ? H5Type.UINT32 : null;
        }
        if (cls == H5T_FLOAT) {
            // Compare with the IEEE types rather than trusting the size: a 4-byte float with another layout
            // would be converted wrongly.
            if (size == 4 && (H5Tequal(fileTypeId, H5T_IEEE_F32LE_g()) > 0 || H5Tequal(fileTypeId, H5T_IEEE_F32BE_g()) > 0)) {
                return H5Type.FLOAT32;
            }
            if (size == 8 && (H5Tequal(fileTypeId, H5T_IEEE_F64LE_g()) > 0 || H5Tequal(fileTypeId, H5T_IEEE_F64BE_g()) > 0)) {
                return H5Type.FLOAT64;
            }
            return null;
        }
        if (cls == H5T_ENUM && size == 1 && isBoolEnum(fileTypeId)) {
            return H5Type.BOOL;
        }
        return null;
    }

    /** @return true for h5py's bool: a one-byte enum whose only members are FALSE = 0 and TRUE = 1 */
    private static boolean isBoolEnum(long typeId) {
        if (H5Tget_nmembers(typeId) != 2) {
            return false;
        }
        try (BytePointer value = new BytePointer(8)) {
            for (int i = 0; i < 2; i++) {
                BytePointer name = H5Tget_member_name(typeId, i);
                String n = name.getString();
                H5free_memory(name);
                value.put(0, (byte) 0x7f);
                H5Tget_member_value(typeId, i, value);
                byte v = value.get(0);
                if (!(n.equals("FALSE") && v == 0 || n.equals("TRUE") && v == 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @return a NumPy-style name of any datatype, for error messages: "uint64", "float16", "string",
     *     "enum(int32)", "compound", ...
     */
    static String describe(long typeId) {
        H5Lock.requireHeld();
        int cls = H5Tget_class(typeId);
        long size = H5Tget_size(typeId);
        if (cls == H5T_INTEGER) {
            return (H5Tget_sign(typeId) == H5T_SGN_2 ? "int" : "uint") + size * 8;
        }
        if (cls == H5T_FLOAT) {
            return "float" + size * 8;
        }
        if (cls == H5T_ENUM) {
            long base = H5Tget_super(typeId);
            try {
                return "enum(" + describe(base) + ", " + H5Tget_nmembers(typeId) + " members)";
            } finally {
                H5Tclose(base);
            }
        }
        if (cls == H5T_STRING) {
            return H5Tis_variable_str(typeId) > 0 ? "variable-length string" : "string of " + size + " bytes";
        }
        if (cls == H5T_BITFIELD) {
            return "bitfield" + size * 8;
        }
        if (cls == H5T_OPAQUE) {
            return "opaque of " + size + " bytes";
        }
        if (cls == H5T_COMPOUND) {
            return "compound of " + H5Tget_nmembers(typeId) + " members";
        }
        if (cls == H5T_REFERENCE) {
            return "reference";
        }
        if (cls == H5T_VLEN) {
            return "variable-length sequence";
        }
        if (cls == H5T_ARRAY) {
            return "array type";
        }
        if (cls == H5T_TIME) {
            return "time";
        }
        return "HDF5 type class " + cls;
    }
}
