package org.tessella.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default scheduler and the value handler registry. */
class SchedulersTest {
    /** A value type only this test registers a handler for. */
    static class Buffer {
        final int size;
        boolean released;

        Buffer(int size) {
            this.size = size;
        }
    }

    static final class SubBuffer extends Buffer {
        SubBuffer(int size) {
            super(size);
        }
    }

    @Test
    void registeredHandlersAreFoundByClassAndSubclass() {
        List<Object> released = new ArrayList<>();
        Schedulers.registerValueHandler(Buffer.class, new ValueHandler() {
            @Override
            public long sizeOf(Object value) {
                return ((Buffer) value).size;
            }

            @Override
            public void release(Object value) {
                ((Buffer) value).released = true;
                released.add(value);
            }
        });
        Key a = Key.of("a");
        Key b = Key.of("b");
        Key c = Key.of("c");
        Graph g = Blocks.graph(Task.of(a, x -> new Buffer(100)), Task.of(b, x -> new SubBuffer(50), a),
                Task.of(c, x -> "done", b));
        Scheduler.Result r = Schedulers.synchronous().compute(g, List.of(c));
        assertEquals("done", r.value(0));
        assertEquals(2, released.size());
        assertEquals(SubBuffer.class, released.get(1).getClass());
        assertEquals(150, r.stats().peakBytes(), "a and b were held together");
        ValueHandler dispatch = Schedulers.valueHandler();
        assertEquals(0, dispatch.sizeOf("not registered"));
        dispatch.release(null);
        try (ThreadedScheduler threaded = Schedulers.threaded(2)) {
            assertEquals("done", threaded.compute(g, List.of(c)).value(0));
        }
        assertEquals(4, released.size());
        assertThrows(IllegalArgumentException.class, () -> Schedulers.registerValueHandler(null, ValueHandler.NONE));
    }

    static class Late {
    }

    static final class LateChild extends Late {
    }

    @Test
    void aHandlerRegisteredAfterItsTypeWasSeenIsStillUsed() {
        ValueHandler dispatch = Schedulers.valueHandler();
        LateChild value = new LateChild();
        assertEquals(0, dispatch.sizeOf(value), "nothing registered yet");
        Schedulers.registerValueHandler(Late.class, new ValueHandler() {
            @Override
            public long sizeOf(Object v) {
                return 1;
            }
        });
        assertEquals(1, dispatch.sizeOf(value));
        Schedulers.registerValueHandler(LateChild.class, new ValueHandler() {
            @Override
            public long sizeOf(Object v) {
                return 2;
            }
        });
        assertEquals(2, dispatch.sizeOf(value), "the most specific registered type wins");
        assertEquals(1, dispatch.sizeOf(new Late()));
    }

    @Test
    void theDefaultSchedulerCanBeReplaced() {
        Scheduler original = Schedulers.get();
        assertSame(original, Schedulers.get());
        assertEquals(Runtime.getRuntime().availableProcessors(), original.workers());
        SynchronousScheduler sync = new SynchronousScheduler();
        assertSame(original, Schedulers.set(sync));
        try {
            assertSame(sync, Schedulers.get());
        } finally {
            Schedulers.set(original);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedulers.set(null));
        assertTrue(e.getMessage().contains("scheduler is null"));
    }
}
