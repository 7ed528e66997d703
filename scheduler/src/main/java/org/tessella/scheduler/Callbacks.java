package org.tessella.scheduler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The callbacks every computation reports to (like dask's {@code callback.register()}); quiet by
 * default. {@link #register} returns a handle whose {@code close()} unregisters, so a callback can
 * be scoped with try-with-resources.
 */
public final class Callbacks {
    private static final List<SchedulerCallback> ACTIVE = new CopyOnWriteArrayList<>();

    private Callbacks() {
    }

    public static AutoCloseable register(SchedulerCallback callback) {
        if (callback == null) {
            throw new IllegalArgumentException("callback is null; expected a SchedulerCallback");
        }
        ACTIVE.add(callback);
        return () -> ACTIVE.remove(callback);
    }

    public static void unregister(SchedulerCallback callback) {
        ACTIVE.remove(callback);
    }

    static List<SchedulerCallback> active() {
        return ACTIVE;
    }
}
