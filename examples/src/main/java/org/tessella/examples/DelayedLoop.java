package org.tessella.examples;

import java.util.ArrayList;
import java.util.List;
import org.tessella.scheduler.delayed.Delayed;

/**
 * The custom-workload example of the Dask talks: a nested loop that calls {@code f(x, y)} or
 * {@code g(x, y)} on every pair of two lists. Wrapped with {@link Delayed}, the loop only records
 * calls; {@link Delayed#computeAll} then runs all of them in one graph, in parallel. Each call
 * sleeps {@value #WORK_MILLIS} ms to stand for real work.
 */
public final class DelayedLoop {
    /** Simulated work per call. */
    public static final long WORK_MILLIS = 20;

    private DelayedLoop() {
    }

    static int f(int x, int y) {
        work();
        return x + y;
    }

    static int g(int x, int y) {
        work();
        return x * y;
    }

    private static void work() {
        try {
            Thread.sleep(WORK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while working", e);
        }
    }

    /** The delayed calls: {@code f(a, b)} where {@code a < b}, else {@code g(a, b)}. */
    public static List<Delayed<Integer>> calls(List<Integer> as, List<Integer> bs) {
        Delayed.Function2<Integer, Integer, Integer> df = Delayed.function("f", DelayedLoop::f);
        Delayed.Function2<Integer, Integer, Integer> dg = Delayed.function("g", DelayedLoop::g);
        List<Delayed<Integer>> results = new ArrayList<>();
        for (int a : as) {
            for (int b : bs) {
                results.add(a < b ? df.call(a, b) : dg.call(a, b));
            }
        }
        return results;
    }

    /** Computes all calls at once and returns the sum of their results. */
    public static long run(List<Integer> as, List<Integer> bs) {
        long sum = 0;
        for (Object v : Delayed.computeAll(calls(as, bs))) {
            sum += (Integer) v;
        }
        return sum;
    }
}
