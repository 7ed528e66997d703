package org.tessella.linalg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * One timing (not a benchmark, not a test) of the blocked QR and SVD against the one-column-of-blocks path on an
 * n x n float64 matrix (singular values from 1 down to 1e-6, chunks 1000 x 1000, persisted first), with a forced
 * block budget; prints times, agreement, orthogonality, the Jacobi sweep measures and the load average. Usage
 * (from the repository root, after {@code mvn -pl linalg -am test-compile} and
 * {@code mvn -pl linalg dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt}):
 * {@code java -cp linalg/target/test-classes:linalg/target/classes:$(cat cp.txt) org.tessella.linalg.BlockedTiming
 * [n] [budget MiB] [qr|svd|both]}; defaults 3000, 16, both.
 */
public final class BlockedTiming {
    private BlockedTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        long budget = (args.length > 1 ? Long.parseLong(args[1]) : 16) << 20;
        String what = args.length > 2 ? args[2] : "both";
        INDArray a = Mats.withSpectrum(n, n, Mats.geometric(n, Math.pow(1e-6, 1.0 / n)), 7);
        ChunkedArray x = ChunkedArray.fromArray(a.dup('c'), Chunks.of(1000, 1000)).persist();
        System.out.println(Blocking.forBudget(n, DType.FLOAT64, budget) + "; load " + load());
        if (!what.equals("svd")) {
            long t0 = System.nanoTime();
            Linalg.QR f = Linalg.qr(x);
            List<INDArray> one = ChunkedArray.compute(f.q(), f.r());
            long t1 = System.nanoTime();
            Linalg.QR g = Linalg.qr(x, budget);
            List<INDArray> blocked = ChunkedArray.compute(g.q(), g.r());
            long t2 = System.nanoTime();
            System.out.printf("QR one-column %.1f s, blocked %.1f s; |R - R_blocked| / |R| %.1e, "
                            + "|QᵀQ - I| blocked %.1e; load %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    Mats.relErr(blocked.get(1), one.get(1)), Mats.orthogonality(blocked.get(0)), load());
        }
        if (!what.equals("qr")) {
            long t0 = System.nanoTime();
            Linalg.SVD f = Linalg.svd(x);
            List<INDArray> one = ChunkedArray.compute(f.u(), f.s(), f.vt());
            long t1 = System.nanoTime();
            System.out.printf("SVD one-column %.1f s; load %s%n", (t1 - t0) / 1e9, load());
            Blocking b = Blocking.forBudget(n, DType.FLOAT64, budget);
            BlockedSvd.Preconditioned p = BlockedSvd.precondition(x, b);
            BlockedSvd.Jacobi j = BlockedSvd.jacobi(p.x(), b, true);
            Linalg.SVD g = Linalg.normalizeSigns(p.q1().matmul(j.u()), j.s(), p.q2().matmul(j.v()).transpose());
            long t2 = System.nanoTime();
            List<INDArray> blocked = ChunkedArray.compute(g.u(), g.s(), g.vt(), j.sweepMeasures());
            long t3 = System.nanoTime();
            System.out.printf("SVD blocked %.1f s; |s - s_blocked| / |s| %.1e, |U - U_blocked| / |U| %.1e, "
                            + "|UᵀU - I| %.1e, |VᵀV - I| %.1e; load %s%n", (t3 - t2) / 1e9,
                    Mats.relErr(blocked.get(1), one.get(1)), Mats.relErr(blocked.get(0), one.get(0)),
                    Mats.orthogonality(blocked.get(0)), Mats.orthogonality(blocked.get(2).transpose()), load());
            System.out.println("sweep measures " + Arrays.toString(blocked.get(3).toDoubleVector()));
        }
        System.exit(0);
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}
