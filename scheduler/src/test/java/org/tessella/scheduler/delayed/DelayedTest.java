package org.tessella.scheduler.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tessella.scheduler.SynchronousScheduler;
import org.tessella.scheduler.TaskFailedException;
import org.tessella.scheduler.ThreadedScheduler;

/** The delayed API: lazy calls, one graph for many results, shared work done once, in parallel. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DelayedTest {
    private static final ThreadedScheduler THREADED = new ThreadedScheduler(4);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @AfterAll
    static void close() {
        THREADED.close();
    }

    private int slow(int result) throws InterruptedException {
        calls.incrementAndGet();
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        Thread.sleep(5);
        running.decrementAndGet();
        return result;
    }

    private <T> T unchecked(java.util.concurrent.Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loopsOfFAndGOverListsComputeAtOnceInParallel() {
        // The custom-workload example: results depend on comparisons, all built lazily, computed at once.
        var f = Delayed.function("f", (Integer x, Integer y) -> unchecked(() -> slow(x + y)));
        var g = Delayed.function("g", (Integer x, Integer y) -> unchecked(() -> slow(x * y)));
        var sum = Delayed.functionN("sum", (Object[] v) -> {
            int s = 0;
            for (Object o : v) {
                s += (Integer) o;
            }
            return s;
        });
        List<Integer> xs = List.of(1, 5, 2, 8, 3, 9, 4);
        List<Integer> ys = List.of(7, 2, 6, 1, 9, 3);
        List<Delayed<Integer>> results = new ArrayList<>();
        int expected = 0;
        for (int x : xs) {
            for (int y : ys) {
                results.add(x < y ? f.call(x, y) : g.call(x, y));
                expected += x < y ? x + y : x * y;
            }
        }
        Delayed<Integer> total = sum.call(results.toArray());
        assertEquals(0, calls.get(), "nothing runs before compute");
        assertEquals(expected, total.compute(THREADED));
        assertEquals(xs.size() * ys.size(), calls.get());
        assertTrue(mostAtOnce.get() >= 2, "ran in parallel: at most " + mostAtOnce.get() + " at once");
    }

    @Test
    void computeAllRunsSharedInputsOnce() {
        var inc = Delayed.function("inc", (Integer x) -> unchecked(() -> slow(x + 1)));
        var add = Delayed.function("add", (Integer x, Integer y) -> x + y);
        var mul = Delayed.function("mul", (Integer x, Integer y) -> x * y);
        Delayed<Integer> shared = inc.call(1);
        Delayed<Integer> a = add.call(shared, 10);
        Delayed<Integer> b = mul.call(shared, shared);
        List<Object> values = Delayed.computeAll(THREADED, List.of(a, b, shared));
        assertEquals(List.of(12, 4, 2), values);
        assertEquals(1, calls.get(), "the shared input ran once");
        assertEquals(List.of(12, 4, 2), Delayed.computeAll(new SynchronousScheduler(), List.of(a, b, shared)));
        assertEquals(2, calls.get());
    }

    @Test
    void valuesAndDelayedResultsMix() {
        var concat = Delayed.functionN("concat", (Object[] v) -> {
            StringBuilder sb = new StringBuilder();
            for (Object o : v) {
                sb.append(o);
            }
            return sb.toString();
        });
        Delayed<String> hello = Delayed.value("hello");
        Delayed<String> s = concat.call(hello, ", ", concat.call("wor", "ld"), '!');
        assertEquals("hello, world!", s.compute(new SynchronousScheduler()));
        assertEquals("hello", hello.compute(new SynchronousScheduler()));
        assertTrue(s.key().name().startsWith("concat-"), s.key().toString());
        assertTrue(s.toString().startsWith("Delayed('concat-"), s.toString());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aLongRunningAccumulationBuildsInLinearTime() {
        // total = add(total, i) in a loop: each call's graph must not copy all the previous ones.
        var add = Delayed.function("add", (Integer x, Integer y) -> x + y);
        Delayed<Integer> total = Delayed.value(0);
        for (int i = 1; i <= 20_000; i++) {
            total = add.call(total, i);
        }
        assertEquals(200_010_000, total.compute(new SynchronousScheduler()));
        assertEquals(20_001, total.graph().layerCount());
    }

    @Test
    void aFailingCallNamesItsKey() {
        var boom = Delayed.function("boom", (Integer x) -> {
            throw new ArithmeticException("no " + x);
        });
        Delayed<Object> d = boom.call(3);
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> d.compute(THREADED));
        assertEquals(d.key(), e.key());
        assertEquals("no 3", e.getCause().getMessage());
    }

    @Test
    void aFunctionNeedsAName() {
        var unnamed = Delayed.function("", (Integer x) -> x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unnamed.call(1));
        assertTrue(e.getMessage().startsWith("name is empty"), e.getMessage());
    }

    @Test
    void computeUsesTheDefaultScheduler() {
        var twice = Delayed.function("twice", (Integer x) -> 2 * x);
        assertEquals(42, twice.call(21).compute());
        assertEquals(List.of(2, 4), Delayed.computeAll(List.of(twice.call(1), twice.call(2))));
    }
}
