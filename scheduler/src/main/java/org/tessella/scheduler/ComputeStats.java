package org.tessella.scheduler;

/**
 * What one computation did: tasks run (after fusion; literal data does not count), the peak bytes
 * and number of values held at once (literal data counts while it is needed), the worker count and
 * the wall time.
 */
public record ComputeStats(int tasks, long peakBytes, int peakValues, int workers, long elapsedNanos) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d tasks on %d workers in %.3f s, peak %.1f MiB in %d results",
                tasks, workers, elapsedNanos / 1e9, peakBytes / 1048576.0, peakValues);
    }
}
