package org.tessella.linalg.kernel;


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

    private BlockOps() {
    }

    /** A fresh C-order copy of {@code a} (in its own type). */
    public static INDArray copy(INDArray a) {
        return a.dup('c');
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

    /**
     * {@code diag(scale[offset .. offset + rows)) · a} as a fresh array: row i of the 2-d {@code a} (a row block of a
     * larger matrix starting at row {@code offset}) times {@code scale[offset + i]}.
     */
    public static INDArray scaleRows(INDArray a, INDArray scale, long offset) {
        double[] all = scale.toDoubleVector();
        double[] part = java.util.Arrays.copyOfRange(all, (int) offset, (int) (offset + a.size(0)));
        INDArray s = Nd4j.createFromArray(part);
        INDArray out = scaleRows(a, s);
        s.close();
        return out;
    }

    /** A vector (length m) as a fresh m x 1 matrix. */
    public static INDArray column(INDArray v) {
        return v.dup('c').reshape(new long[] {v.length(), 1});
    }
}
