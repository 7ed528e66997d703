package org.tessella.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.SynchronousScheduler;
import org.tessella.scheduler.Task;
import org.tessella.scheduler.ThreadedScheduler;

/**
 * Per-task overhead of the scheduler, in microseconds per task: {@value #TASKS} trivial tasks in
 * {@value #CHAINS} independent chains of {@value #LENGTH} increments ({@code c, c + 1, ...}), the
 * chain ends being the outputs. Every task has a dependency to wait for and a result to release,
 * and the chains run in parallel. Each call includes what {@code compute} does before running
 * (expanding, culling, fusing and ordering the tasks); the graph itself is built once in setup.
 *
 * <p>Baselines: {@code direct} evaluates the same functions in a loop (the work itself), and
 * {@code executor} runs the same chains as {@link CompletableFuture} stages on a JDK thread pool with
 * as many threads (what the cheapest dependency-aware hand-off on the JDK costs per task).
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 5)
@OperationsPerInvocation(SchedulerOverhead.TASKS)
public class SchedulerOverhead extends AbstractBenchmark {
    /** Independent chains. */
    public static final int CHAINS = 1_000;
    /** Tasks per chain. */
    public static final int LENGTH = 100;
    /** Tasks per computation. */
    public static final int TASKS = CHAINS * LENGTH;

    private Graph graph;
    private List<Key> outputs;

    @Setup(Level.Trial)
    public void buildGraph() {
        graph = chains(CHAINS, LENGTH);
        outputs = new ArrayList<>(CHAINS);
        for (int c = 0; c < CHAINS; c++) {
            outputs.add(Key.of("inc", c, LENGTH - 1));
        }
    }

    /** Chain {@code c} is {@code c, c + 1, ..., c + length - 1}: keys {@code ("inc", c, step)}. */
    static Graph chains(int chains, int length) {
        List<Task> tasks = new ArrayList<>(chains * length);
        for (int c = 0; c < chains; c++) {
            long start = c;
            tasks.add(Task.of(Key.of("inc", c, 0), args -> start));
            for (int s = 1; s < length; s++) {
                tasks.add(Task.of(Key.of("inc", c, s), args -> (Long) args.get(0) + 1, Key.of("inc", c, s - 1)));
            }
        }
        return Graph.of(Layer.of("inc", tasks));
    }

    /** Sum of the chain ends, to check and to consume the results. */
    static long sum(List<Object> values) {
        long s = 0;
        for (Object v : values) {
            s += (Long) v;
        }
        return s;
    }

    /** The threaded scheduler, with a {@code workers} parameter. */
    @State(Scope.Benchmark)
    public static class Threaded {
        /** Worker threads; 0 means one per core. */
        @Param("0")
        public int workers;

        public ThreadedScheduler scheduler;
        public ExecutorService pool;

        int threads() {
            return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        }

        @Setup(Level.Trial)
        public void start() {
            scheduler = new ThreadedScheduler(threads());
            pool = Executors.newFixedThreadPool(threads(), r -> {
                Thread t = new Thread(r, "baseline-executor");
                t.setDaemon(true);
                return t;
            });
        }

        @TearDown(Level.Trial)
        public void stop() {
            scheduler.close();
            pool.shutdownNow();
        }
    }

    @Benchmark
    public long threaded(Threaded t) {
        return run(t.scheduler);
    }

    @Benchmark
    public long synchronous() {
        return run(new SynchronousScheduler());
    }

    long run(Scheduler scheduler) {
        return sum(scheduler.compute(graph, outputs).values());
    }

    @Benchmark
    public long direct() {
        long s = 0;
        for (int c = 0; c < CHAINS; c++) {
            Long v = (long) c;
            for (int i = 1; i < LENGTH; i++) {
                v = v + 1;
            }
            s += v;
        }
        return s;
    }

    @Benchmark
    public long executor(Threaded t) {
        List<CompletableFuture<Long>> ends = new ArrayList<>(CHAINS);
        for (int c = 0; c < CHAINS; c++) {
            long start = c;
            CompletableFuture<Long> f = CompletableFuture.supplyAsync(() -> start, t.pool);
            for (int i = 1; i < LENGTH; i++) {
                f = f.thenApplyAsync(v -> v + 1, t.pool);
            }
            ends.add(f);
        }
        long s = 0;
        for (CompletableFuture<Long> f : ends) {
            s += f.join();
        }
        return s;
    }
}
