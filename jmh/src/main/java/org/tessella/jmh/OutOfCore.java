package org.tessella.jmh;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * Out-of-core proof: sums {@code x + x.T} over an n x n float64 matrix (default 20000 x 20000,
 * 3.2 GB, in 2000 x 2000 chunks) whose blocks are generated on demand, in a JVM whose heap and
 * native memory together are far smaller than the matrix (see {@code jmh/run-out-of-core.sh}:
 * {@code -Xmx1g} and JavaCPP's {@code maxphysicalbytes=1536m}, which makes any allocation fail once
 * the process's resident memory passes 1.5 GB). Prints the result, the time, the scheduler's peak
 * bytes held and the process's peak resident memory, then checks the result against {@code 2 * x.sum()}
 * computed in the same graph (sum(x + x.T) = 2 sum(x); x's blocks are shared, so the check needs no memory)
 * and x's mean against 1/2. x is {@code RandomArrays.seeded(42).uniform(0, 1, {n, n}, chunks)}.
 *
 * <p>Usage: {@code OutOfCore [n [chunk]]}. Exits with status 1 if the result is wrong.
 */
public final class OutOfCore {
    /** Relative tolerance of the check: two tree sums of 4e8 terms in different orders agree to ~1e-12. */
    static final double TOLERANCE = 1e-9;

    /** The expression, as printed. */
    static final String EXPRESSION = "(x + x.T).sum()";

    private OutOfCore() {
    }

    /** The expression: {@code (x + x.T).sum()}. */
    static ChunkedArray expression(ChunkedArray x) {
        return AddTransposeSum.expression(x);
    }

    /** What one run measured; {@code expected} is {@code 2 * x.sum()}, computed in the same graph. */
    record Outcome(double value, double expected, long count, double seconds, long schedulerPeakBytes,
                   long peakRssBytes) {
        boolean correct() {
            return Math.abs(value - expected) <= TOLERANCE * Math.abs(expected) && meanIsPlausible();
        }

        /**
         * The mean of x lies within 6 standard errors of 1/2 (uniform on [0, 1): variance 1/12), so x really
         * is the random matrix (all zeros, or a block counted twice, would pass {@code value == expected}).
         */
        boolean meanIsPlausible() {
            return count == 0 || Math.abs(expected / 2 / count - 0.5) <= 6 * Math.sqrt(1.0 / 12 / count);
        }
    }

    /**
     * Computes {@code (x + x.T).sum()} and, as its check, {@code x.sum()} in one graph: the blocks of x are generated
     * once and feed both, so the check costs one more reduction and no memory. sum(x + x.T) = 2 sum(x).
     */
    static Outcome run(long n, long chunk) {
        ChunkedArray x = Inputs.uniform(n, Chunks.of(chunk, chunk));
        ChunkedArray total = expression(x);
        ChunkedArray check = x.sum();
        ChunkedArray.zeros(new long[] {1}, DType.FLOAT64, Chunks.of(1)).sum().compute(); // load natives untimed
        try (MemoryProbe probe = MemoryProbe.start()) {
            long start = System.nanoTime();
            List<INDArray> results = ChunkedArray.compute(total, check);
            double seconds = (System.nanoTime() - start) / 1e9;
            long schedulerPeak = probe.schedulerPeakBytes();
            long rss = probe.peakRssBytes();
            return new Outcome(results.get(0).getDouble(0), 2 * results.get(1).getDouble(0), n * n, seconds,
                    schedulerPeak, rss);
        }
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        long chunk = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
        double mib = 1024.0 * 1024.0;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%s on %d x %d float64 (%.1f GB) in %d x %d chunks; heap max %.0f MiB,"
                        + " javacpp maxphysicalbytes %s%n", EXPRESSION, n, n, n * n * 8 / 1e9, chunk, chunk,
                rt.maxMemory() / mib, System.getProperty("org.bytedeco.javacpp.maxphysicalbytes", "(default)"));
        Outcome o = run(n, chunk);
        System.out.printf(Locale.ROOT, "result          %.6f%n", o.value());
        System.out.printf(Locale.ROOT, "expected        %.6f (2 * x.sum(), same graph; mean of x %.6f)%n", o.expected(),
                o.count() == 0 ? 0.0 : o.expected() / 2 / o.count());
        System.out.printf(Locale.ROOT, "time            %.2f s%n", o.seconds());
        System.out.printf(Locale.ROOT, "scheduler peak  %.1f MiB held (%d bytes)%n", o.schedulerPeakBytes() / mib,
                o.schedulerPeakBytes());
        System.out.printf(Locale.ROOT, "process peak    %.1f MiB resident (VmHWM)%n", o.peakRssBytes() / mib);
        if (!o.correct()) {
            System.out.println("WRONG: relative error " + Math.abs(o.value() - o.expected()) / Math.abs(o.expected())
                    + (o.meanIsPlausible() ? "" : ", mean of x is not near 1/2"));
            System.exit(1);
        }
        System.out.println("OK");
    }
}
