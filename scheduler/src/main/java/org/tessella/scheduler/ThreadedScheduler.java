package org.tessella.scheduler;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed pool of worker threads (default: one per core). The caller's thread is the
 * coordinator: it owns all state, hands ready tasks to workers, and takes their results from a
 * queue. Workers are daemon threads that live as long as this scheduler; {@link #close()} stops
 * them. One scheduler may serve several computations at once.
 */
public final class ThreadedScheduler implements Scheduler, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int workers;
    private final ExecutorService pool;
    private final ValueHandler handler;
    private final boolean fuse;

    /** One worker per core, no value handling. */
    public ThreadedScheduler() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public ThreadedScheduler(int workers) {
        this(workers, ValueHandler.NONE, true);
    }

    public ThreadedScheduler(int workers, ValueHandler handler, boolean fuse) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers is not positive: " + workers + "; expected at least 1");
        }
        this.workers = workers;
        this.handler = handler == null ? ValueHandler.NONE : handler;
        this.fuse = fuse;
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "tessella-" + id + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    }

    @Override
    public Result compute(Graph graph, List<Key> outputs) {
        if (pool.isShutdown()) {
            throw new IllegalStateException("scheduler is closed; expected an open scheduler");
        }
        return new Execution(Plan.build(graph, outputs, fuse), handler, pool, workers).run();
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
