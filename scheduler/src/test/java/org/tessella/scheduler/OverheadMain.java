package org.tessella.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Quick per-task overhead measurement (not a unit test; the jmh module has the official
 * benchmark): 100,000 trivial independent tasks, and a chain of 100,000 trivial tasks, on a
 * {@link ThreadedScheduler} with 2 workers and on the {@link SynchronousScheduler}. Prints
 * microseconds per task for planning (cull, fuse, order) and for running.
 *
 * <pre>
 * mvn -q -o test-compile -pl scheduler
 * java -cp scheduler/target/classes:scheduler/target/test-classes org.tessella.scheduler.OverheadMain [tasks] [rounds]
 * </pre>
 */
public final class OverheadMain {
    private static final Object ONE = 1;

    private OverheadMain() {
    }

    public static void main(String[] argv) throws Exception {
        int n = argv.length > 0 ? Integer.parseInt(argv[0]) : 100_000;
        int rounds = argv.length > 1 ? Integer.parseInt(argv[1]) : 9;
        Graph independent = independent(n);
        List<Key> independentOut = independent.layer("leaf").keys();
        Graph chain = chain(n);
        List<Key> chainOut = List.of(Key.of("chain", n - 1));
        try (ThreadedScheduler threaded = new ThreadedScheduler(2)) {
            Scheduler sync = new SynchronousScheduler();
            report("independent, threaded(2)", n, rounds, threaded, independent, independentOut);
            report("chain,       threaded(2)", n, rounds, threaded, chain, chainOut);
            report("independent, synchronous", n, rounds, sync, independent, independentOut);
            report("chain,       synchronous", n, rounds, sync, chain, chainOut);
        }
    }

    /** Minimum and median over rounds (the first two are warm-up) of planning alone and of compute(). */
    private static void report(String label, int n, int rounds, Scheduler s, Graph g, List<Key> out) {
        double[] plan = new double[rounds];
        double[] total = new double[rounds];
        for (int r = 0; r < rounds + 2; r++) {
            long t0 = System.nanoTime();
            Plan.build(g, out, true);
            long t1 = System.nanoTime();
            Scheduler.Result result = s.compute(g, out);
            long t2 = System.nanoTime();
            if (result.values().size() != out.size()) {
                throw new AssertionError("lost outputs");
            }
            if (r >= 2) {
                plan[r - 2] = (t1 - t0) / 1e3 / n;
                total[r - 2] = (t2 - t1) / 1e3 / n;
            }
        }
        Arrays.sort(plan);
        Arrays.sort(total);
        System.out.printf(Locale.ROOT, "%s: compute %6.2f us/task (median %6.2f), of which planning %5.2f (median %5.2f)%n",
                label, total[0], total[rounds / 2], plan[0], plan[rounds / 2]);
    }

    static Graph independent(int n) {
        List<Task> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(Task.of(Key.of("leaf", i), a -> ONE));
        }
        return Graph.of(Layer.of("leaf", tasks));
    }

    static Graph chain(int n) {
        List<Task> tasks = new ArrayList<>(n);
        tasks.add(Task.of(Key.of("chain", 0), a -> ONE));
        for (int i = 1; i < n; i++) {
            tasks.add(Task.of(Key.of("chain", i), a -> (Integer) a.get(0) + 1, Key.of("chain", i - 1)));
        }
        return Graph.of(Layer.of("chain", tasks));
    }
}
