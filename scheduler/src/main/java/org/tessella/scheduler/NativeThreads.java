package org.tessella.scheduler;

import java.util.function.IntConsumer;

/**
 * Keeps native (BLAS/OpenMP) threads times scheduler workers within the cores. The array layer
 * installs a limiter that sets its native libraries' thread counts. Every running computation
 * counts its workers (a synchronous one counts 1; one nested inside a task counts 0, its task is
 * already counted); when the count changes, the limiter is told {@code max(1, cores / count)}.
 * So one worker may use every core, two workers on two cores get one native thread each, and two
 * computations running at once share the cores too. The limit is applied on the coordinating
 * thread before any task of the computation runs; with nothing running it is left as it was.
 */
public final class NativeThreads {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static IntConsumer limiter = n -> { };
    private static int current = -1;
    private static int activeWorkers;

    private NativeThreads() {
    }

    /** Installs the function that sets the native libraries' thread count. */
    public static void install(IntConsumer newLimiter) {
        if (newLimiter == null) {
            throw new IllegalArgumentException("limiter is null; expected an IntConsumer");
        }
        synchronized (NativeThreads.class) {
            limiter = newLimiter;
            current = -1;
            if (activeWorkers > 0) {
                apply(perTask(activeWorkers));
            }
        }
    }

    /** Native threads each task may use when {@code workers} tasks run at once on this machine. */
    public static int perTask(int workers) {
        return perTask(workers, CORES);
    }

    /** Native threads each task may use when {@code workers} tasks run at once on {@code cores} cores. */
    static int perTask(int workers, int cores) {
        return Math.max(1, cores / Math.max(1, workers));
    }

    /** A computation with {@code workers} workers starts (0: nested, nothing to count). */
    static void acquire(int workers) {
        if (workers <= 0) {
            return;
        }
        synchronized (NativeThreads.class) {
            apply(perTask(activeWorkers + workers));
            activeWorkers += workers;
        }
    }

    /** A computation with {@code workers} workers ended. */
    static void release(int workers) {
        if (workers <= 0) {
            return;
        }
        synchronized (NativeThreads.class) {
            activeWorkers -= workers;
            if (activeWorkers > 0) {
                apply(perTask(activeWorkers));
            }
        }
    }

    /** Workers of the computations running now. */
    static synchronized int activeWorkers() {
        return activeWorkers;
    }

    private static void apply(int n) {
        if (n != current) {
            limiter.accept(n);
            current = n;
        }
    }
}
