package org.tessella.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.tessella.jmh.kernel.Dense;
import org.tessella.ndarray.ChunkedArray;

/**
 * {@code (x + x.T).sum()} on a 20000 x 20000 float64 matrix in 2000 x 2000 chunks (the Dask talks'
 * first example). Block (i, j) of the sum needs blocks (i, j) and (j, i) of x, so each input block
 * has two consumers far apart in a row-by-row order: the scheduler's peak shows how many blocks it
 * keeps waiting for their second use. The dense baseline adds x to a transposed view of itself.
 */
public class AddTransposeSum extends AbstractBenchmark {
    /** The expression on a chunked array (0-d result). */
    public static ChunkedArray expression(ChunkedArray x) {
        return x.add(x.transpose()).sum();
    }

    @Benchmark
    public double tessella(Inputs.Chunked in) {
        return expression(in.x).compute().getDouble(0);
    }

    @Benchmark
    public double dense(Inputs.DenseMatrix in) {
        return Dense.addTransposeSum(in.x);
    }
}
