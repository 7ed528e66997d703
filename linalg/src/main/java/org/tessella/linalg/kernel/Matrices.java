package org.tessella.linalg.kernel;

import java.util.Arrays;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Argument checks, type choice and buffer helpers shared by the kernels. Static only. */
final class Matrices {
    private Matrices() {
    }

    /** Rows of a matrix, as an int (LAPACK's index type). */
    static int rows(INDArray a) {
        return (int) a.size(0);
    }

    /** Columns of a matrix, as an int. */
    static int cols(INDArray a) {
        return (int) a.size(1);
    }

    static void requireMatrix(String name, INDArray a) {
        if (a == null) {
            throw new NullPointerException(name);
        }
        if (a.rank() != 2) {
            throw new IllegalArgumentException(name + " is not a matrix: shape " + Arrays.toString(a.shape())
                    + "; expected a 2-d array");
        }
        for (long d : a.shape()) {
            if (d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " is too large for one block: shape " + Arrays.toString(a.shape())
                        + "; expected each dimension below 2^31 (use smaller chunks)");
            }
        }
        DataType t = a.dataType();
        if (!(t.isNumerical() || t == DataType.BOOL)) {
            throw new IllegalArgumentException(name + " has a non-numeric dtype: " + t + "; expected a numeric array");
        }
    }

    static void requireSquare(String name, INDArray a) {
        requireMatrix(name, a);
        if (a.size(0) != a.size(1)) {
            throw new IllegalArgumentException(name + " is not square: shape " + Arrays.toString(a.shape())
                    + "; expected an n x n matrix");
        }
    }

    /**
     * Checks a right-hand side against an n x n coefficient matrix: a vector of length n or an n x k matrix.
     */
    static void requireRightHandSide(String name, INDArray b, String matrixName, INDArray a) {
        if (b == null) {
            throw new NullPointerException(name);
        }
        long n = a.size(0);
        if (b.rank() == 1) {
            if (b.size(0) != n) {
                throw new IllegalArgumentException(name + " has the wrong length: " + b.size(0) + "; expected " + n
                        + " to match " + matrixName + " of shape " + Arrays.toString(a.shape()));
            }
        } else if (b.rank() == 2) {
            if (b.size(0) != n) {
                throw new IllegalArgumentException(name + " has the wrong number of rows: shape "
                        + Arrays.toString(b.shape()) + "; expected " + n + " rows to match " + matrixName
                        + " of shape " + Arrays.toString(a.shape()));
            }
            if (b.size(1) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " has too many columns: " + b.size(1) + "; expected below 2^31");
            }
        } else {
            throw new IllegalArgumentException(name + " is neither a vector nor a matrix: shape "
                    + Arrays.toString(b.shape()) + "; expected shape [" + n + "] or [" + n + ", k]");
        }
        DataType t = b.dataType();
        if (!(t.isNumerical() || t == DataType.BOOL)) {
            throw new IllegalArgumentException(name + " has a non-numeric dtype: " + t + "; expected a numeric array");
        }
    }

    /**
     * The type a kernel computes and returns in, as NumPy's linalg does: float32 if every input is float32, else
     * float64 (integers, booleans and half precision are promoted to float64).
     */
    static DataType computeType(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT) {
                return DataType.DOUBLE;
            }
        }
        return DataType.FLOAT;
    }

    /** {@code a} in the given type; {@code a} itself when it already has it (never modified by the kernels). */
    static INDArray as(INDArray a, DataType type) {
        return a.dataType() == type ? a : a.castTo(type);
    }

    /**
     * A fresh, contiguous copy of {@code a} in the given order; its buffer starts at the array's first element, so
     * {@link Precision#pointer} is valid. The kernels always work on such copies: LAPACK overwrites its input.
     */
    static INDArray copy(INDArray a, char order) {
        return a.dup(order);
    }

    /** True when {@code a}'s buffer is exactly its elements in C order (no view, no offset, default strides). */
    static boolean isPlainC(INDArray a) {
        if (a.isView() || a.offset() != 0 || a.ordering() != 'c' || a.data().length() != a.length()) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** {@code a} itself when {@link #isPlainC}, else a C-order copy: for inputs that are only read. */
    static INDArray plainC(INDArray a) {
        return isPlainC(a) ? a : a.dup('c');
    }

    /** An uninitialized C-order matrix. */
    static INDArray newC(DataType type, long rows, long cols) {
        return Nd4j.createUninitialized(type, new long[] {rows, cols}, 'c');
    }

    /** An uninitialized F-order matrix. */
    static INDArray newF(DataType type, long rows, long cols) {
        return Nd4j.createUninitialized(type, new long[] {rows, cols}, 'f');
    }

    /** A native scratch vector of n elements of the given precision; close it after use. */
    static Pointer scratch(Precision p, long n) {
        return p == Precision.F64 ? new DoublePointer(Math.max(1, n)) : new FloatPointer(Math.max(1, n));
    }

    /**
     * Copies the upper trapezoid (i &lt;= j) of the leading {@code rows x cols} part of a column-major buffer with
     * leading dimension {@code ld} into a new C-order {@code rows x cols} matrix, zeros below the diagonal.
     */
    static INDArray upperFromColumnMajor(INDArray src, int ld, int rows, int cols) {
        INDArray out = Nd4j.create(src.dataType(), rows, cols);
        DataBuffer s = src.data();
        DataBuffer d = out.data();
        for (int i = 0; i < rows; i++) {
            for (int j = i; j < cols; j++) {
                d.put((long) i * cols + j, s.getDouble(i + (long) j * ld));
            }
        }
        return out;
    }

    /** Sets the strictly upper triangle of a C-order n x n matrix to zero, in place. */
    static void zeroStrictUpper(INDArray c, int n) {
        DataBuffer d = c.data();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d.put((long) i * n + j, 0.0);
            }
        }
    }
}
