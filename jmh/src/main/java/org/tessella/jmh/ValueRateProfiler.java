package org.tessella.jmh;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports {@code ·values.rate}: the array benchmarks' elements processed per second, in
 * millions (Mvalues/s), for benchmarks with an {@code n} parameter over an n x n array, such as
 * {@link RandomGeneration} (values generated per second). It is n² divided by the iteration's time per
 * operation (the primary score of {@code SingleShotTime} or {@code AverageTime} runs); other modes and
 * benchmarks without {@code n} get no figure. Averaged over iterations. Enable with
 * {@code -prof org.tessella.jmh.ValueRateProfiler}.
 */
public final class ValueRateProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "Elements of the n x n array processed per second (Mvalues/s)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        String n = benchmarkParams.getParam("n");
        Mode mode = benchmarkParams.getMode();
        if (n == null || (mode != Mode.SingleShotTime && mode != Mode.AverageTime)
                || result.getPrimaryResult() == null) {
            return List.of();
        }
        double secondsPerOp = result.getPrimaryResult().getScore() * benchmarkParams.getTimeUnit().toNanos(1) / 1e9;
        return List.of(new ScalarResult("values.rate", valuesPerSecond(Long.parseLong(n), secondsPerOp) / 1e6,
                "Mvalues/s", AggregationPolicy.AVG));
    }

    /** n² values in {@code secondsPerOp}. */
    static double valuesPerSecond(long n, double secondsPerOp) {
        return (double) n * n / secondsPerOp;
    }
}
