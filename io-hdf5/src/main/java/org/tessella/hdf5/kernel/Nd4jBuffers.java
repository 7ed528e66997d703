package org.tessella.hdf5.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The few ND4J calls io-hdf5 needs: allocate a block, and see its native memory. */
final class Nd4jBuffers {
    private Nd4jBuffers() {
    }

    /** @return a C-order array of {@code shape} and {@code type}; uninitialized unless empty */
    static INDArray allocate(H5Type type, long[] shape) {
        if (Regions.size(shape) == 0) {
            return Nd4j.create(type.nd4j(), shape);
        }
        return Nd4j.createUninitialized(type.nd4j(), shape.clone());
    }

    /** @return {@code a} itself if it owns C-order contiguous memory from element 0, else a C-order copy */
    static INDArray contiguous(INDArray a) {
        return isPlain(a) ? a : a.dup('c');
    }

    private static boolean isPlain(INDArray a) {
        return !a.isView() && (a.ordering() == 'c' || a.rank() <= 1);
    }

    /**
     * @return the address of element 0 of a plain (non-view, C-order) array, or null for an empty array
     * @throws IllegalArgumentException for a view or an F-order array
     */
    static Pointer address(INDArray a) {
        if (a.isEmpty()) {
            return null;
        }
        if (!isPlain(a)) {
            throw new IllegalArgumentException("array is a view or not in C order: shape " + Arrays.toString(a.shape())
                    + ", order " + a.ordering() + "; expected a C-order array that owns its memory (dup('c') it)");
        }
        return a.data().addressPointer();
    }

    /** @return the bytes of a plain array, little-endian, position 0 */
    static ByteBuffer bytes(INDArray a) {
        long n = a.length() * a.data().getElementSize();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array has more bytes than a ByteBuffer holds: " + n
                    + "; expected at most " + Integer.MAX_VALUE);
        }
        BytePointer p = new BytePointer(address(a));
        p.capacity(n).limit(n);
        return p.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return bytes of a block of {@code shape} and {@code type} */
    static long byteSize(H5Type type, long[] shape) {
        return Regions.size(shape) * type.itemSize();
    }
}
