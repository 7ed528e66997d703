package org.tessella.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is particular to {@link ThreadedScheduler}: its threads, closing, and where tasks run. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadedSchedulerTest {
    private static Graph independent(int n, long sleepMillis, Set<Thread> threads) {
        List<Task> tasks = new ArrayList<>();
        Key[] parts = new Key[n];
        for (int i = 0; i < n; i++) {
            parts[i] = Key.of("part", i);
            tasks.add(Task.of(parts[i], a -> {
                threads.add(Thread.currentThread());
                Thread.sleep(sleepMillis);
                return 1;
            }));
        }
        tasks.add(Task.of(Key.of("total"), a -> {
            int s = 0;
            for (int i = 0; i < a.size(); i++) {
                s += (Integer) a.get(i);
            }
            return s;
        }, parts));
        return Blocks.graph(tasks);
    }

    @Test
    void workersAreNamedDaemonThreadsThatCloseStops() throws Exception {
        int before = SchedulerContract.tessellaThreads();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        ThreadedScheduler s = new ThreadedScheduler(3);
        assertEquals(30, s.compute(independent(30, 2, threads), List.of(Key.of("total"))).value(0));
        int workersSeen = 0;
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                assertTrue(t.getName().matches("tessella-\\d+-worker-\\d+"), t.getName());
                assertTrue(t.isDaemon());
                workersSeen++;
            }
        }
        assertTrue(workersSeen >= 2, "tasks ran in parallel on " + threads);
        assertTrue(SchedulerContract.tessellaThreads() - before <= 3);
        s.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (SchedulerContract.tessellaThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(SchedulerContract.tessellaThreads() <= before, "workers stopped");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.compute(independent(2, 0, threads), List.of(Key.of("total"))));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void closingDuringAComputationCancelsIt() throws Exception {
        ThreadedScheduler s = new ThreadedScheduler(2);
        CountDownLatch running = new CountDownLatch(1);
        List<Task> tasks = new ArrayList<>();
        Key[] parts = new Key[10];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Key.of("slow", i);
            tasks.add(Task.of(parts[i], a -> {
                running.countDown();
                Thread.sleep(60_000);
                return 1;
            }));
        }
        tasks.add(Task.of(Key.of("s"), a -> 0, parts));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                s.compute(Blocks.graph(tasks), List.of(Key.of("s")));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        s.close();
        caller.join(10_000);
        assertFalse(caller.isAlive(), "the caller returned");
        assertInstanceOf(java.util.concurrent.CancellationException.class, thrown.get());
    }

    @Test
    void theOnlyTaskThatCanRunRunsInTheCallersThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Task> chain = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Key[] prev = i == 0 ? new Key[0] : new Key[] {Key.of("c", i - 1)};
            chain.add(Task.of(Key.of("c", i), a -> {
                threads.add(Thread.currentThread());
                return 0;
            }, prev));
        }
        try (ThreadedScheduler s = new ThreadedScheduler(2)) {
            s.compute(Blocks.graph(chain), List.of(Key.of("c", 4)));
        }
        assertEquals(Set.of(Thread.currentThread()), threads, "a chain needs no hand-off");
    }

    @Test
    void workerCountIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ThreadedScheduler(0));
        assertTrue(e.getMessage().startsWith("workers is not positive: 0"), e.getMessage());
        try (ThreadedScheduler s = new ThreadedScheduler()) {
            assertEquals(Runtime.getRuntime().availableProcessors(), s.workers());
        }
    }
}
