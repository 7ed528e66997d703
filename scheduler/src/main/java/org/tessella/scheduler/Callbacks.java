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

    /** A registered callback; {@link #close()} unregisters it (again: no effect) and throws nothing. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Reports every computation that starts from now on to {@code callback}, until the handle is closed. */
    public static Registration register(SchedulerCallback callback) {
        if (callback == null) {
            throw new IllegalArgumentException("callback is null; expected a SchedulerCallback");
        }
        ACTIVE.add(callback);
        return () -> ACTIVE.remove(callback);
    }

    public static void unregister(SchedulerCallback callback) {
        ACTIVE.remove(callback);
    }

    /** A snapshot for one computation: a callback registered meanwhile joins the next one. */
    static SchedulerCallback[] active() {
        return ACTIVE.toArray(new SchedulerCallback[0]);
    }
}
