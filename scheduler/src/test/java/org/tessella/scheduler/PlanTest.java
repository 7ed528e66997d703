package org.tessella.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The static order of {@link Plan}: a topological order that keeps reductions' live values
 * bounded. Checked deterministically by simulating workers that run every task in one time unit,
 * handed out like {@link Execution} does (lowest priority first, at most two per worker, run first
 * come first served). In this lock-step world a tree reduction holds at most
 * {@code fanIn * levels + 2 * workers + 1} values; real threads add up to {@code 2 * workers} (see
 * {@code SchedulerContract.treeBound}).
 */
class PlanTest {
    private static final TaskFunction NOOP = a -> null;

    /** Peak values held when {@code workers} simulated workers run {@code plan}. */
    static int simulatedPeak(Plan plan, int workers) {
        int n = plan.size();
        int[] waiting = new int[n];
        int[] remaining = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            waiting[i] = plan.deps[i].length;
            remaining[i] = plan.dependents[i].length;
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        ArrayDeque<Integer> handedOut = new ArrayDeque<>();
        int held = 0;
        int peak = 0;
        int finished = 0;
        while (finished < n) {
            while (handedOut.size() < 2 * workers && !ready.isEmpty()) {
                handedOut.add(ready.poll());
            }
            List<Integer> step = new ArrayList<>();
            for (int w = 0; w < workers && !handedOut.isEmpty(); w++) {
                step.add(handedOut.poll());
            }
            for (int t : step) {
                held++;
                finished++;
                peak = Math.max(peak, held);
                for (int p : plan.deps[t]) {
                    if (--remaining[p] == 0 && !plan.output[p]) {
                        held--;
                    }
                }
                for (int d : plan.dependents[t]) {
                    if (--waiting[d] == 0) {
                        ready.add(d);
                    }
                }
            }
        }
        return peak;
    }

    static Key treeSum(List<Task> tasks, String leaves, String name, int n, int fanIn) {
        List<Key> level = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Key leaf = Key.of(leaves + "-leaf", i);
            if (tasks.stream().noneMatch(t -> t.key().equals(leaf))) {
                tasks.add(Task.of(leaf, NOOP));
            }
            level.add(leaf);
        }
        int depth = 0;
        while (level.size() > 1) {
            depth++;
            List<Key> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += fanIn) {
                Key key = Key.of(name + "-" + depth, i / fanIn);
                tasks.add(Task.of(key, NOOP, level.subList(i, Math.min(level.size(), i + fanIn))));
                next.add(key);
            }
            level = next;
        }
        return level.get(0);
    }

    @ParameterizedTest(name = "fan-in {0}, {1} workers")
    @CsvSource({"2, 1", "2, 2", "2, 4", "8, 1", "8, 2", "8, 4", "32, 1", "32, 2", "32, 4"})
    void treeReductionHoldsOneGroupPerLevel(int fanIn, int workers) {
        List<Task> tasks = new ArrayList<>();
        Key root = treeSum(tasks, "x", "sum", 1000, fanIn);
        Plan plan = Plan.build(Blocks.graph(tasks), List.of(root), true);
        int bound = fanIn * SchedulerContract.levels(1000, fanIn) + 2 * workers + 1;
        int peak = simulatedPeak(plan, workers);
        assertTrue(peak <= bound, "peak " + peak + "; expected <= " + bound);
    }

    @ParameterizedTest(name = "{0} workers")
    @CsvSource({"1", "2", "4"})
    void twoReductionsOverTheSameBlocksAdvanceTogether(int workers) {
        List<Task> tasks = new ArrayList<>();
        Key a = treeSum(tasks, "x", "by8", 1000, 8);
        Key b = treeSum(tasks, "x", "by4", 1000, 4);
        Plan plan = Plan.build(Blocks.graph(tasks), List.of(a, b), true);
        int bound = 8 * SchedulerContract.levels(1000, 8) + 4 * SchedulerContract.levels(1000, 4) + 2 * workers + 2;
        int peak = simulatedPeak(plan, workers);
        // A plain depth-first order finishes the first tree while all 1,000 blocks wait for the second.
        assertTrue(peak <= bound, "peak " + peak + "; expected <= " + bound);
    }

    @Test
    void orderIsTopologicalAndOutputsAreMarked() {
        Random rnd = new Random(7);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int arity = i < 3 ? 0 : rnd.nextInt(4);
            Key[] args = new Key[arity];
            for (int j = 0; j < arity; j++) {
                args[j] = Key.of("r", rnd.nextInt(i));
            }
            tasks.add(Task.of(Key.of("r", i), NOOP, args));
        }
        List<Key> outputs = List.of(Key.of("r", 499), Key.of("r", 250), Key.of("r", 499));
        Plan plan = Plan.build(Blocks.graph(tasks), outputs, false);
        for (int i = 0; i < plan.size(); i++) {
            for (int d : plan.deps[i]) {
                assertTrue(d < i, "dependency " + plan.tasks[d].key() + " placed after " + plan.tasks[i].key());
            }
            for (int j = 0; j < plan.args[i].length; j++) {
                assertEquals(plan.tasks[i].args().get(j), plan.tasks[plan.args[i][j]].key());
            }
            for (int d : plan.dependents[i]) {
                assertTrue(contains(plan.deps[d], i));
            }
        }
        assertEquals(3, plan.outputIndex.length);
        for (int k = 0; k < 3; k++) {
            assertEquals(outputs.get(k), plan.tasks[plan.outputIndex[k]].key());
            assertTrue(plan.output[plan.outputIndex[k]]);
        }
    }

    @Test
    void aReadyDependentIsPlacedAsSoonAsItFreesAnInput() {
        // x feeds a and b. When x is placed, b is ready but frees nothing (a still needs x), so the
        // walk goes on to y and a; once a is placed, b is x's last user and follows at once.
        Key x = Key.of("x");
        Key a = Key.of("a");
        Key b = Key.of("b");
        Key y = Key.of("y");
        Graph g = Blocks.graph(Task.of(x, NOOP), Task.of(y, NOOP), Task.of(a, NOOP, x, y), Task.of(b, NOOP, x));
        Plan plan = Plan.build(g, List.of(a, b), false);
        List<Key> order = new ArrayList<>();
        for (Task t : plan.tasks) {
            order.add(t.key());
        }
        assertEquals(List.of(x, y, a, b), order);
    }

    @Test
    void productsOfSharedBlocksDoNotRunAheadOfTheirSums() {
        // out(i) = sum_k p(i, k), p(i, k) = f(x(k)): every x(k) feeds every output. A product frees
        // nothing when it becomes ready, so it waits until the walk reaches its sum. The last output's
        // products do run early, each as the last user of its x(k) (freeing it), so at most two
        // outputs' products are pending at once; placing every ready product at once gave n * n.
        int n = 6;
        List<Task> tasks = new ArrayList<>();
        List<Key> outs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            tasks.add(Task.of(Key.of("x", k), NOOP));
        }
        for (int i = 0; i < n; i++) {
            Key[] ps = new Key[n];
            for (int k = 0; k < n; k++) {
                ps[k] = Key.of("p", i, k);
                tasks.add(Task.of(ps[k], NOOP, Key.of("x", k)));
            }
            Key o = Key.of("o", i);
            tasks.add(Task.of(o, NOOP, ps));
            outs.add(o);
        }
        Plan plan = Plan.build(Blocks.graph(tasks.toArray(new Task[0])), outs, false);
        int pending = 0;
        int worst = 0;
        for (Task t : plan.tasks) {
            if (t.key().name().equals("p")) {
                worst = Math.max(worst, ++pending);
            } else if (t.key().name().equals("o")) {
                pending -= n;
            }
        }
        assertTrue(worst <= 2 * n, "products placed ahead of their sums: " + worst);
    }

    @Test
    void longChainsPlanWithoutRecursion() {
        int n = 100_000;
        List<Task> tasks = new ArrayList<>();
        tasks.add(Task.of(Key.of("c", 0), NOOP));
        for (int i = 1; i < n; i++) {
            tasks.add(Task.of(Key.of("c", i), NOOP, Key.of("c", i - 1)));
        }
        Plan plan = Plan.build(Graph.of(Layer.of("c", tasks)), List.of(Key.of("c", n - 1)), true);
        assertEquals(n, plan.size());
        assertEquals(Key.of("c", n - 1), plan.tasks[n - 1].key());
    }

    @Test
    void fusionStopsAtTheSizeLimit() {
        List<Task> tasks = new ArrayList<>();
        tasks.add(Task.of(Key.of("x"), NOOP));
        int n = 200;
        for (int i = 1; i <= n; i++) {
            Key prev = i == 1 ? Key.of("x") : Key.of("f", i - 1);
            tasks.add(Task.builder(Key.of("f", i), NOOP).args(prev).fusible().build());
        }
        Plan plan = Plan.build(Blocks.graph(tasks), List.of(Key.of("f", n)), true);
        int chunks = (n + Fusion.MAX_FUSED_TASKS - 1) / Fusion.MAX_FUSED_TASKS;
        assertEquals(1 + chunks, plan.size());
        for (Task t : plan.tasks) {
            assertTrue(Fusion.size(t) <= Fusion.MAX_FUSED_TASKS);
        }
    }

    @Test
    void fusionLeavesSharedDataAndViewingTasksAlone() {
        Key x = Key.of("x");
        Key shared = Key.of("shared");
        Key v = Key.of("v");
        Key f = Key.of("f");
        Key d = Key.of("d");
        Graph g = Blocks.graph(
                Task.builder(x, NOOP).fusible().build(),
                Task.builder(shared, NOOP).args(x).fusible().build(),   // two dependents: stays
                Task.builder(f, NOOP).args(shared).fusible().build(),
                Task.builder(v, NOOP).args(shared, f).aliasesInputs().build(), // a view: nothing fuses into it
                Task.data(d, 1.0),
                Task.builder(Key.of("out"), NOOP).args(v, d).build());
        Plan plan = Plan.build(g, List.of(Key.of("out")), true);
        List<Key> keys = new ArrayList<>();
        for (Task t : plan.tasks) {
            keys.add(t.key());
        }
        // x fuses into shared (its only dependent); f stays since v aliases its inputs; d is data.
        assertEquals(5, plan.size(), keys.toString());
        assertTrue(keys.containsAll(List.of(shared, f, v, d, Key.of("out"))), keys.toString());
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }
}
