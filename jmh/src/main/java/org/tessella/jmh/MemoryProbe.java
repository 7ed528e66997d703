package org.tessella.jmh;

import java.util.Locale;
import org.tessella.scheduler.Callbacks;
import org.tessella.scheduler.ComputeStats;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.SchedulerCallback;

/**
 * Measures the peak memory of a stretch of work: the most bytes the scheduler held at once (block
 * results it was keeping for later tasks, summed as it stores and releases them) over every
 * computation that ran, and the process's peak resident memory ({@code VmHWM}, reset at
 * {@link #start()}). Close it to stop listening.
 *
 * <pre>{@code
 * try (MemoryProbe probe = MemoryProbe.start()) {
 *     x.sum().compute();
 *     System.out.println(probe.summary());
 * }
 * }</pre>
 */
public final class MemoryProbe implements SchedulerCallback, AutoCloseable {
    private static final double MIB = 1024.0 * 1024.0;
    private final AutoCloseable registration;
    private final boolean peakReset;
    private volatile long schedulerPeak;

    private MemoryProbe() {
        this.peakReset = ProcessMemory.resetPeak();
        this.registration = Callbacks.register(this);
    }

    /** Resets the process peak and starts listening to every computation. */
    public static MemoryProbe start() {
        return new MemoryProbe();
    }

    @Override
    public void taskFinished(Key key, long startNanos, long endNanos, String thread, long bytes, long bytesHeld) {
        if (bytesHeld > schedulerPeak) {
            schedulerPeak = bytesHeld;
        }
    }

    @Override
    public void computationFinished(ComputeStats stats, Throwable error) {
        if (stats != null && stats.peakBytes() > schedulerPeak) {
            schedulerPeak = stats.peakBytes();
        }
    }

    /** The most bytes the scheduler held at once since {@link #start()}. */
    public long schedulerPeakBytes() {
        return schedulerPeak;
    }

    /** Peak resident bytes of the process since {@link #start()} (since process start if it could not be reset). */
    public long peakRssBytes() {
        return ProcessMemory.peakRssBytes();
    }

    /** True if the resident peak covers only the time since {@link #start()}. */
    public boolean peakWasReset() {
        return peakReset;
    }

    /** One line: scheduler peak and process peak in MiB. */
    public String summary() {
        return String.format(Locale.ROOT, "scheduler peak %.1f MiB, process peak RSS (VmHWM%s) %.1f MiB",
                schedulerPeakBytes() / MIB, peakReset ? "" : ", since JVM start", peakRssBytes() / MIB);
    }

    @Override
    public void close() {
        Callbacks.unregister(this);
    }
}
