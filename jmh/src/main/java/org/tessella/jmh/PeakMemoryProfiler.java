package org.tessella.jmh;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports each iteration's peak memory as secondary results:
 * <ul>
 *   <li>{@code ·peak.scheduler}: the most bytes of block results the scheduler held at once
 *       (0 for dense baselines, which do not use it; persisted inputs are graph data, not counted);</li>
 *   <li>{@code ·peak.rss}: the process's peak resident memory during the iteration ({@code VmHWM},
 *       reset when the iteration starts), which includes the heap, the inputs held in memory and
 *       ND4J's native libraries.</li>
 * </ul>
 * Both are in MiB and aggregate by maximum over iterations. Enable with
 * {@code -prof org.tessella.jmh.PeakMemoryProfiler}.
 */
public final class PeakMemoryProfiler implements InternalProfiler {
    private static final double MIB = 1024.0 * 1024.0;
    private MemoryProbe probe;

    @Override
    public String getDescription() {
        return "Peak memory per iteration: bytes held by the Tessella scheduler and the process's VmHWM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        probe = MemoryProbe.start();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        probe.close();
        return List.of(
                new ScalarResult("peak.scheduler", probe.schedulerPeakBytes() / MIB, "MiB", AggregationPolicy.MAX),
                new ScalarResult("peak.rss", probe.peakRssBytes() / MIB, "MiB", AggregationPolicy.MAX));
    }
}
