package org.tessella.scheduler;

import java.util.HashMap;
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
 * (a view of an intermediate would outlive the intermediate's owner). Inlining never costs
 * parallelism: {@code b} cannot start before {@code a} anyway.
 */
public final class Fusion {
    private Fusion() {
    }

    /**
     * Fuses {@code tasks} (in dependency order, as {@link Graph#materialize} returns them) and returns
     * the rewritten graph in dependency order.
     */
    public static Map<Key, Task> fuse(Map<Key, Task> tasks, Set<Key> outputs) {
        Map<Key, Integer> dependents = new HashMap<>(tasks.size() * 2);
        for (Task t : tasks.values()) {
            for (Key d : t.dependenciesArray()) {
                dependents.merge(d, 1, Integer::sum);
            }
        }
        Map<Key, Task> current = new HashMap<>(tasks.size() * 2);
        Map<Key, Boolean> absorbed = new HashMap<>();
        for (Task t : tasks.values()) {
            Task b = t;
            if (!b.isData() && !b.aliasesInputs()) {
                for (Key dep : t.dependenciesArray()) {
                    Task a = current.get(dep);
                    if (a != null && a.isFusible() && !a.isData() && !outputs.contains(dep)
                            && dependents.getOrDefault(dep, 0) == 1) {
                        b = inline(a, b);
                        absorbed.put(dep, Boolean.TRUE);
                    }
                }
            }
            current.put(t.key(), b);
        }
        Map<Key, Task> out = new LinkedHashMap<>(tasks.size() * 2);
        for (Key k : tasks.keySet()) {
            if (!absorbed.containsKey(k)) {
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
                !a.aliasesInputs());
        return Task.fused(b.key(), args, f, b.isFusible(), b.aliasesInputs());
    }

    /** Runs an inlined task, then its dependent; releases the intermediate unless the dependent claimed it. */
    private static final class FusedFunction implements TaskFunction {
        private final TaskFunction inner;
        private final int[] innerIdx;
        private final TaskFunction outer;
        private final int[] outerIdx;
        private final int[] uses;
        private final boolean innerDonatable;
        private final boolean innerOwns;

        FusedFunction(TaskFunction inner, int[] innerIdx, TaskFunction outer, int[] outerIdx, int[] uses,
                      boolean innerDonatable, boolean innerOwns) {
            this.innerOwns = innerOwns;
            this.inner = inner;
            this.innerIdx = innerIdx;
            this.outer = outer;
            this.outerIdx = outerIdx;
            this.uses = uses;
            this.innerDonatable = innerDonatable;
        }

        @Override
        public Object apply(TaskArgs args) throws Exception {
            TaskArgs innerArgs = sub(args, innerIdx, null);
            Object intermediate = inner.apply(innerArgs);
            TaskArgs outerArgs = sub(args, outerIdx, intermediate);
            Object result;
            try {
                result = outer.apply(outerArgs);
            } catch (Throwable e) {
                releaseIntermediate(args, outerArgs, intermediate, null);
                throw e;
            }
            releaseIntermediate(args, outerArgs, intermediate, result);
            return result;
        }

        private void releaseIntermediate(TaskArgs args, TaskArgs outerArgs, Object intermediate, Object result) {
            if (intermediate == result || !innerOwns) {
                return;
            }
            for (int j = 0; j < outerIdx.length; j++) {
                if (outerIdx[j] < 0 && outerArgs.isClaimed(j)) {
                    return;
                }
            }
            args.release(intermediate);
        }

        private TaskArgs sub(TaskArgs args, int[] idx, Object intermediate) {
            Object[] values = new Object[idx.length];
            boolean[] donated = new boolean[idx.length];
            for (int j = 0; j < idx.length; j++) {
                int p = idx[j];
                if (p < 0) {
                    values[j] = intermediate;
                    donated[j] = innerDonatable;
                } else {
                    values[j] = args.get(p);
                    donated[j] = uses[p] == 1 && args.isDonated(p);
                }
            }
            return new TaskArgs(values, donated, args.handler(), args, idx);
        }
    }
}
