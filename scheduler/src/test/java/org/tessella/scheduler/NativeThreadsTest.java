package org.tessella.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Native threads per task times workers of all running computations stay within the cores. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NativeThreadsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @AfterEach
    void uninstall() {
        NativeThreads.install(n -> { });
    }

    @ParameterizedTest(name = "{0} workers on {1} cores -> {2}")
    @CsvSource({"1, 2, 2", "2, 2, 1", "3, 2, 1", "4, 2, 1", "1, 8, 8", "2, 8, 4", "3, 8, 2", "4, 8, 2", "5, 8, 1",
            "8, 8, 1", "16, 8, 1", "0, 4, 4", "1, 1, 1", "7, 64, 9"})
    void perTaskDividesTheCores(int workers, int cores, int expected) {
        assertEquals(expected, NativeThreads.perTask(workers, cores));
    }

    @Test
    void perTaskNeverOversubscribesWhileWorkersFit() {
        for (int cores = 1; cores <= 64; cores++) {
            for (int workers = 1; workers <= 2 * cores; workers++) {
                int n = NativeThreads.perTask(workers, cores);
                assertTrue(n >= 1);
                if (workers <= cores) {
                    assertTrue(workers * n <= cores, workers + " workers x " + n + " on " + cores);
                }
            }
        }
        assertEquals(NativeThreads.perTask(1, CORES), NativeThreads.perTask(1));
    }

    @Test
    void eachComputationSetsTheLimitForItsWorkers() {
        List<Integer> calls = new CopyOnWriteArrayList<>();
        NativeThreads.install(calls::add);
        Graph g = Blocks.graph(Task.of(Key.of("x"), a -> 1));
        try (ThreadedScheduler s = new ThreadedScheduler(2)) {
            s.compute(g, List.of(Key.of("x")));
        }
        assertEquals(List.of(NativeThreads.perTask(2)), calls);
        new SynchronousScheduler().compute(g, List.of(Key.of("x")));
        assertEquals(NativeThreads.perTask(1), calls.get(calls.size() - 1));
        assertEquals(0, NativeThreads.activeWorkers());
        assertThrows(IllegalArgumentException.class, () -> NativeThreads.install(null));
    }

    @Test
    void computationsRunningAtOnceShareTheCoresAndNestedOnesCountNothing() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger seenInside = new AtomicInteger();
        AtomicInteger seenNested = new AtomicInteger();
        try (ThreadedScheduler s = new ThreadedScheduler(2)) {
            Graph nested = Blocks.graph(Task.of(Key.of("n"), a -> {
                seenNested.set(NativeThreads.activeWorkers());
                return 0;
            }));
            Graph blocked = Blocks.graph(
                    Task.of(Key.of("b", 0), a -> {
                        s.compute(nested, List.of(Key.of("n")));
                        inside.countDown();
                        release.await();
                        return 0;
                    }),
                    Task.of(Key.of("b", 1), a -> 0));
            Thread t = new Thread(() -> s.compute(blocked, List.of(Key.of("b", 0), Key.of("b", 1))));
            t.start();
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertEquals(2, seenNested.get(), "a computation nested in a task counts no workers");
            new SynchronousScheduler().compute(Blocks.graph(Task.of(Key.of("s"), a -> {
                seenInside.set(NativeThreads.activeWorkers());
                return 0;
            })), List.of(Key.of("s")));
            assertEquals(3, seenInside.get(), "two threaded workers and one synchronous");
            assertEquals(2, NativeThreads.activeWorkers());
            release.countDown();
            t.join(10_000);
        }
        assertEquals(0, NativeThreads.activeWorkers());
    }
}
