package org.tessella.scheduler;

import java.util.function.IntConsumer;

/**
 * Keeps native (BLAS/OpenMP) threads times scheduler workers within the cores. The array layer
 * installs a limiter that sets its native libraries' thread counts; every computation then asks
 * for {@code max(1, cores / workers)} native threads, so one worker may use every core and two
 * workers get one native thread each.
 */
public final class NativeThreads {
    private static volatile IntConsumer limiter = n -> { };
    private static int current = -1;

    private NativeThreads() {
    }

    public static void install(IntConsumer newLimiter) {
        if (newLimiter == null) {
            throw new IllegalArgumentException("limiter is null; expected an IntConsumer");
        }
        synchronized (NativeThreads.class) {
            limiter = newLimiter;
            current = -1;
        }
    }

    /** Native threads each task may use when {@code workers} tasks run at once. */
    public static int perTask(int workers) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
    }

    static void limitFor(int workers) {
        int n = perTask(workers);
        synchronized (NativeThreads.class) {
            if (n != current) {
                limiter.accept(n);
                current = n;
            }
        }
    }
}
