package org.tessella.jmh;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports {@code ·gflop.rate}: floating-point operations per second, in GFLOP/s, for the
 * benchmarks whose operation has a meaningful flop count ({@link #FLOPS}: {@link MatmulSum}, 2n³). It is the count
 * divided by the iteration's time per operation (the primary score of {@code SingleShotTime} or {@code AverageTime}
 * runs); other benchmarks and modes get no figure. Averaged over iterations; the iteration lines show each one.
 * Enable with {@code -prof org.tessella.jmh.FlopRateProfiler}.
 */
public final class FlopRateProfiler implements InternalProfiler {
    /** Flops of one operation by benchmark class name, from the benchmark's parameters. */
    static final Map<String, ToDoubleFunction<BenchmarkParams>> FLOPS = Map.of(
            MatmulSum.class.getName(), p -> MatmulSum.flops(Long.parseLong(p.getParam("n"))));

    @Override
    public String getDescription() {
        return "Floating-point operations per second (GFLOP/s) of benchmarks with a known flop count";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        ToDoubleFunction<BenchmarkParams> flops = FLOPS.get(benchmarkClass(benchmarkParams.getBenchmark()));
        Mode mode = benchmarkParams.getMode();
        if (flops == null || (mode != Mode.SingleShotTime && mode != Mode.AverageTime)
                || result.getPrimaryResult() == null) {
            return List.of();
        }
        double secondsPerOp = result.getPrimaryResult().getScore() * benchmarkParams.getTimeUnit().toNanos(1) / 1e9;
        return List.of(new ScalarResult("gflop.rate", gflops(flops.applyAsDouble(benchmarkParams), secondsPerOp),
                "GFLOP/s", AggregationPolicy.AVG));
    }

    /** {@code flops} in {@code secondsPerOp}, in GFLOP/s. */
    static double gflops(double flops, double secondsPerOp) {
        return flops / secondsPerOp / 1e9;
    }

    /** The class of a JMH benchmark name ({@code org.tessella.jmh.MatmulSum.dense} gives its first part). */
    static String benchmarkClass(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(0, dot);
    }
}
