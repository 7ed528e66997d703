package org.tessella.scheduler;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed pool of worker threads (default: one per core). The caller's thread is the
 * coordinator: it owns all state, hands ready tasks to workers, and takes their results from a
 * queue. Workers are daemon threads named {@code tessella-<pool>-worker-<n>}, started on first use;
 * they live as long as this scheduler, and {@link #close()} stops them (cancelling computations
 * still running on it). One scheduler may serve several computations at once, from several
 * threads. A task that itself computes a graph on the same scheduler runs that computation in its
 * own thread, synchronously: waiting for free workers from inside a worker could deadlock.
 */
public final class ThreadedScheduler implements Scheduler, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int workers;
    private final ThreadPoolExecutor pool;
    private final ValueHandler handler;
    private final boolean fuse;

    /** One worker per core, no value handling. */
    public ThreadedScheduler() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** {@code workers} workers, no value handling, fusion on. */
    public ThreadedScheduler(int workers) {
        this(workers, ValueHandler.NONE, true);
    }

    /**
     * @param workers tasks run at once, at least 1
     * @param handler sizes and releases values; null for none
     * @param fuse    whether to fuse chains of fusible tasks (see {@link Fusion})
     */
    public ThreadedScheduler(int workers, ValueHandler handler, boolean fuse) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers is not positive: " + workers + "; expected at least 1");
        }
        this.workers = workers;
        this.handler = handler == null ? ValueHandler.NONE : handler;
        this.fuse = fuse;
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> new Worker(this, r, "tessella-" + id + "-worker-" + count.incrementAndGet()));
    }

    @Override
    public Result compute(Graph graph, List<Key> outputs) {
        if (pool.isShutdown()) {
            throw new IllegalStateException("scheduler is closed; expected an open scheduler");
        }
        Plan plan = Plan.build(graph, outputs, fuse);
        if (Thread.currentThread() instanceof Worker w && w.owner == this) {
            return new Execution(plan, handler, null, 1, 0).run();
        }
        return new Execution(plan, handler, pool, workers, workers).run();
    }

    @Override
    public int workers() {
        return workers;
    }

    /** Stops the workers; computations still running fail with a {@link java.util.concurrent.CancellationException}. */
    @Override
    public void close() {
        for (Runnable r : pool.shutdownNow()) {
            if (r instanceof Execution.Job job) {
                job.skip();
            }
        }
    }

    /** A worker thread, marked with the scheduler it belongs to. */
    /**
     * Stack reserved per worker: OpenBLAS's multi-threaded LU ({@code getrf}) overflows the default
     * 1 MiB Java thread stack and kills the JVM (OpenBLAS issues 1082, 3229); only touched pages cost memory.
     */
    static final long WORKER_STACK_BYTES = 64L << 20;

    private static final class Worker extends Thread {
        final ThreadedScheduler owner;

        Worker(ThreadedScheduler owner, Runnable r, String name) {
            super(null, r, name, WORKER_STACK_BYTES);
            this.owner = owner;
            setDaemon(true);
        }
    }
}
