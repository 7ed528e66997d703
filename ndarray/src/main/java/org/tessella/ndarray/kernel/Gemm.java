package org.tessella.ndarray.kernel;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix-product block kernels for tensordot: one partial product of two blocks, and the in-place
 * sum of partials.
 *
 * <p>A partial product views block {@code a} as a matrix (its free axes as rows, its contracted
 * axes as columns) and block {@code b} as a matrix (contracted axes as rows, free axes as columns),
 * and calls one BLAS gemm ({@code Nd4j.gemm}, ND4J's {@code Mmul} op) that writes into a pooled
 * C-order block: no ND4J result is allocated. An operand goes to BLAS without a copy when its axes
 * merge into a row-major or column-major matrix with a leading dimension (a C-order block in
 * either order, or a row range of a larger matrix); otherwise (other permutations, or another
 * dtype than the computation's) it is copied once into a pooled C-order buffer by an ND4J
 * {@code assign} from its permuted view. Never {@code reshape}/{@code get} on views (see
 * {@link Regions}): matrices are built from buffer, offset and strides.
 *
 * <p>BLAS computes in float32 or float64 only: callers compute integer and bool products in
 * float64 and cast the result back (exact while every partial sum stays below 2^53).
 */
public final class Gemm {
    private Gemm() {
    }

    /**
     * {@code out[r..., c...] = sum_k a[r..., k...] * b[k..., c...]} for one pair of blocks, as a
     * new pooled block of {@code outType} and shape {@code outShape} (the free extents of a, then
     * those of b).
     *
     * @param rowsA   a's free axes, in output order
     * @param colsA   a's contracted axes, paired in order with {@code rowsB}
     * @param rowsB   b's contracted axes
     * @param colsB   b's free axes, in output order
     * @param compute the type gemm runs in: FLOAT or DOUBLE
     */
    public static INDArray product(INDArray a, int[] rowsA, int[] colsA, INDArray b, int[] rowsB, int[] colsB,
                                   DataType compute, DataType outType, long[] outShape) {
        if (compute != DataType.DOUBLE && compute != DataType.FLOAT) {
            throw new IllegalArgumentException("compute type is not a BLAS type: " + compute + "; expected FLOAT or DOUBLE");
        }
        long m = extent(a, rowsA);
        long k = extent(a, colsA);
        long n = extent(b, colsB);
        if (extent(b, rowsB) != k || m * n != lengthOf(outShape)) {
            throw new IllegalStateException("blocks do not match: a " + Arrays.toString(a.shape()) + " rows "
                    + Arrays.toString(rowsA) + " cols " + Arrays.toString(colsA) + ", b " + Arrays.toString(b.shape())
                    + " rows " + Arrays.toString(rowsB) + " cols " + Arrays.toString(colsB) + ", out "
                    + Arrays.toString(outShape) + "; expected equal contracted extents and out = rows x cols");
        }
        INDArray out = BlockPool.allocate(compute, outShape);
        if (m * n == 0) {
            return castTo(out, outType);
        }
        if (k == 0) {
            out.assign(0);
            return castTo(out, outType);
        }
        Operand x = Operand.of(a, rowsA, colsA, compute);
        Operand y = Operand.of(b, rowsB, colsB, compute);
        try {
            INDArray c = Nd4j.create(out.data(), new long[] {m, n}, new long[] {n, 1}, 0, 'c', compute);
            Nd4j.gemm(x.matrix, y.matrix, c, x.transposed, y.transposed, 1.0, 0.0);
        } finally {
            x.close();
            y.close();
        }
        return castTo(out, outType);
    }

    /** {@code acc += part} in place (same shape and type); {@code acc} must own its buffer. */
    public static void accumulate(INDArray acc, INDArray part) {
        if (acc.length() > 0) {
            acc.addi(part);
        }
    }

    /**
     * {@code x} converted to {@code type} as a new pooled block, releasing {@code x} (which the
     * caller owns); {@code x} itself when it already has that type.
     */
    public static INDArray castTo(INDArray x, DataType type) {
        if (x.dataType() == type) {
            return x;
        }
        INDArray out = BlockPool.allocate(type, x.shape());
        if (out.length() > 0) {
            out.assign(x);
        }
        BlockPool.release(x);
        return out;
    }

    private static long extent(INDArray x, int[] axes) {
        long e = 1;
        for (int ax : axes) {
            e *= x.size(ax);
        }
        return e;
    }

    private static long lengthOf(long[] shape) {
        long e = 1;
        for (long s : shape) {
            e *= s;
        }
        return e;
    }

    /**
     * The stride of axes {@code group} flattened into one (C order within the group): 0 when every
     * axis has extent 1 (any stride does), -1 when they do not merge (an outer axis' stride is not
     * the inner stride times the inner extent) or a stride is not positive.
     */
    static long mergedStride(long[] shape, long[] stride, int[] group) {
        long inner = 0;
        long span = 0;
        for (int i = group.length - 1; i >= 0; i--) {
            int ax = group[i];
            if (shape[ax] == 1) {
                continue;
            }
            if (stride[ax] <= 0) {
                return -1;
            }
            if (inner == 0) {
                inner = stride[ax];
            } else if (stride[ax] != span) {
                return -1;
            }
            span = stride[ax] * shape[ax];
        }
        return inner;
    }

    /** A block seen as a matrix for BLAS, and the copy it owns (if one was needed). */
    private static final class Operand {
        final INDArray matrix;
        final boolean transposed;
        private final INDArray owned;

        private Operand(INDArray matrix, boolean transposed, INDArray owned) {
            this.matrix = matrix;
            this.transposed = transposed;
            this.owned = owned;
        }

        /** Block {@code x} as the {@code rows x cols} matrix of its axes {@code rows} and {@code cols}. */
        static Operand of(INDArray x, int[] rows, int[] cols, DataType compute) {
            long r = extent(x, rows);
            long c = extent(x, cols);
            if (x.dataType() == compute) {
                long[] shape = x.shape();
                long[] stride = x.stride();
                long sr = mergedStride(shape, stride, rows);
                long sc = mergedStride(shape, stride, cols);
                if (sr >= 0 && sc >= 0) {
                    if ((sc == 1 || sc == 0) && (sr == 0 || sr >= c)) {
                        // row-major with leading dimension sr
                        long ld = sr == 0 ? c : sr;
                        return new Operand(Nd4j.create(x.data(), new long[] {r, c}, new long[] {ld, 1}, x.offset(), 'c',
                                compute), false, null);
                    }
                    if ((sr == 1 || sr == 0) && (sc == 0 || sc >= r)) {
                        // column-major: its transpose is row-major c x r with leading dimension sc
                        long ld = sc == 0 ? r : sc;
                        return new Operand(Nd4j.create(x.data(), new long[] {c, r}, new long[] {ld, 1}, x.offset(), 'c',
                                compute), true, null);
                    }
                }
            }
            int[] perm = new int[rows.length + cols.length];
            System.arraycopy(rows, 0, perm, 0, rows.length);
            System.arraycopy(cols, 0, perm, rows.length, cols.length);
            long[] permShape = new long[perm.length];
            for (int i = 0; i < perm.length; i++) {
                permShape[i] = x.size(perm[i]);
            }
            INDArray copy = BlockPool.allocate(compute, permShape);
            copy.assign(isIdentity(perm) ? x : x.permute(perm));
            INDArray m = Nd4j.create(copy.data(), new long[] {r, c}, new long[] {c, 1}, 0, 'c', compute);
            return new Operand(m, false, copy);
        }

        private static boolean isIdentity(int[] perm) {
            for (int i = 0; i < perm.length; i++) {
                if (perm[i] != i) {
                    return false;
                }
            }
            return true;
        }

        void close() {
            if (owned != null) {
                BlockPool.release(owned);
            }
        }
    }
}
