package org.tessella.scheduler;

/**
 * What one computation did: tasks run (after fusion), the peak bytes and number of results held at
 * once, the worker count and the wall time.
 */
public record ComputeStats(int tasks, long peakBytes, int peakValues, int workers, long elapsedNanos) {
    @Override
    public String toString() {
        return String.format("%d tasks on %d workers in %.3f s, peak %.1f MiB in %d results",
                tasks, workers, elapsedNanos / 1e9, peakBytes / 1048576.0, peakValues);
    }
}
