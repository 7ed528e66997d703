package org.tessella.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.tessella.jmh.kernel.Dense;
import org.tessella.ndarray.ChunkedArray;

/**
 * {@code ((sin(x)^2 + cos(x)^2) * 2 - 1).sum()} on a 20000 x 20000 float64 matrix in 2000 x 2000
 * chunks: a chain of six elementwise operations and a reduction. Fusion should make it one task per
 * block that streams the block once, so the time is close to the cost of sin and cos themselves
 * and the scheduler holds only a few blocks. The answer is n^2 (up to rounding).
 */
public class SinCosSum extends AbstractBenchmark {
    /** The expression on a chunked array (0-d result). */
    public static ChunkedArray expression(ChunkedArray x) {
        return x.sin().pow(2).add(x.cos().pow(2)).mul(2).sub(1).sum();
    }

    @Benchmark
    public double tessella(Inputs.Chunked in) {
        return expression(in.x).compute().getDouble(0);
    }

    @Benchmark
    public double dense(Inputs.DenseMatrix in) {
        return Dense.sinCosSum(in.x);
    }
}
