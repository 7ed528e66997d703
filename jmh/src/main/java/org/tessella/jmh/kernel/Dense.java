package org.tessella.jmh.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The dense baselines: each benchmarked expression as plain ND4J calls on one in-memory array,
 * written the way a careful NumPy user would (in-place where a temporary is private), with every
 * native thread available. Temporaries are closed at once so repeated runs do not pile up native
 * memory waiting for the garbage collector.
 */
public final class Dense {
    private Dense() {
    }

    /** Lets ND4J's OpenMP and BLAS use every core (the scheduler lowers them for its workers). */
    public static void useAllCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        Nd4j.getEnvironment().setMaxThreads(cores);
        Nd4j.getEnvironment().setMaxMasterThreads(cores);
        Nd4j.factory().blas().setMaxThreads(cores);
    }

    /** {@code (x + x.T).sum()}. */
    public static double addTransposeSum(INDArray x) {
        INDArray y = x.add(x.transpose());
        double s = y.sumNumber().doubleValue();
        y.close();
        return s;
    }

    /** {@code (x.dot(x.T + 1) - x.mean()).std()}, population standard deviation as NumPy's. */
    public static double dotStd(INDArray x) {
        INDArray t = x.transpose().add(1);
        INDArray p = x.mmul(t);
        t.close();
        p.subi(x.meanNumber().doubleValue());
        double s = std(p);
        p.close();
        return s;
    }

    /** {@code (x @ x).sum()}: one gemm of the whole matrix into a fresh product, then its sum. */
    public static double matmulSum(INDArray x) {
        INDArray p = x.mmul(x);
        double s = p.sumNumber().doubleValue();
        p.close();
        return s;
    }

    /** {@code ((sin(x)^2 + cos(x)^2) * 2 - 1).sum()}. */
    public static double sinCosSum(INDArray x) {
        INDArray s = Transforms.sin(x, true);
        s.muli(s);
        INDArray c = Transforms.cos(x, true);
        c.muli(c);
        s.addi(c);
        c.close();
        s.muli(2).subi(1);
        double sum = s.sumNumber().doubleValue();
        s.close();
        return sum;
    }

    /** Population standard deviation (ddof 0) of all elements. */
    public static double std(INDArray a) {
        return a.stdNumber().doubleValue() * Math.sqrt((a.length() - 1.0) / a.length());
    }
}
