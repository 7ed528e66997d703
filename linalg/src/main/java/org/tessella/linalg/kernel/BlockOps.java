package org.tessella.linalg.kernel;

import java.util.Arrays;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small block helpers the {@code org.tessella.linalg} graph code needs besides the factorizations: copies, and a
 * counter-based standard normal fill for the randomized SVD's test matrix.
 *
 * <p>Not part of the user API: it is public only so that the graph code can reach it. Every returned array is
 * fresh, C order, owned by the caller.
 */
public final class BlockOps {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private BlockOps() {
    }

    /** A fresh C-order copy of {@code a} (in its own type). */
    public static INDArray copy(INDArray a) {
        return a.dup('c');
    }

    /**
     * Standard normal values for the block at {@code offset} of shape {@code shape} (2-d) of a matrix with
     * {@code totalCols} columns, in {@code type} (FLOAT32 or FLOAT64). Element (i, j) depends only on the seed and
     * its flat index {@code i * totalCols + j}, never on the chunking: two SplitMix64 outputs keyed by (seed, index)
     * give two 53-bit uniforms, and Box-Muller's cosine branch turns them into one normal value.
     */
    public static INDArray gaussian(long seed, long[] offset, long[] shape, long totalCols, DataType type) {
        if (shape.length != 2 || offset.length != 2) {
            throw new IllegalArgumentException("shape is not 2-d: " + Arrays.toString(shape) + "; expected [rows, cols]");
        }
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        INDArray out = Nd4j.createUninitialized(type, shape[0], shape[1]);
        long key = mix(seed ^ 0x5DEECE66DL);
        double[] row = new double[cols];
        boolean single = type == DataType.FLOAT;
        float[] rowF = single ? new float[cols] : null;
        for (int i = 0; i < rows; i++) {
            long base = (offset[0] + i) * totalCols + offset[1];
            for (int j = 0; j < cols; j++) {
                long c = 2 * (base + j);
                double u1 = ((mix(key + (c + 1) * GOLDEN) >>> 11) + 1) * 0x1.0p-53; // (0, 1]: log is finite
                double u2 = (mix(key + (c + 2) * GOLDEN) >>> 11) * 0x1.0p-53;
                row[j] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
            if (single) {
                for (int j = 0; j < cols; j++) {
                    rowF[j] = (float) row[j];
                }
                ((FloatIndexer) out.data().indexer()).put((long) i * cols, rowF, 0, cols);
            } else {
                ((DoubleIndexer) out.data().indexer()).put((long) i * cols, row, 0, cols);
            }
        }
        return out;
    }

    /**
     * The core of a minimum-norm least-squares solve from an SVD {@code A = U diag(s) Vᵀ}: given s (descending) and
     * {@code c = Uᵀ B}, returns {@code w = diag(1/s_i) c} with rows of singular values at most
     * {@code rcond · s_0} zeroed, and the rank (the rows kept) as a 0-d int64 array. Then {@code X = V w}.
     */
    public static INDArray[] pseudoInverseCore(INDArray s, INDArray c, double rcond) {
        long k = s.length();
        INDArray w = c.dup('c');
        double cutoff = k == 0 ? 0 : rcond * s.getDouble(0);
        long rank = 0;
        for (long i = 0; i < k; i++) {
            double si = s.getDouble(i);
            INDArray row = w.getRow(i);
            if (si > cutoff && si > 0) {
                row.divi(si);
                rank++;
            } else {
                row.assign(0);
            }
        }
        return new INDArray[] {w, Nd4j.scalar(DataType.LONG, rank)};
    }

    /** {@code diag(scale) · a} as a fresh array: row i of the 2-d {@code a} times {@code scale[i]}. */
    public static INDArray scaleRows(INDArray a, INDArray scale) {
        INDArray out = a.dup('c');
        if (out.length() > 0) {
            out.muliColumnVector(scale.reshape(new long[] {scale.length(), 1}).castTo(out.dataType()));
        }
        return out;
    }

    /** A vector (length m) as a fresh m x 1 matrix. */
    public static INDArray column(INDArray v) {
        return v.dup('c').reshape(new long[] {v.length(), 1});
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
