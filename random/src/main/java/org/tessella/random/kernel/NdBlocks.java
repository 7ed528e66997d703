package org.tessella.random.kernel;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The random kernels writing ND4J blocks: a block that owns a C-order buffer (what {@code Blocks.allocate}
 * returns) is filled in place through an NIO view of its native memory, an L1-sized scratch chunk at a time, so
 * no block-sized Java array is made; any other array (a view, an offset buffer, a block over 2 GiB) is filled
 * through a Java array and copied.
 */
public final class NdBlocks {

    private NdBlocks() {
    }

    /**
     * Fills {@code block} (float64, float32 or, for integral distributions, int64; of shape {@code blockShape})
     * with the values of the block at {@code offset} of an array of {@code shape}.
     */
    public static void fill(Sampler sampler, long[] shape, long[] offset, INDArray block) {
        long[] blockShape = block.shape();
        int n = BlockRuns.count(shape, offset, blockShape);
        if (n == 0) {
            return;
        }
        DataType type = block.dataType();
        boolean direct = ownsWholeBuffer(block, n);
        switch (type) {
            case DOUBLE:
                if (direct) {
                    sampler.fillBlock(shape, offset, blockShape, block.data().asNioDouble());
                } else {
                    double[] v = new double[n];
                    sampler.fillBlock(shape, offset, blockShape, v);
                    block.assign(Nd4j.createFromArray(v).reshape('c', blockShape));
                }
                return;
            case FLOAT:
                if (direct) {
                    sampler.fillBlock(shape, offset, blockShape, block.data().asNioFloat());
                } else {
                    float[] v = new float[n];
                    sampler.fillBlock(shape, offset, blockShape, v);
                    block.assign(Nd4j.createFromArray(v).reshape('c', blockShape));
                }
                return;
            case LONG:
                if (direct) {
                    sampler.fillBlock(shape, offset, blockShape, block.data().asNioLong());
                } else {
                    long[] v = new long[n];
                    sampler.fillBlock(shape, offset, blockShape, v);
                    block.assign(Nd4j.createFromArray(v).reshape('c', blockShape));
                }
                return;
            default:
                throw new IllegalArgumentException("block has an unsupported data type: " + type
                        + "; expected DOUBLE, FLOAT or LONG");
        }
    }

    /** Fills the 1-D int64 {@code block} with the permutation's values at positions {@code start ..}. */
    public static void fill(Permutation permutation, long start, INDArray block) {
        int n = (int) block.length();
        if (block.dataType() != DataType.LONG || block.rank() != 1) {
            throw new IllegalArgumentException("block is not a 1-D int64 array: " + block.dataType() + " "
                    + Arrays.toString(block.shape()) + "; expected a LONG vector");
        }
        if (n == 0) {
            return;
        }
        if (ownsWholeBuffer(block, n)) {
            permutation.fill(start, block.data().asNioLong(), n);
        } else {
            long[] v = new long[n];
            permutation.fill(start, v, 0, n);
            block.assign(Nd4j.createFromArray(v));
        }
    }

    /**
     * Values to choose from, held as a Java array (doubles for floating-point types, longs otherwise) so that a
     * gather is a loop; immutable and thread-safe.
     */
    public static final class Gather {
        private final DataType type;
        private final double[] doubles;
        private final long[] longs;

        private Gather(DataType type, double[] doubles, long[] longs) {
            this.type = type;
            this.doubles = doubles;
            this.longs = longs;
        }

        /** Copies a 1-D array of at most 2^31 - 9 elements. */
        public static Gather of(INDArray values) {
            if (values.rank() != 1 || values.length() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("values is not a 1-D array of at most 2^31 - 9 elements: shape "
                        + Arrays.toString(values.shape()) + "; expected a vector");
            }
            DataType type = values.dataType();
            boolean floating = type == DataType.DOUBLE || type == DataType.FLOAT;
            if (values.length() == 0) {
                return new Gather(type, new double[0], new long[0]);
            }
            return floating ? new Gather(type, values.toDoubleVector(), null)
                    : new Gather(type, null, type == DataType.BOOL
                            ? Arrays.stream(values.toDoubleVector()).mapToLong(d -> (long) d).toArray()
                            : values.toLongVector());
        }

        public long length() {
            return doubles != null ? doubles.length : longs.length;
        }

        public DataType dataType() {
            return type;
        }

        /** {@code block[i] = values[indices[i]]}; the block has the values' data type. */
        public void fill(long[] indices, INDArray block) {
            int n = indices.length;
            if (block.length() != n || block.dataType() != type) {
                throw new IllegalArgumentException("block does not match the indices: " + block.length() + " "
                        + block.dataType() + "; expected " + n + " " + type);
            }
            if (n == 0) {
                return;
            }
            boolean direct = ownsWholeBuffer(block, n);
            switch (type) {
                case DOUBLE:
                    if (direct) {
                        java.nio.DoubleBuffer b = block.data().asNioDouble();
                        for (int i = 0; i < n; i++) {
                            b.put(i, doubles[(int) indices[i]]);
                        }
                        return;
                    }
                    break;
                case FLOAT:
                    if (direct) {
                        java.nio.FloatBuffer b = block.data().asNioFloat();
                        for (int i = 0; i < n; i++) {
                            b.put(i, (float) doubles[(int) indices[i]]);
                        }
                        return;
                    }
                    break;
                case LONG:
                    if (direct) {
                        java.nio.LongBuffer b = block.data().asNioLong();
                        for (int i = 0; i < n; i++) {
                            b.put(i, longs[(int) indices[i]]);
                        }
                        return;
                    }
                    break;
                case INT:
                    if (direct) {
                        java.nio.IntBuffer b = block.data().asNioInt();
                        for (int i = 0; i < n; i++) {
                            b.put(i, (int) longs[(int) indices[i]]);
                        }
                        return;
                    }
                    break;
                default:
                    break;
            }
            // other types (int16, uint8, uint16, bool) and arrays that do not own their buffer: gather into a Java
            // array, then one converting copy
            INDArray gathered;
            if (doubles != null) {
                double[] g = new double[n];
                for (int i = 0; i < n; i++) {
                    g[i] = doubles[(int) indices[i]];
                }
                gathered = Nd4j.createFromArray(g);
            } else {
                long[] g = new long[n];
                for (int i = 0; i < n; i++) {
                    g[i] = longs[(int) indices[i]];
                }
                gathered = Nd4j.createFromArray(g);
            }
            block.assign(gathered.reshape('c', block.shape()));
        }
    }

    /**
     * True when the array's buffer is exactly its C-order elements starting at index 0, and small enough for an
     * NIO view (ND4J's views go through a ByteBuffer, which stops at 2 GiB).
     */
    private static boolean ownsWholeBuffer(INDArray a, long n) {
        return !a.isView() && a.ordering() == 'c' && a.data().offset() == 0 && a.data().length() == n
                && n * a.dataType().width() <= Integer.MAX_VALUE;
    }
}
