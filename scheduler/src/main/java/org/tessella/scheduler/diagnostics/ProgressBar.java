package org.tessella.scheduler.diagnostics;

import java.io.PrintStream;
import java.util.Locale;
import org.tessella.scheduler.Callbacks;
import org.tessella.scheduler.ComputeStats;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.SchedulerCallback;

/**
 * A console progress bar: tasks done of total, elapsed time and an estimate of the time left,
 * redrawn in place at most every {@value #REDRAW_MILLIS} ms, and a last line when the computation
 * ends (so a short computation prints just that line). Quiet by default; {@link #enable()} turns
 * it on for every computation. Computations running at once (or nested in a task) share one bar.
 *
 * <pre>{@code
 * try (var bar = ProgressBar.enable()) {
 *     x.compute();
 * }
 * [###############               ]  50% 1200/2400 tasks | 3.1 s elapsed | ~3.1 s left
 * }</pre>
 */
public final class ProgressBar implements SchedulerCallback {
    /** Minimum time between redraws. */
    public static final long REDRAW_MILLIS = 100;
    private static final int WIDTH = 30;
    private final PrintStream out;
    private int active;
    private long total;
    private long done;
    private long start;
    private long lastDraw;

    /** A bar drawn on {@code out}; register it with {@link Callbacks#register}. */
    public ProgressBar(PrintStream out) {
        if (out == null) {
            throw new IllegalArgumentException("out is null; expected a PrintStream");
        }
        this.out = out;
    }

    /** Shows a progress bar on standard error for every computation; close the handle to stop. */
    public static Callbacks.Registration enable() {
        return Callbacks.register(new ProgressBar(System.err));
    }

    @Override
    public synchronized void computationStarted(int tasks, int workers) {
        if (active++ == 0) {
            total = 0;
            done = 0;
            start = System.nanoTime();
            lastDraw = start;
        }
        total += tasks;
    }

    @Override
    public synchronized void taskFinished(Key key, long startNanos, long endNanos, String thread, long bytes,
                                          long bytesHeld) {
        done++;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_MILLIS * 1_000_000L) {
            lastDraw = now;
            draw(now, false);
        }
    }

    @Override
    public synchronized void computationFinished(ComputeStats stats, Throwable error) {
        if (--active == 0) {
            draw(System.nanoTime(), true);
        }
    }

    /** The line for {@code done} of {@code total} tasks after {@code elapsedNanos}. */
    static String line(long done, long total, long elapsedNanos) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = elapsedNanos / 1e9;
        String left = done == 0 ? "?" : String.format(Locale.ROOT, "%.1f s", elapsed * Math.max(0, total - done) / done);
        return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%% %d/%d tasks | %.1f s elapsed | ~%s left",
                (int) Math.floor(fraction * 100), done, total, elapsed, left);
    }

    private void draw(long now, boolean last) {
        out.print("\r" + line(done, total, now - start) + (last ? System.lineSeparator() : ""));
        out.flush();
    }
}
