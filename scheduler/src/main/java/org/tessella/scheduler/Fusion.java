package org.tessella.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Graph rewrite: inlines each fusible task into its only dependent, so a chain of blockwise
 * operations such as {@code ((a + 1) * b).exp()} runs as one task per block and its intermediate
 * blocks never reach the scheduler. A pure function from graph to graph.
 *
 * <p>A task {@code a} is inlined into {@code b} when {@code a} is fusible, not literal data, not a
 * requested output, has exactly one dependent {@code b}, and {@code b} does not alias its inputs
 * (a view of an intermediate would outlive the intermediate's owner), and the fused task stays
 * within {@link #MAX_FUSED_TASKS} original tasks. Inlining a linear chain never costs parallelism:
 * {@code b} cannot start before {@code a} anyway.
 *
 * <p>Inside a fused task the intermediate is donated to {@code b} when {@code b} uses it once and it
 * is neither a view nor one of {@code a}'s arguments returned as is; it is released after
 * {@code b} unless {@code b} claimed it, returned it, or returned a view (of it, possibly). If
 * {@code b} throws, the intermediate is released, unless it is an argument {@code a} claimed
 * (that goes back to the caller with the failure, see {@link TaskArgs}).
 */
public final class Fusion {
    /**
     * Most original tasks in one fused task. Running a fused task recurses once per inlined task
     * (a chain of 20,000 overflowed the default stack); elementwise chains in practice are far
     * shorter, so a chain longer than this costs one intermediate value per this many tasks.
     */
    public static final int MAX_FUSED_TASKS = 64;

    private Fusion() {
    }

    /**
     * Fuses {@code tasks} (in dependency order, as {@link Graph#materialize} returns them) and returns
     * the rewritten graph in dependency order.
     */
    public static Map<Key, Task> fuse(Map<Key, Task> tasks, Set<Key> outputs) {
        // Count dependents only of the tasks that could be inlined; most graphs have few or none.
        Map<Key, int[]> dependents = new HashMap<>();
        for (Task t : tasks.values()) {
            if (t.isFusible() && !t.isData() && !outputs.contains(t.key())) {
                dependents.put(t.key(), new int[1]);
            }
        }
        if (dependents.isEmpty()) {
            return tasks;
        }
        for (Task t : tasks.values()) {
            for (Key d : t.dependenciesArray()) {
                int[] count = dependents.get(d);
                if (count != null) {
                    count[0]++;
                }
            }
        }
        Map<Key, Task> current = new HashMap<>(tasks.size() * 2);
        Set<Key> absorbed = new HashSet<>();
        for (Task t : tasks.values()) {
            Task b = t;
            if (!b.isData() && !b.aliasesInputs()) {
                for (Key dep : t.dependenciesArray()) {
                    int[] count = dependents.get(dep);
                    Task a = count != null && count[0] == 1 ? current.get(dep) : null;
                    if (a != null && size(a) + size(b) <= MAX_FUSED_TASKS) {
                        b = inline(a, b);
                        absorbed.add(dep);
                    }
                }
            }
            current.put(t.key(), b);
        }
        if (absorbed.isEmpty()) {
            return tasks;
        }
        Map<Key, Task> out = new LinkedHashMap<>(tasks.size() * 2);
        for (Key k : tasks.keySet()) {
            if (!absorbed.contains(k)) {
                out.put(k, current.get(k));
            }
        }
        return out;
    }

    /** The task computing {@code b} with {@code a}'s result computed inline. */
    static Task inline(Task a, Task b) {
        Key[] bArgs = b.argsArray();
        Key[] aArgs = a.argsArray();
        Map<Key, Integer> position = new LinkedHashMap<>();
        for (Key k : bArgs) {
            if (!k.equals(a.key())) {
                position.putIfAbsent(k, position.size());
            }
        }
        for (Key k : aArgs) {
            position.putIfAbsent(k, position.size());
        }
        Key[] args = position.keySet().toArray(new Key[0]);
        int[] uses = new int[args.length];
        int[] aIdx = new int[aArgs.length];
        for (int j = 0; j < aArgs.length; j++) {
            aIdx[j] = position.get(aArgs[j]);
            uses[aIdx[j]]++;
        }
        int[] bIdx = new int[bArgs.length];
        int innerUses = 0;
        for (int j = 0; j < bArgs.length; j++) {
            if (bArgs[j].equals(a.key())) {
                bIdx[j] = -1;
                innerUses++;
            } else {
                bIdx[j] = position.get(bArgs[j]);
                uses[bIdx[j]]++;
            }
        }
        boolean innerDonatable = innerUses == 1 && !a.aliasesInputs();
        TaskFunction f = new FusedFunction(a.function(), aIdx, b.function(), bIdx, uses, innerDonatable,
                size(a) + size(b), !a.aliasesInputs());
        return Task.fused(b.key(), args, f, b.isFusible(), b.aliasesInputs());
    }

    /** The number of original tasks {@code t} stands for. */
    static int size(Task t) {
        return t.function() instanceof FusedFunction f ? f.size : 1;
    }

    /** Runs an inlined task, then its dependent; releases the intermediate unless the dependent claimed it. */
    private static final class FusedFunction implements TaskFunction {
        private final TaskFunction inner;
        private final int[] innerIdx;
        private final TaskFunction outer;
        private final int[] outerIdx;
        private final int[] uses;
        private final boolean innerDonatable;
        private final int size;
        /** False when the inner task aliases its inputs: its result never owns memory, so it is never released. */
        private final boolean innerOwns;

        FusedFunction(TaskFunction inner, int[] innerIdx, TaskFunction outer, int[] outerIdx, int[] uses,
                      boolean innerDonatable, int size, boolean innerOwns) {
            this.innerOwns = innerOwns;
            this.inner = inner;
            this.innerIdx = innerIdx;
            this.outer = outer;
            this.outerIdx = outerIdx;
            this.uses = uses;
            this.innerDonatable = innerDonatable;
            this.size = size;
        }

        @Override
        public Object apply(TaskArgs args) throws Exception {
            TaskArgs innerArgs = sub(args, innerIdx, null, false);
            Object intermediate = inner.apply(innerArgs);
            // Returned as is, the intermediate is an argument the scheduler (or an outer fused task) owns.
            boolean borrowed = !innerOwns || innerArgs.isUnclaimedArgument(intermediate);
            ValueHandler handler = args.handler();
            boolean donate = innerDonatable && !borrowed && intermediate != null && !handler.isView(intermediate);
            TaskArgs outerArgs = sub(args, outerIdx, intermediate, donate);
            Object result;
            try {
                result = outer.apply(outerArgs);
            } catch (Throwable e) {
                // The outer part's claims come back to us: the intermediate is ours to release,
                // unless it is an argument the inner part claimed, which goes back to our caller.
                if (!borrowed && intermediate != null && !isClaimedArgument(args, intermediate)) {
                    handler.release(intermediate);
                }
                throw e;
            }
            if (!borrowed) {
                releaseIntermediate(handler, outerArgs, intermediate, result);
            }
            return result;
        }

        private static boolean isClaimedArgument(TaskArgs args, Object value) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) == value && args.isClaimed(i)) {
                    return true;
                }
            }
            return false;
        }

        private void releaseIntermediate(ValueHandler handler, TaskArgs outerArgs, Object intermediate, Object result) {
            if (intermediate == null || intermediate == result || (result != null && handler.isView(result))) {
                return; // returned, or perhaps viewed by the result: the garbage collector frees it
            }
            for (int j = 0; j < outerIdx.length; j++) {
                if (outerIdx[j] < 0 && outerArgs.isClaimed(j)) {
                    return;
                }
            }
            handler.release(intermediate);
        }

        private TaskArgs sub(TaskArgs args, int[] idx, Object intermediate, boolean donateIntermediate) {
            Object[] values = new Object[idx.length];
            boolean[] donated = null;
            for (int j = 0; j < idx.length; j++) {
                int p = idx[j];
                boolean d;
                if (p < 0) {
                    values[j] = intermediate;
                    d = donateIntermediate;
                } else {
                    values[j] = args.get(p);
                    d = uses[p] == 1 && args.isDonated(p);
                }
                if (d) {
                    if (donated == null) {
                        donated = new boolean[idx.length];
                    }
                    donated[j] = true;
                }
            }
            return new TaskArgs(values, donated, args.handler(), args, idx);
        }
    }
}
