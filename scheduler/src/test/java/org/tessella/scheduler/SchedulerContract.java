package org.tessella.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tessella.scheduler.Blocks.Block;

/**
 * The contract every {@link Scheduler} passes: results, release on last use, donation, fusion,
 * culling, ordering (bounded live values), failures, cancellation and callbacks. Subclasses supply
 * the implementation; all values are {@link Block}s counted by a {@link Blocks} handler.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class SchedulerContract {
    /** A scheduler of the implementation under test with this handler and fusion setting. */
    abstract Scheduler create(ValueHandler handler, boolean fuse);

    /** The number of tasks the implementation runs at once. */
    abstract int workers();

    final Blocks blocks = new Blocks();
    final Set<Key> finished = ConcurrentHashMap.newKeySet();
    final AtomicInteger calls = new AtomicInteger();
    private final List<Scheduler> made = new ArrayList<>();

    Scheduler scheduler() {
        return scheduler(true);
    }

    Scheduler scheduler(boolean fuse) {
        Scheduler s = create(blocks, fuse);
        made.add(s);
        return s;
    }

    @AfterEach
    void closeSchedulers() throws Exception {
        for (Scheduler s : made) {
            if (s instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    // ---- task helpers ----

    private Object done(Key k, Object v) {
        calls.incrementAndGet();
        finished.add(k);
        return v;
    }

    Task load(Key k, long v) {
        return Task.of(k, a -> done(k, blocks.make(v, k)));
    }

    Task sum(Key k, Key... args) {
        return Task.of(k, a -> done(k, blocks.make(total(a), k)), args);
    }

    Task fusibleSum(Key k, Key... args) {
        return Task.builder(k, a -> done(k, blocks.make(total(a), k))).args(args).fusible().build();
    }

    Task plus(Key k, Key arg, long c) {
        return Task.of(k, a -> done(k, blocks.make(Blocks.read(a.get(0)) + c, k)), arg);
    }

    static long total(TaskArgs a) {
        long s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += Blocks.read(a.get(i));
        }
        return s;
    }

    static long value(Object v) {
        return ((Block) v).value;
    }

    static Key k(String name, int... index) {
        return Key.of(name, index);
    }

    static int tessellaThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("tessella-")) {
                n++;
            }
        }
        return n;
    }

    // ---- results ----

    @Test
    void chainComputesEachLinkOnce() {
        List<Task> tasks = new ArrayList<>();
        tasks.add(load(k("c", 0), 1));
        for (int i = 1; i < 300; i++) {
            tasks.add(plus(k("c", i), k("c", i - 1), 1));
        }
        Scheduler.Result r = scheduler().compute(Blocks.graph(tasks), List.of(k("c", 299)));
        assertEquals(300, value(r.value(0)));
        assertEquals(300, calls.get());
        assertEquals(300, r.stats().tasks());
        assertEquals(2, r.stats().peakValues(), "a chain holds at most an input and its result");
    }

    @Test
    void diamondComputesSharedInputOnceAndReleasesItAfterBothUsers() {
        Key a = k("a");
        Key b = k("b");
        Key c = k("c");
        Key d = k("d");
        Graph g = Blocks.graph(load(a, 3), plus(b, a, 1), Task.of(c, x -> done(c, blocks.make(2 * Blocks.read(x.get(0)), c)), a),
                sum(d, b, c));
        Scheduler.Result r = scheduler().compute(g, List.of(d));
        assertEquals(10, value(r.value(0)));
        assertEquals(4, calls.get());
        Block blockA = blocks.madeBy(a).get(0);
        assertEquals(1, blocks.releaseCount(blockA));
        assertEquals(1, blocks.releaseCount(blocks.madeBy(b).get(0)));
        assertEquals(1, blocks.releaseCount(blocks.madeBy(c).get(0)));
        assertEquals(0, blocks.releaseCount((Block) r.value(0)), "an output is never released");
    }

    @Test
    void repeatedArgumentIsOneDependencyAndIsNeverDonated() {
        Key x = k("x");
        Key y = k("y");
        AtomicBoolean donated = new AtomicBoolean();
        Task twice = Task.of(y, a -> {
            donated.set(a.isDonated(0) || a.isDonated(1));
            assertThrows(IllegalStateException.class, () -> a.claim(0));
            return done(y, blocks.make(total(a), y));
        }, x, x);
        assertEquals(List.of(x), twice.dependencies());
        assertEquals(List.of(x, x), twice.args());
        Scheduler.Result r = scheduler().compute(Blocks.graph(load(x, 5), twice), List.of(y));
        assertEquals(10, value(r.value(0)));
        assertFalse(donated.get(), "x + x must not see x donated");
        assertEquals(1, blocks.releaseCount(blocks.madeBy(x).get(0)));
    }

    @Test
    void manyOutputsWithDuplicatesComeBackInOrder() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(load(k("a", i), i));
        }
        Key[] all = new Key[50];
        for (int i = 0; i < 50; i++) {
            all[i] = k("a", i);
        }
        tasks.add(sum(k("s"), all));
        List<Key> outputs = List.of(k("s"), k("a", 3), k("s"), k("a", 7), k("a", 3));
        Scheduler.Result r = scheduler().compute(Blocks.graph(tasks), outputs);
        assertEquals(5, r.values().size());
        assertEquals(1225, value(r.value(0)));
        assertEquals(3, value(r.value(1)));
        assertSame(r.value(0), r.value(2));
        assertEquals(7, value(r.value(3)));
        assertSame(r.value(1), r.value(4));
        for (Object v : r.values()) {
            assertEquals(0, blocks.releaseCount((Block) v));
        }
        assertEquals(1, blocks.releaseCount(blocks.madeBy(k("a", 0)).get(0)));
        assertEquals(51, calls.get());
    }

    @Test
    void literalDataIsUsedAsIsAndNeverReleased() {
        Block literal = blocks.make(40, 8, false, k("literal"));
        Key d = k("literal");
        Key y = k("y");
        Graph g = Blocks.graph(Task.data(d, literal), plus(y, d, 2));
        Scheduler.Result r = scheduler().compute(g, List.of(y, d));
        assertEquals(42, value(r.value(0)));
        assertSame(literal, r.value(1));
        assertEquals(1, r.stats().tasks(), "literal data is not a task run");
        Scheduler.Result r2 = scheduler().compute(g, List.of(y));
        assertEquals(42, value(r2.value(0)));
        assertEquals(0, blocks.releaseCount(literal), "literal data belongs to the graph");
        assertFalse(literal.released);
    }

    @Test
    void nullResultsAreValuesToo() {
        // Store-like tasks return nothing; null never reaches the value handler.
        Key x = k("x");
        Key store = k("store");
        Key after = k("after");
        Graph g = Blocks.graph(load(x, 1), Task.of(store, a -> null, x),
                Task.of(after, a -> a.get(0) == null ? blocks.make(1, after) : null, store));
        Scheduler.Result r = scheduler().compute(g, List.of(after, store));
        assertEquals(1, value(r.value(0)));
        assertEquals(null, r.value(1));
        assertEquals(1, blocks.releaseCount(blocks.madeBy(x).get(0)));
    }

    @Test
    void emptyOutputListComputesNothing() {
        Scheduler.Result r = scheduler().compute(Blocks.graph(load(k("x"), 1)), List.of());
        assertEquals(List.of(), r.values());
        assertEquals(0, calls.get());
    }

    // ---- culling ----

    /** A lazy layer of 2^31-1 keys: task i adds 1 to task i/2; counts how many tasks it expands. */
    static final class HalvingLayer implements Layer {
        final AtomicInteger expanded = new AtomicInteger();
        private final String name;

        HalvingLayer(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Task task(int[] index) {
            expanded.incrementAndGet();
            int i = index[0];
            Key key = Key.of(name, i);
            if (i == 0) {
                return Task.of(key, a -> new Block(0, 8, false, key));
            }
            return Task.of(key, a -> new Block(Blocks.read(a.get(0)) + 1, 8, false, key), Key.of(name, i / 2));
        }

        @Override
        public List<Key> keys() {
            throw new UnsupportedOperationException("a huge layer cannot list its keys");
        }
    }

    @Test
    void computingOneKeyOfAHugeLazyLayerExpandsOnlyWhatItNeeds() {
        HalvingLayer huge = new HalvingLayer("huge");
        HalvingLayer untouched = new HalvingLayer("untouched");
        Graph g = Graph.merge(Graph.of(huge), Graph.of(untouched));
        int i = Integer.MAX_VALUE;
        Scheduler.Result r = scheduler().compute(g, List.of(Key.of("huge", i)));
        assertEquals(31, value(r.value(0)), "2^31-1 halves 31 times to reach 0");
        assertEquals(32, huge.expanded.get());
        assertEquals(0, untouched.expanded.get());
        assertEquals(32, r.stats().tasks());
    }

    // ---- fusion ----

    @Test
    void fusibleChainBecomesOneTaskAndReleasesIntermediatesInside() {
        List<Task> tasks = new ArrayList<>();
        tasks.add(Task.builder(k("f", 0), a -> done(k("f", 0), blocks.make(1, k("f", 0)))).fusible().build());
        for (int i = 1; i < 5; i++) {
            tasks.add(fusibleSum(k("f", i), k("f", i - 1)));
        }
        Graph g = Blocks.graph(tasks);
        Scheduler.Result r = scheduler(true).compute(g, List.of(k("f", 4)));
        assertEquals(1, value(r.value(0)));
        assertEquals(1, r.stats().tasks());
        assertEquals(1, r.stats().peakValues(), "intermediates never reach the scheduler");
        for (int i = 0; i < 4; i++) {
            assertEquals(1, blocks.releaseCount(blocks.madeBy(k("f", i)).get(0)), "intermediate " + i);
        }
        assertEquals(0, blocks.releaseCount((Block) r.value(0)));

        Scheduler.Result unfused = scheduler(false).compute(g, List.of(k("f", 4)));
        assertEquals(5, unfused.stats().tasks());
        assertEquals(1, value(unfused.value(0)));
    }

    @Test
    void outputsAreNeverFusedAway() {
        List<Task> tasks = new ArrayList<>();
        tasks.add(load(k("x"), 2));
        tasks.add(fusibleSum(k("f", 1), k("x")));
        tasks.add(fusibleSum(k("f", 2), k("f", 1)));
        tasks.add(fusibleSum(k("f", 3), k("f", 2)));
        Scheduler.Result r = scheduler(true).compute(Blocks.graph(tasks), List.of(k("f", 3), k("f", 1)));
        assertEquals(2, value(r.value(0)));
        assertEquals(2, value(r.value(1)));
        assertEquals(3, r.stats().tasks(), "x, f1 (an output), and f3 with f2 inlined");
        assertEquals(0, blocks.releaseCount((Block) r.value(1)));
        assertEquals(1, blocks.releaseCount(blocks.madeBy(k("f", 2)).get(0)));
    }

    @Test
    void veryLongFusibleChainDoesNotOverflowTheStack() {
        int n = 20_000;
        List<Task> tasks = new ArrayList<>();
        tasks.add(load(k("x"), 0));
        for (int i = 1; i <= n; i++) {
            Key prev = i == 1 ? k("x") : k("f", i - 1);
            tasks.add(Task.builder(k("f", i), a -> new Block(Blocks.read(a.get(0)) + 1, 0, false, k("f"))).args(prev)
                    .fusible().build());
        }
        Scheduler.Result r = scheduler(true).compute(Blocks.graph(tasks), List.of(k("f", n)));
        assertEquals(n, value(r.value(0)));
        assertTrue(r.stats().tasks() < n / 10, "fused into few tasks: " + r.stats().tasks());
    }

    /** In place: claims argument 0 if donated and returns it, else copies it. Records what it saw. */
    Task inPlace(Key k, Map<Key, Boolean> sawDonated, boolean fusible, Key... args) {
        Task.Builder b = Task.builder(k, a -> {
            sawDonated.put(k, a.isDonated(0));
            for (int i = 1; i < a.size(); i++) {
                if (a.isDonated(i)) {
                    sawDonated.put(k, true);
                }
            }
            Object out = a.isDonated(0) ? a.claim(0) : blocks.make(Blocks.read(a.get(0)), k);
            return done(k, out);
        }).args(args);
        return fusible ? b.fusible().build() : b.build();
    }

    @Test
    void lastUserMayClaimItsArgumentWithAndWithoutFusion() {
        for (boolean fuse : new boolean[] {false, true}) {
            Map<Key, Boolean> saw = new ConcurrentHashMap<>();
            Key x = k("x");
            Graph g = Blocks.graph(load(x, 7), inPlace(k("y"), saw, true, x), inPlace(k("z"), saw, false, k("y")));
            int before = blocks.releases.size();
            Scheduler.Result r = scheduler(fuse).compute(g, List.of(k("z")));
            assertEquals(fuse ? 2 : 3, r.stats().tasks());
            assertEquals(Map.of(k("y"), true, k("z"), true), saw, "fuse=" + fuse);
            Block bx = blocks.madeBy(x).get(blocks.madeBy(x).size() - 1);
            assertSame(bx, r.value(0), "written in place all the way");
            assertEquals(before, blocks.releases.size(), "a claimed value is owned by its claimer, never released");
        }
    }

    @Test
    void argumentUsedTwiceInAFusedTaskIsNeverDonated() {
        Map<Key, Boolean> saw = new ConcurrentHashMap<>();
        Key x = k("x");
        // y = f(x) is inlined into z = g(y, x): the fused task reads x twice, so neither part may claim it.
        Graph g = Blocks.graph(load(x, 7), inPlace(k("y"), saw, true, x), inPlace(k("z"), saw, false, k("y"), x));
        Scheduler.Result r = scheduler(true).compute(g, List.of(k("z")));
        assertEquals(2, r.stats().tasks());
        assertEquals(false, saw.get(k("y")), "x must stay intact for g");
        assertEquals(7, value(r.value(0)));
        assertEquals(1, blocks.releaseCount(blocks.madeBy(x).get(0)));
    }

    @Test
    void intermediateUsedTwiceByItsDependentIsNeverDonated() {
        Map<Key, Boolean> saw = new ConcurrentHashMap<>();
        Key x = k("x");
        Graph g = Blocks.graph(load(x, 7), inPlace(k("y"), saw, true, x), inPlace(k("z"), saw, false, k("y"), k("y")));
        Scheduler.Result r = scheduler(true).compute(g, List.of(k("z")));
        assertEquals(true, saw.get(k("y")));
        assertEquals(false, saw.get(k("z")));
        assertEquals(7, value(r.value(0)));
        assertEquals(1, blocks.releaseCount(blocks.madeBy(x).get(0)), "the claimed intermediate is released once");
    }

    @Test
    void outputsDataAndSharedValuesAreNeverDonated() {
        Map<Key, Boolean> saw = new ConcurrentHashMap<>();
        Key x = k("x");
        Key d = k("d");
        Graph g = Blocks.graph(load(x, 1), Task.data(d, blocks.make(2, 8, false, d)),
                inPlace(k("fromOutput"), saw, false, x), inPlace(k("fromData"), saw, false, d));
        Scheduler.Result r = scheduler().compute(g, List.of(x, k("fromOutput"), k("fromData")));
        assertEquals(Map.of(k("fromOutput"), false, k("fromData"), false), saw);
        assertNotSame(r.value(0), r.value(1));
        assertEquals(0, blocks.releases.size());
    }

    @Test
    void aValueIsDonatedOnlyToItsLastUser() {
        Map<Key, Boolean> saw = new ConcurrentHashMap<>();
        Map<Key, Set<Key>> finishedWhenRun = new ConcurrentHashMap<>();
        Key x = k("x");
        List<Task> tasks = new ArrayList<>(List.of(load(x, 1)));
        Key[] users = new Key[6];
        for (int i = 0; i < users.length; i++) {
            Key u = k("u", i);
            users[i] = u;
            tasks.add(Task.of(u, a -> {
                saw.put(u, a.isDonated(0));
                finishedWhenRun.put(u, new HashSet<>(finished));
                return done(u, a.isDonated(0) ? a.claim(0) : blocks.make(Blocks.read(a.get(0)), u));
            }, x));
        }
        tasks.add(sum(k("s"), users));
        Scheduler.Result r = scheduler().compute(Blocks.graph(tasks), List.of(k("s")));
        assertEquals(6, value(r.value(0)));
        for (Key u : users) {
            if (saw.get(u)) {
                for (Key other : users) {
                    assertTrue(other.equals(u) || finishedWhenRun.get(u).contains(other),
                            u + " saw x donated before " + other + " ran");
                }
            }
        }
        long donations = saw.values().stream().filter(b -> b).count();
        assertTrue(donations <= 1);
        if (workers() == 1 && scheduler() instanceof SynchronousScheduler) {
            assertEquals(1, donations, "run one at a time, the last user gets it");
        }
    }

    // ---- release on last use ----

    @Test
    void everyIntermediateIsReleasedOnceAfterItsLastDependentAndOutputsNever() {
        Random rnd = new Random(20240611L);
        int n = 400;
        List<Task> tasks = new ArrayList<>();
        Map<Key, List<Key>> dependents = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Key key = k("r", i);
            int arity = i < 5 ? 0 : rnd.nextInt(4);
            Key[] args = new Key[arity];
            for (int j = 0; j < arity; j++) {
                args[j] = k("r", rnd.nextInt(i));
                dependents.computeIfAbsent(args[j], x -> new ArrayList<>()).add(key);
            }
            tasks.add(arity == 0 ? load(key, i) : sum(key, args));
        }
        List<Key> outputs = new ArrayList<>();
        for (int i = n - 1; i >= 0 && outputs.size() < 20; i -= 7) {
            outputs.add(k("r", i));
        }
        Map<Key, Task> byKey = new HashMap<>();
        for (Task t : tasks) {
            byKey.put(t.key(), t);
        }
        Set<Key> needed = new HashSet<>();
        List<Key> todo = new ArrayList<>(outputs);
        while (!todo.isEmpty()) {
            Key key = todo.remove(todo.size() - 1);
            if (needed.add(key)) {
                todo.addAll(byKey.get(key).dependencies());
            }
        }
        List<String> early = Collections.synchronizedList(new ArrayList<>());
        blocks.onRelease = b -> {
            for (Key dep : dependents.getOrDefault(b.producer, List.of())) {
                if (!finished.contains(dep) && needed.contains(dep)) {
                    early.add(b + " released before " + dep + " ran");
                }
            }
        };
        Scheduler.Result r = scheduler().compute(Blocks.graph(tasks), outputs);
        assertEquals(List.of(), early);
        Set<Block> outs = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Object v : r.values()) {
            outs.add((Block) v);
        }
        assertEquals(r.stats().tasks(), blocks.created.size(), "each needed task ran once");
        for (Block b : blocks.created) {
            assertEquals(outs.contains(b) ? 0 : 1, blocks.releaseCount(b), b.toString());
        }
    }

    @Test
    void viewsPinTheirInputsUntilTheyAreReleased() {
        for (boolean declared : new boolean[] {true, false}) {
            Key x = k("x", declared ? 1 : 0);
            Key v = k("v", declared ? 1 : 0);
            Key y = k("y", declared ? 1 : 0);
            Key w = k("w", declared ? 1 : 0);
            Key out = k("out", declared ? 1 : 0);
            // A declared view (aliasesInputs) or one the handler recognises (Block.view).
            Task.Builder vb = Task.builder(v, a -> done(v, blocks.make(Blocks.read(a.get(0)), 0, !declared, v))).args(x);
            Task view = declared ? vb.aliasesInputs().build() : vb.build();
            Map<Key, Boolean> saw = new ConcurrentHashMap<>();
            AtomicReference<String> problem = new AtomicReference<>();
            AtomicReference<Boolean> viewDropped = new AtomicReference<>(false);
            Task wTask = Task.of(w, a -> {
                List<Block> vs = blocks.madeBy(v);
                boolean viewGone = declared ? viewDropped.get() : !vs.isEmpty() && vs.get(0).released;
                if (a.isDonated(0) && !viewGone) {
                    problem.set("x donated while its view lives");
                }
                saw.put(w, a.isDonated(0));
                return done(w, blocks.make(Blocks.read(a.get(0)), w));
            }, x);
            Task yTask = Task.of(y, a -> {
                if (a.isDonated(0)) {
                    problem.set("a view was donated");
                }
                return done(y, blocks.make(Blocks.read(a.get(0)), y));
            }, v);
            // A declared view never owns memory, so it is dropped without release(); the
            // coordinator's released() callback tells when it was dropped.
            SchedulerCallback watch = new SchedulerCallback() {
                @Override
                public void released(Key key, long bytes) {
                    if (key.equals(v)) {
                        viewDropped.set(true);
                    }
                }
            };
            blocks.onRelease = b -> {
                List<Block> vs = blocks.madeBy(v);
                boolean viewGone = declared ? viewDropped.get() : !vs.isEmpty() && vs.get(0).released;
                if (b.producer.equals(x) && !viewGone) {
                    problem.set("x released before its view");
                }
            };
            Scheduler.Result r;
            try (AutoCloseable handle = Callbacks.register(watch)) {
                r = scheduler().compute(Blocks.graph(load(x, 4), view, wTask, yTask, sum(out, y, w)), List.of(out));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertEquals(8, value(r.value(0)));
            assertEquals(null, problem.get(), "declared=" + declared);
            assertEquals(1, blocks.releaseCount(blocks.madeBy(x).get(0)));
            assertEquals(declared ? 0 : 1, blocks.releaseCount(blocks.madeBy(v).get(0)),
                    "a declared view is dropped, never released; a recognised one is released");
        }
    }

    @Test
    void aViewThatIsAnOutputKeepsItsInputAlive() {
        Key x = k("x");
        Key v = k("v");
        Task view = Task.builder(v, a -> blocks.make(Blocks.read(a.get(0)), 0, true, v)).args(x).build();
        Scheduler.Result r = scheduler().compute(Blocks.graph(load(x, 4), view), List.of(v));
        assertEquals(4, value(r.value(0)));
        assertEquals(0, blocks.releaseCount(blocks.madeBy(x).get(0)), "the caller's view still reads x");
    }

    @Test
    void aTaskReturningItsArgumentDoesNotCauseADoubleRelease() {
        Key x = k("x");
        Key same = k("same");
        Key y = k("y");
        Graph g = Blocks.graph(load(x, 4), Task.of(same, a -> a.get(0), x), plus(y, same, 1));
        Scheduler.Result r = scheduler().compute(g, List.of(y));
        assertEquals(5, value(r.value(0)));
        assertEquals(1, blocks.releaseCount(blocks.madeBy(x).get(0)));
    }

    // ---- ordering: bounded live values ----

    /** Leaves 0..n-1 and a tree of sums with fan-in {@code fanIn}; returns the root key. */
    Key treeSum(List<Task> tasks, String name, int n, int fanIn) {
        return treeSum(tasks, name, name, n, fanIn);
    }

    /** Like {@link #treeSum(List, String, int, int)} with leaves named {@code leaves-leaf} (shared if equal). */
    Key treeSum(List<Task> tasks, String leaves, String name, int n, int fanIn) {
        List<Key> level = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Key leaf = k(leaves + "-leaf", i);
            if (tasks.stream().noneMatch(t -> t.key().equals(leaf))) {
                tasks.add(load(leaf, i));
            }
            level.add(leaf);
        }
        int depth = 0;
        while (level.size() > 1) {
            depth++;
            List<Key> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += fanIn) {
                Key key = k(name + "-sum-" + depth, i / fanIn);
                tasks.add(sum(key, level.subList(i, Math.min(level.size(), i + fanIn)).toArray(new Key[0])));
                next.add(key);
            }
            level = next;
        }
        return level.get(0);
    }

    static int levels(int n, int fanIn) {
        int levels = 0;
        for (long m = n; m > 1; m = (m + fanIn - 1) / fanIn) {
            levels++;
        }
        return levels;
    }

    /**
     * Bound on the values held at once by a tree reduction over n blocks, stated for this module:
     * {@code fanIn * levels + 4 * workers + 1}. Per level, one incomplete group (at most fanIn
     * values); the coordinator hands out up to two tasks per worker in priority order, but the
     * pool runs them first come first served, so a sum that becomes ready waits behind up to
     * {@code 2 * workers} tasks handed out earlier, whose values, and those of the tasks handed out
     * meanwhile, are held until it runs; plus the root. {@code PlanTest} shows the order alone
     * achieves {@code fanIn * levels + 2 * workers + 1} on simulated lock-step workers.
     *
     * <p>The bound assumes tasks of similar duration. A task that runs very late (its worker thread
     * descheduled on a busy machine: 4 workers on 2 cores, or other processes) lets the other
     * workers go on with later groups, whose blocks then wait for it; only a memory budget could
     * bound that. Measured peaks for fan-in 32 on 4 workers over 200 runs at load average 8: median
     * 70, 90th percentile 81, maximum 113 (bound 81). So on a pool the bound must hold in one of
     * five attempts; a poor order (e.g. plain depth-first for two reductions: 1,013) fails them all.
     */
    int treeBound(int n, int fanIn, int trees) {
        return trees * fanIn * levels(n, fanIn) + 4 * workers() + 1;
    }

    /** The lowest peak of up to {@code attempts} runs (1 for the synchronous scheduler), stopping at the bound. */
    int lowestPeak(int attempts, int bound, java.util.function.Supplier<Scheduler.Result> run) {
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < attempts && best > bound; i++) {
            best = Math.min(best, run.get().stats().peakValues());
        }
        return best;
    }

    @Test
    void treeSumOverAThousandBlocksHoldsFewBlocks() {
        for (int fanIn : new int[] {2, 8, 32}) {
            List<Task> tasks = new ArrayList<>();
            Key root = treeSum(tasks, "t" + fanIn, 1000, fanIn);
            Graph g = Blocks.graph(tasks);
            Scheduler s = scheduler();
            int bound = treeBound(1000, fanIn, 1);
            int peak = lowestPeak(5, bound, () -> {
                Scheduler.Result r = s.compute(g, List.of(root));
                assertEquals(499_500, value(r.value(0)));
                assertEquals(8L * r.stats().peakValues(), r.stats().peakBytes(), "8 bytes per block");
                return r;
            });
            assertTrue(peak <= bound, "fan-in " + fanIn + ": peak " + peak + " blocks; expected <= " + bound);
        }
    }

    @Test
    void twoTreeReductionsOfTheSameBlocksHoldFewBlocks() {
        int n = 1000;
        List<Task> tasks = new ArrayList<>();
        Key sumRoot = treeSum(tasks, "shared", "by8", n, 8);
        Key otherRoot = treeSum(tasks, "shared", "by4", n, 4);
        Graph g = Blocks.graph(tasks);
        Scheduler s = scheduler();
        int bound = 8 * levels(n, 8) + 4 * levels(n, 4) + 4 * workers() + 2;
        int peak = lowestPeak(5, bound, () -> {
            Scheduler.Result r = s.compute(g, List.of(sumRoot, otherRoot));
            assertEquals(499_500, value(r.value(0)));
            assertEquals(499_500, value(r.value(1)));
            return r;
        });
        assertTrue(peak <= bound, "peak " + peak + "; expected <= " + bound);
    }

    // ---- failures ----

    @Test
    void aFailingTaskFailsPromptlyNamingItsKeyAndFreesEverything() throws Exception {
        Scheduler s = scheduler();
        // Warm the workers so that thread counts compare like with like.
        List<Task> warm = new ArrayList<>();
        Key root = treeSum(warm, "warm", 4 * workers(), 2);
        s.compute(Blocks.graph(warm), List.of(root));
        int threadsBefore = tessellaThreads();
        int warmBlocks = blocks.created.size();

        AtomicInteger started = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("boom");
        Key bad = k("bad", 3);
        List<Task> tasks = new ArrayList<>();
        Key[] parts = new Key[200];
        for (int i = 0; i < parts.length; i++) {
            Key p = k("part", i);
            parts[i] = p;
            tasks.add(Task.of(p, a -> {
                started.incrementAndGet();
                Thread.sleep(1);
                return blocks.make(1, p);
            }));
        }
        tasks.add(load(k("in"), 1));
        tasks.add(Task.of(bad, a -> {
            throw boom;
        }, k("in")));
        AtomicBoolean dependentRan = new AtomicBoolean();
        tasks.add(Task.of(k("after"), a -> {
            dependentRan.set(true);
            return blocks.make(0, k("after"));
        }, bad));
        Key[] top = new Key[parts.length + 1];
        top[0] = k("after");
        System.arraycopy(parts, 0, top, 1, parts.length);
        tasks.add(sum(k("top"), top));

        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> s.compute(Blocks.graph(tasks), List.of(k("top"), k("in"))));
        assertEquals(bad, e.key());
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertFalse(dependentRan.get());
        int startedAtFailure = started.get();
        Thread.sleep(50);
        assertEquals(startedAtFailure, started.get(), "no task starts after the failure is reported");
        assertTrue(startedAtFailure < parts.length, "tasks not yet started never start: " + startedAtFailure);
        for (Block b : List.copyOf(blocks.created).subList(warmBlocks, blocks.created.size())) {
            assertEquals(1, blocks.releaseCount(b), "released once after failure: " + b);
        }

        List<Task> again = new ArrayList<>();
        Key root2 = treeSum(again, "again", 10, 3);
        assertEquals(45, value(s.compute(Blocks.graph(again), List.of(root2)).value(0)));
        assertTrue(tessellaThreads() <= threadsBefore, "threads before " + threadsBefore + ", after " + tessellaThreads());
    }

    @Test
    void failureStopsTheRestOfTheWork() {
        AtomicInteger started = new AtomicInteger();
        List<Task> tasks = new ArrayList<>();
        Key[] parts = new Key[50];
        for (int i = 0; i < parts.length; i++) {
            Key p = k("p", i);
            parts[i] = p;
            int fi = i;
            tasks.add(Task.of(p, a -> {
                started.incrementAndGet();
                if (fi == 0) {
                    throw new java.io.IOException("disk on fire");
                }
                Thread.sleep(5);
                return blocks.make(1, p);
            }));
        }
        tasks.add(sum(k("s"), parts));
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> scheduler().compute(Blocks.graph(tasks), List.of(k("s"))));
        assertEquals(k("p", 0), e.key());
        assertInstanceOf(java.io.IOException.class, e.getCause());
        assertTrue(started.get() <= 2 * workers(), "started " + started.get() + " of " + parts.length);
    }

    @Test
    void aTaskThatClaimedItsArgumentAndFinishesAfterAFailureIsReleasedOnce() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        Key x = k("x");
        Key slow = k("slow");
        Key bad = k("bad");
        Task slowTask = Task.of(slow, a -> {
            Object mine = a.isDonated(0) ? a.claim(0) : blocks.make(Blocks.read(a.get(0)), slow);
            failed.await(200, TimeUnit.MILLISECONDS);
            return mine;
        }, x);
        Task badTask = Task.of(bad, a -> {
            failed.countDown();
            throw new ArithmeticException("bad");
        });
        Graph g = Blocks.graph(load(x, 1), slowTask, badTask, sum(k("top"), slow, bad));
        assertThrows(TaskFailedException.class, () -> scheduler().compute(g, List.of(k("top"))));
        for (Block b : blocks.created) {
            assertEquals(1, blocks.releaseCount(b), "released exactly once: " + b);
        }
    }

    @Test
    void whatAFailedTaskClaimedIsReleasedOnceWithAndWithoutFusion() {
        for (boolean fuse : new boolean[] {false, true}) {
            Key x = k("x", fuse ? 1 : 0);
            Key y = k("y", fuse ? 1 : 0);
            Key z = k("z", fuse ? 1 : 0);
            // y writes into x in place; z claims y's result in place too, then throws.
            Task yTask = Task.builder(y, a -> a.isDonated(0) ? a.claim(0) : blocks.make(Blocks.read(a.get(0)), y))
                    .args(x).fusible().build();
            Task zTask = Task.of(z, a -> {
                if (a.isDonated(0)) {
                    a.claim(0);
                }
                throw new IllegalStateException("after claiming");
            }, y);
            TaskFailedException e = assertThrows(TaskFailedException.class,
                    () -> scheduler(fuse).compute(Blocks.graph(load(x, 1), yTask, zTask), List.of(z)));
            assertEquals(z, e.key());
            for (Block b : blocks.created) {
                assertEquals(1, blocks.releaseCount(b), "fuse=" + fuse + ": " + b);
            }
        }
    }

    @Test
    void aTaskThrowingAnErrorIsReportedToo() {
        Graph g = Blocks.graph(Task.of(k("deep"), a -> {
            throw new StackOverflowError("too deep");
        }));
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> scheduler().compute(g, List.of(k("deep"))));
        assertInstanceOf(StackOverflowError.class, e.getCause());
    }

    // ---- cancellation ----

    @Test
    void interruptingTheCallerCancelsPromptly() throws Exception {
        Scheduler s = scheduler();
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        List<Task> tasks = new ArrayList<>();
        Key[] parts = new Key[20];
        for (int i = 0; i < parts.length; i++) {
            Key p = k("slow", i);
            parts[i] = p;
            tasks.add(Task.of(p, a -> {
                started.incrementAndGet();
                running.countDown();
                Thread.sleep(60_000);
                return blocks.make(1, p);
            }));
        }
        tasks.add(sum(k("s"), parts));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagRestored = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                s.compute(Blocks.graph(tasks), List.of(k("s")));
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagRestored.set(Thread.currentThread().isInterrupted());
        }, "caller");
        caller.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive(), "the caller returned");
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "promptly");
        assertInstanceOf(CancellationException.class, thrown.get());
        assertTrue(flagRestored.get(), "the interrupt flag is restored");
        int n = started.get();
        Thread.sleep(50);
        assertEquals(n, started.get());
        assertTrue(n <= 2 * workers(), "started " + n);
        // Still usable.
        List<Task> again = new ArrayList<>();
        Key root = treeSum(again, "after", 10, 3);
        assertEquals(45, value(s.compute(Blocks.graph(again), List.of(root)).value(0)));
    }

    @Test
    void interruptingTheCallerDuringALoneTaskCancelsToo() throws Exception {
        // A chain: each task is the only one that can run (on a pool it runs in the caller's thread).
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Key first = k("first");
        Key second = k("second");
        Graph g = Blocks.graph(Task.of(first, a -> {
            started.incrementAndGet();
            running.countDown();
            Thread.sleep(60_000);
            return blocks.make(1, first);
        }), plus(second, first, 1));
        Scheduler s = scheduler();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagRestored = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                s.compute(g, List.of(second));
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagRestored.set(Thread.currentThread().isInterrupted());
        }, "caller");
        caller.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive());
        assertInstanceOf(CancellationException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, thrown.get().getCause());
        assertTrue(flagRestored.get());
        assertEquals(1, started.get());
        assertFalse(finished.contains(second));
    }

    @Test
    void aCallerInterruptedBeforeComputingGetsCancellation() {
        Scheduler s = scheduler();
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> s.compute(Blocks.graph(load(k("x"), 1)), List.of(k("x"))));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        for (Block b : blocks.created) {
            assertEquals(1, blocks.releaseCount(b));
        }
    }

    // ---- graph errors ----

    @Test
    void aCycleIsReportedBeforeAnythingRuns() {
        Key a = k("a");
        Key b = k("b");
        Graph g = Blocks.graph(sum(a, b), sum(b, a), load(k("c"), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scheduler().compute(g, List.of(k("c"), a)));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        Graph self = Blocks.graph(sum(k("s"), k("s")));
        assertThrows(IllegalArgumentException.class, () -> scheduler().compute(self, List.of(k("s"))));
        assertEquals(0, calls.get());
    }

    @Test
    void aMissingKeyIsNamed() {
        Graph g = Blocks.graph(load(k("x", 0), 1), sum(k("y"), k("x", 0), k("x", 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scheduler().compute(g, List.of(k("y"))));
        assertTrue(e.getMessage().contains(k("x", 1).toString()), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> scheduler().compute(g, List.of(k("nope", 4, 2))));
        assertTrue(e2.getMessage().contains("('nope', 4, 2)"), e2.getMessage());
        assertEquals(0, calls.get());
    }

    // ---- callbacks ----

    static final class Recorder implements SchedulerCallback {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final Map<Key, Integer> startedAt = new ConcurrentHashMap<>();
        final Map<Key, Integer> finishedAt = new ConcurrentHashMap<>();
        final Map<Key, Integer> releasedAt = new ConcurrentHashMap<>();
        volatile ComputeStats stats;

        @Override
        public void computationStarted(int tasks, int workers) {
            events.add("start " + tasks);
        }

        @Override
        public void taskStarted(Key key) {
            startedAt.put(key, events.size());
            events.add("started " + key);
        }

        @Override
        public void taskFinished(Key key, long startNanos, long endNanos, String thread, long bytes, long bytesHeld) {
            assertTrue(endNanos >= startNanos);
            finishedAt.put(key, events.size());
            events.add("finished " + key);
        }

        @Override
        public void released(Key key, long bytes) {
            releasedAt.put(key, events.size());
            events.add("released " + key);
        }

        @Override
        public void computationFinished(ComputeStats stats, Throwable error) {
            this.stats = stats;
            events.add("end " + (error == null ? "ok" : error.getClass().getSimpleName()));
        }
    }

    @Test
    void callbacksSeeEveryTaskInOrder() throws Exception {
        List<Task> tasks = new ArrayList<>();
        Key root = treeSum(tasks, "cb", 20, 3);
        Graph g = Blocks.graph(tasks);
        Recorder rec = new Recorder();
        try (AutoCloseable handle = Callbacks.register(rec)) {
            scheduler(false).compute(g, List.of(root));
        }
        scheduler(false).compute(g, List.of(root));
        List<String> ev = rec.events;
        assertEquals("start " + tasks.size(), ev.get(0));
        assertEquals("end ok", ev.get(ev.size() - 1));
        assertEquals(1 + 3 * tasks.size() - 1 + 1, ev.size(), "started, finished, released per task but the root");
        for (Task t : tasks) {
            Key key = t.key();
            assertTrue(rec.startedAt.get(key) < rec.finishedAt.get(key), key.toString());
            if (!key.equals(root)) {
                assertTrue(rec.finishedAt.get(key) < rec.releasedAt.get(key), key.toString());
            }
            for (Key dep : t.dependencies()) {
                assertTrue(rec.finishedAt.get(dep) < rec.startedAt.get(key), dep + " before " + key);
                assertTrue(rec.finishedAt.get(key) < rec.releasedAt.get(dep), dep + " released after " + key);
            }
        }
        assertEquals(tasks.size(), rec.stats.tasks());
    }

    @Test
    void callbacksHearAboutFailures() throws Exception {
        Recorder rec = new Recorder();
        Graph g = Blocks.graph(Task.of(k("bad"), a -> {
            throw new IllegalStateException("no");
        }));
        try (AutoCloseable handle = Callbacks.register(rec)) {
            assertThrows(TaskFailedException.class, () -> scheduler().compute(g, List.of(k("bad"))));
        }
        assertEquals("end IllegalStateException", rec.events.get(rec.events.size() - 1));
    }

    @Test
    void aThrowingCallbackFailsTheComputationCleanly() throws Exception {
        SchedulerCallback broken = new SchedulerCallback() {
            @Override
            public void taskFinished(Key key, long s, long e, String thread, long bytes, long held) {
                throw new IllegalStateException("broken callback");
            }
        };
        List<Task> tasks = new ArrayList<>();
        Key root = treeSum(tasks, "broken", 30, 3);
        try (AutoCloseable handle = Callbacks.register(broken)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> scheduler().compute(Blocks.graph(tasks), List.of(root)));
            assertEquals("broken callback", e.getMessage());
        }
        for (Block b : blocks.created) {
            assertEquals(1, blocks.releaseCount(b), b.toString());
        }
        assertEquals(45 + 390, value(scheduler().compute(Blocks.graph(tasks), List.of(root)).value(0)));
    }

    // ---- concurrency ----

    @Test
    void severalComputationsMayShareOneScheduler() throws Exception {
        Scheduler s = scheduler();
        List<Thread> callers = new ArrayList<>();
        Map<Integer, Long> results = new ConcurrentHashMap<>();
        for (int c = 0; c < 3; c++) {
            int id = c;
            callers.add(new Thread(() -> {
                List<Task> tasks = new ArrayList<>();
                Key root = treeSum(tasks, "conc" + id, 200, 4);
                results.put(id, value(s.compute(Blocks.graph(tasks), List.of(root)).value(0)));
            }));
        }
        callers.forEach(Thread::start);
        for (Thread t : callers) {
            t.join(20_000);
        }
        assertEquals(Map.of(0, 19_900L, 1, 19_900L, 2, 19_900L), results);
    }

    @Test
    void aTaskMayComputeAnotherGraphOnTheSameScheduler() {
        Scheduler s = scheduler();
        List<Task> inner = new ArrayList<>();
        Key innerRoot = treeSum(inner, "inner", 10, 2);
        Graph innerGraph = Blocks.graph(inner);
        List<Task> outer = new ArrayList<>();
        Key[] parts = new Key[2 * workers()];
        for (int i = 0; i < parts.length; i++) {
            Key p = k("outer", i);
            parts[i] = p;
            outer.add(Task.of(p, a -> blocks.make(value(s.compute(innerGraph, List.of(innerRoot)).value(0)), p)));
        }
        outer.add(sum(k("total"), parts));
        assertEquals(45L * parts.length, value(s.compute(Blocks.graph(outer), List.of(k("total"))).value(0)));
    }

    @Test
    void reportsItsWorkerCount() {
        assertEquals(workers(), scheduler().workers());
    }

    static void unreachable() {
        fail("unreachable");
    }
}
