package org.tessella.scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default scheduler and the value handlers it uses. Libraries register a {@link ValueHandler}
 * for the value types they produce (the array layer registers one for blocks), and every scheduler
 * made here dispatches to it by the value's class. The default is a {@link ThreadedScheduler} with
 * one worker per core, created on first use.
 */
public final class Schedulers {
    private static final Map<Class<?>, ValueHandler> HANDLERS = new ConcurrentHashMap<>();
    private static final ValueHandler DISPATCH = new Dispatch();
    private static volatile Scheduler defaultScheduler;

    private Schedulers() {
    }

    /** Uses {@code handler} for values whose class is {@code type} or a subtype of it. */
    public static void registerValueHandler(Class<?> type, ValueHandler handler) {
        if (type == null || handler == null) {
            throw new IllegalArgumentException("type and handler must not be null; got type=" + type
                    + ", handler=" + handler);
        }
        HANDLERS.put(type, handler);
    }

    /** The handler that dispatches to the registered handlers by class. */
    public static ValueHandler valueHandler() {
        return DISPATCH;
    }

    /** The scheduler {@code compute()} calls use unless told otherwise. */
    public static Scheduler get() {
        Scheduler s = defaultScheduler;
        if (s == null) {
            synchronized (Schedulers.class) {
                if (defaultScheduler == null) {
                    defaultScheduler = threaded(Runtime.getRuntime().availableProcessors());
                }
                s = defaultScheduler;
            }
        }
        return s;
    }

    /** Replaces the default scheduler; returns the previous one (which is not closed). */
    public static Scheduler set(Scheduler scheduler) {
        if (scheduler == null) {
            throw new IllegalArgumentException("scheduler is null; expected a Scheduler");
        }
        synchronized (Schedulers.class) {
            Scheduler old = get();
            defaultScheduler = scheduler;
            return old;
        }
    }

    /** A threaded scheduler with {@code workers} workers that uses the registered value handlers. */
    public static ThreadedScheduler threaded(int workers) {
        return new ThreadedScheduler(workers, DISPATCH, true);
    }

    /** A synchronous scheduler that uses the registered value handlers. */
    public static SynchronousScheduler synchronous() {
        return new SynchronousScheduler(DISPATCH, true);
    }

    private static final class Dispatch implements ValueHandler {
        private final ClassValue<ValueHandler> cache = new ClassValue<>() {
            @Override
            protected ValueHandler computeValue(Class<?> type) {
                for (Map.Entry<Class<?>, ValueHandler> e : HANDLERS.entrySet()) {
                    if (e.getKey().isAssignableFrom(type)) {
                        return e.getValue();
                    }
                }
                return ValueHandler.NONE;
            }
        };

        private ValueHandler of(Object v) {
            return v == null ? ValueHandler.NONE : cache.get(v.getClass());
        }

        @Override
        public long sizeOf(Object value) {
            return of(value).sizeOf(value);
        }

        @Override
        public boolean isView(Object value) {
            return of(value).isView(value);
        }

        @Override
        public void release(Object value) {
            of(value).release(value);
        }
    }
}
