package org.tessella.jmh;

import java.util.Locale;
import org.tessella.examples.SyntheticArrays;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/**
 * Out-of-core proof: sums {@code x + x.T} over an n x n float64 matrix (default 20000 x 20000,
 * 3.2 GB, in 2000 x 2000 chunks) whose blocks are generated on demand, in a JVM whose heap and
 * native memory together are far smaller than the matrix (see {@code jmh/run-out-of-core.sh}:
 * {@code -Xmx1g} and JavaCPP's {@code maxphysicalbytes=1536m}, which makes any allocation fail once
 * the process's resident memory passes 1.5 GB). Prints the result, the time, the scheduler's peak
 * bytes held and the process's peak resident memory, then checks the result against a compensated
 * sum of the generator's values (sum(x + x.T) = 2 sum(x), which needs no memory).
 *
 * <p>Usage: {@code OutOfCore [n [chunk]]}. Exits with status 1 if the result is wrong.
 */
public final class OutOfCore {
    /** Relative tolerance of the check: tree sums of 4e8 terms agree with a compensated sum to ~1e-12. */
    static final double TOLERANCE = 1e-9;

    /** The expression, as printed. */
    static final String EXPRESSION = "(x + x.T).sum()";

    private OutOfCore() {
    }

    /** The expression: {@code (x + x.T).sum()}. */
    static ChunkedArray expression(ChunkedArray x) {
        return AddTransposeSum.expression(x);
    }

    /** What one run measured. */
    record Outcome(double value, double expected, double seconds, long schedulerPeakBytes, long peakRssBytes) {
        boolean correct() {
            return Math.abs(value - expected) <= TOLERANCE * Math.abs(expected);
        }
    }

    static Outcome run(long n, long chunk) {
        ChunkedArray x = SyntheticArrays.uniform(AbstractBenchmark.SEED, new long[] {n, n}, Chunks.of(chunk, chunk));
        ChunkedArray total = expression(x);
        ChunkedArray.zeros(new long[] {1}, DType.FLOAT64, Chunks.of(1)).sum().compute(); // load natives untimed
        try (MemoryProbe probe = MemoryProbe.start()) {
            long start = System.nanoTime();
            double value = total.compute().getDouble(0);
            double seconds = (System.nanoTime() - start) / 1e9;
            long schedulerPeak = probe.schedulerPeakBytes();
            long rss = probe.peakRssBytes();
            return new Outcome(value, 2 * generatorSum(n * n), seconds, schedulerPeak, rss);
        }
    }

    /** Kahan sum of the first {@code count} generator values. */
    static double generatorSum(long count) {
        double sum = 0;
        double c = 0;
        for (long i = 0; i < count; i++) {
            double y = SyntheticArrays.uniformValue(AbstractBenchmark.SEED, i) - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum;
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
        System.out.printf(Locale.ROOT, "expected        %.6f (compensated sum of the generator)%n", o.expected());
        System.out.printf(Locale.ROOT, "time            %.2f s%n", o.seconds());
        System.out.printf(Locale.ROOT, "scheduler peak  %.1f MiB held (%d bytes)%n", o.schedulerPeakBytes() / mib,
                o.schedulerPeakBytes());
        System.out.printf(Locale.ROOT, "process peak    %.1f MiB resident (VmHWM)%n", o.peakRssBytes() / mib);
        if (!o.correct()) {
            System.out.println("WRONG: relative error " + Math.abs(o.value() - o.expected()) / Math.abs(o.expected()));
            System.exit(1);
        }
        System.out.println("OK");
    }
}
