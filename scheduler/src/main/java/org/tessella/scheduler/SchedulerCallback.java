package org.tessella.scheduler;

/**
 * Diagnostics hook on the coordinator: told when a computation starts and ends and when each task
 * is handed to a worker, finishes, or has its result released. Within one computation the calls
 * come from its coordinating thread, one at a time; a callback registered for every computation
 * (see {@link Callbacks}) may hear from several computations running at once on different
 * threads. Calls must be quick; an exception thrown by a callback fails the computation.
 */
public interface SchedulerCallback {
    /** {@code tasks}: the tasks that will run (after fusion, not counting literal data). */
    default void computationStarted(int tasks, int workers) {
    }

    default void taskStarted(Key key) {
    }

    /** {@code bytesHeld}: bytes of all results held right after this one was stored. */
    default void taskFinished(Key key, long startNanos, long endNanos, String thread, long bytes, long bytesHeld) {
    }

    default void released(Key key, long bytes) {
    }

    /** {@code error} is null on success. */
    default void computationFinished(ComputeStats stats, Throwable error) {
    }
}
