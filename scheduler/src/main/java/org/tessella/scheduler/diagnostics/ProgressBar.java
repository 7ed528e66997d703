package org.tessella.scheduler.diagnostics;

import java.io.PrintStream;
import org.tessella.scheduler.Callbacks;
import org.tessella.scheduler.ComputeStats;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.SchedulerCallback;

/**
 * A console progress bar: tasks done of total, elapsed time and an estimate of the time left,
 * redrawn at most every {@value #REDRAW_MILLIS} ms. Quiet by default; {@link #enable()} turns it on
 * for every computation.
 *
 * <pre>{@code
 * [##########          ]  50% 1200/2400 tasks | 3.1 s elapsed | ~3.1 s left
 * }</pre>
 */
public final class ProgressBar implements SchedulerCallback {
    /** Minimum time between redraws. */
    public static final long REDRAW_MILLIS = 100;
    private static final int WIDTH = 30;
    private final PrintStream out;
    private int total;
    private int done;
    private long start;
    private long lastDraw;

    public ProgressBar(PrintStream out) {
        if (out == null) {
            throw new IllegalArgumentException("out is null; expected a PrintStream");
        }
        this.out = out;
    }

    /** Shows a progress bar on standard error for every computation; close the handle to stop. */
    public static AutoCloseable enable() {
        return Callbacks.register(new ProgressBar(System.err));
    }

    @Override
    public void computationStarted(int tasks, int workers) {
        total = tasks;
        done = 0;
        start = System.nanoTime();
        lastDraw = 0;
    }

    @Override
    public void taskFinished(Key key, long startNanos, long endNanos, String thread, long bytes, long bytesHeld) {
        done++;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_MILLIS * 1_000_000L) {
            lastDraw = now;
            draw(now, false);
        }
    }

    @Override
    public void computationFinished(ComputeStats stats, Throwable error) {
        draw(System.nanoTime(), true);
    }

    /** The line for {@code done} of {@code total} tasks after {@code elapsedNanos}. */
    static String line(int done, int total, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = elapsedNanos / 1e9;
        String left = done == 0 ? "?" : String.format("%.1f s", elapsed * (total - done) / done);
        return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% %d/%d tasks | %.1f s elapsed | ~%s left",
                (int) Math.floor(fraction * 100), done, total, elapsed, left);
    }

    private void draw(long now, boolean last) {
        out.print("\r" + line(done, total, now - start) + (last ? System.lineSeparator() : ""));
        out.flush();
    }
}
