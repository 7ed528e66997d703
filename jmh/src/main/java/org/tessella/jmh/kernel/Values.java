package org.tessella.jmh.kernel;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies small parts of results into Java arrays for the benchmarks' checks, element by element through
 * {@code getDouble}, which reads any order and any stride correctly (no ND4J views, see the brief's traps). Meant for
 * a few rows, n x n factors and matrices of up to about a million elements.
 */
public final class Values {
    private Values() {
    }

    /** The elements of an array in C order (a vector's values). */
    public static double[] vector(INDArray a) {
        double[] out = new double[Math.toIntExact(a.length())];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getDouble(i);
        }
        return out;
    }

    /** A matrix as rows (one C-order copy read in bulk: fast for U of 20000 x 20). */
    public static double[][] matrix(INDArray a) {
        requireMatrix(a);
        int rows = Math.toIntExact(a.size(0));
        int cols = Math.toIntExact(a.size(1));
        INDArray c = a.dup('c'); // a fresh contiguous buffer holding exactly the elements in C order
        double[] flat = c.data().asDouble();
        c.close();
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** The given rows of a matrix. */
    public static double[][] rows(INDArray a, long[] index) {
        requireMatrix(a);
        int cols = Math.toIntExact(a.size(1));
        double[][] out = new double[index.length][cols];
        for (int r = 0; r < index.length; r++) {
            for (int j = 0; j < cols; j++) {
                out[r][j] = a.getDouble(index[r], j);
            }
        }
        return out;
    }

    /** The shape of an array. */
    public static long[] shape(INDArray a) {
        return a.shape();
    }

    private static void requireMatrix(INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("a is not a matrix: shape " + Arrays.toString(a.shape())
                    + "; expected a 2-d array");
        }
    }
}
