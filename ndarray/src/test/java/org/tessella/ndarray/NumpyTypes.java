package org.tessella.ndarray;

import static org.tessella.ndarray.DType.BOOL;
import static org.tessella.ndarray.DType.FLOAT32;
import static org.tessella.ndarray.DType.FLOAT64;
import static org.tessella.ndarray.DType.INT16;
import static org.tessella.ndarray.DType.INT32;
import static org.tessella.ndarray.DType.INT64;
import static org.tessella.ndarray.DType.INT8;
import static org.tessella.ndarray.DType.UINT16;
import static org.tessella.ndarray.DType.UINT32;
import static org.tessella.ndarray.DType.UINT8;

/**
 * NumPy's result types, written out by hand (not derived from Tessella's code) so the tests check
 * the implementation against NumPy rather than against itself.
 */
final class NumpyTypes {
    private NumpyTypes() {
    }

    /** Row and column order of {@link #RESULT_TYPE}. */
    static final DType[] ORDER = {BOOL, UINT8, INT8, UINT16, INT16, UINT32, INT32, INT64, FLOAT32, FLOAT64};

    /**
     * {@code np.result_type(row, col)} for NumPy 1.26 / 2.x (array dtypes, no value-based casting),
     * e.g. {@code np.result_type(np.uint16, np.int16) == np.int32},
     * {@code np.result_type(np.int8, np.uint32) == np.int64},
     * {@code np.result_type(np.int32, np.float32) == np.float64},
     * {@code np.result_type(np.uint8, np.float32) == np.float32}. Symmetric. Printed by NumPy 2.4.6:
     * <pre>
     * t = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'int64', 'float32', 'float64']
     * for a in t: print(a, [str(np.result_type(a, b)) for b in t])
     * </pre>
     * and checked against the table in NumPy's documentation of type promotion
     * (https://numpy.org/doc/stable/reference/arrays.promotion.html).
     */
    static final DType[][] RESULT_TYPE = {
        //            bool     uint8    int8     uint16   int16    uint32   int32    int64    float32  float64
        /* bool    */ {BOOL,    UINT8,   INT8,    UINT16,  INT16,   UINT32,  INT32,   INT64,   FLOAT32, FLOAT64},
        /* uint8   */ {UINT8,   UINT8,   INT16,   UINT16,  INT16,   UINT32,  INT32,   INT64,   FLOAT32, FLOAT64},
        /* int8    */ {INT8,    INT16,   INT8,    INT32,   INT16,   INT64,   INT32,   INT64,   FLOAT32, FLOAT64},
        /* uint16  */ {UINT16,  UINT16,  INT32,   UINT16,  INT32,   UINT32,  INT32,   INT64,   FLOAT32, FLOAT64},
        /* int16   */ {INT16,   INT16,   INT16,   INT32,   INT16,   INT64,   INT32,   INT64,   FLOAT32, FLOAT64},
        /* uint32  */ {UINT32,  UINT32,  INT64,   UINT32,  INT64,   UINT32,  INT64,   INT64,   FLOAT64, FLOAT64},
        /* int32   */ {INT32,   INT32,   INT32,   INT32,   INT32,   INT64,   INT32,   INT64,   FLOAT64, FLOAT64},
        /* int64   */ {INT64,   INT64,   INT64,   INT64,   INT64,   INT64,   INT64,   INT64,   FLOAT64, FLOAT64},
        /* float32 */ {FLOAT32, FLOAT32, FLOAT32, FLOAT32, FLOAT32, FLOAT64, FLOAT64, FLOAT64, FLOAT32, FLOAT64},
        /* float64 */ {FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64, FLOAT64},
    };

    static DType resultType(DType a, DType b) {
        return RESULT_TYPE[indexOf(a)][indexOf(b)];
    }

    private static int indexOf(DType d) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i] == d) {
                return i;
            }
        }
        throw new IllegalArgumentException("dtype " + d);
    }

    /**
     * NumPy 2 (NEP 50) dtype of {@code array op pythonScalar} for +, -, *, maximum, minimum, **:
     * a Python int keeps the array's dtype (a bool array becomes int64, the default integer); a
     * Python float keeps a float array's dtype and makes anything else float64.
     */
    static DType withScalar(DType array, boolean scalarIsFloat) {
        if (scalarIsFloat) {
            return array.isFloating() ? array : FLOAT64;
        }
        return array == BOOL ? INT64 : array;
    }

    /**
     * NumPy's dtype of exp, log, sqrt, sin, cos, tanh: float32 and float64 stay; int16, uint16 give
     * float32; int32, uint32, int64 give float64. NumPy gives float16 for bool, uint8 and int8, which
     * Tessella does not have: it gives float32 (the documented deviation).
     */
    static DType floatFunction(DType in) {
        return switch (in) {
            case FLOAT64, INT32, UINT32, INT64 -> FLOAT64;
            case FLOAT32, INT16, UINT16, INT8, UINT8, BOOL -> FLOAT32;
        };
    }

    /** The unsigned integer dtypes (NumPy's kind 'u'). */
    static boolean isUnsigned(DType d) {
        return switch (d) {
            case UINT8, UINT16, UINT32 -> true;
            default -> false;
        };
    }
}
