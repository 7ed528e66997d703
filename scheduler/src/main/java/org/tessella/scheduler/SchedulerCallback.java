package org.tessella.scheduler;

/**
 * Diagnostics hook on the coordinator: told when a computation starts and ends and when each task
 * starts, finishes or has its result released. Called on the coordinating thread, one call at a
 * time, so implementations need no locking; they must be quick.
 */
public interface SchedulerCallback {
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
