package org.tessella.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph ready to run: culled, fused, ordered and indexed. Task {@code i} has static priority
 * {@code i} (lower runs first among ready tasks). Package-private: both schedulers run plans
 * through {@link Execution}.
 *
 * <p><b>Ordering</b>, in the spirit of {@code dask.order}: finish what is started, free inputs early.
 * The order is the one a single thread would follow walking the graph depth-first from the outputs
 * (in the order they were requested, each task's arguments in order), with one twist: the moment a
 * task is placed, every dependent it makes ready (all of whose inputs are placed) is placed right
 * after it, before the walk goes on. So a tree reduction consumes each group of blocks as soon as
 * the group is complete, and several reductions over the same blocks (a sum and a variance of one
 * array) advance together instead of one finishing while the blocks wait for the other. Linear in
 * tasks plus edges.
 */
final class Plan {
    final Task[] tasks;
    final int[][] args;
    final int[][] deps;
    final int[][] dependents;
    final boolean[] output;
    final int[] outputIndex;

    private Plan(Task[] tasks, int[][] args, int[][] deps, int[][] dependents, boolean[] output, int[] outputIndex) {
        this.tasks = tasks;
        this.args = args;
        this.deps = deps;
        this.dependents = dependents;
        this.output = output;
        this.outputIndex = outputIndex;
    }

    static Plan build(Graph graph, List<Key> outputs, boolean fuse) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == null) {
                throw new IllegalArgumentException("outputs[" + i + "] is null; expected a key");
            }
        }
        Set<Key> outSet = new HashSet<>(outputs);
        Map<Key, Task> tasks = graph.materialize(outputs);
        if (fuse) {
            tasks = Fusion.fuse(tasks, outSet);
        }
        int n = tasks.size();
        Task[] byDeps = tasks.values().toArray(new Task[0]);
        Map<Key, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(byDeps[i].key(), i);
        }
        int[][] deps = new int[n][];
        for (int i = 0; i < n; i++) {
            deps[i] = indices(byDeps[i].dependenciesArray(), index);
        }
        int[][] dependents = dependents(deps);
        int[] roots = new int[outputs.size()];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = index.get(outputs.get(i));
        }
        int[] order = order(deps, dependents, roots);
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r;
        }
        Task[] arr = new Task[n];
        int[][] args = new int[n][];
        int[][] orderedDeps = new int[n][];
        int[][] orderedDependents = new int[n][];
        for (int r = 0; r < n; r++) {
            int old = order[r];
            Task t = byDeps[old];
            arr[r] = t;
            orderedDeps[r] = renumber(deps[old], rank);
            orderedDependents[r] = renumber(dependents[old], rank);
            Key[] a = t.argsArray();
            args[r] = a.length == t.dependenciesArray().length ? orderedDeps[r] : renumber(indices(a, index), rank);
        }
        boolean[] output = new boolean[n];
        int[] outputIndex = new int[roots.length];
        for (int i = 0; i < roots.length; i++) {
            outputIndex[i] = rank[roots[i]];
            output[outputIndex[i]] = true;
        }
        return new Plan(arr, args, orderedDeps, orderedDependents, output, outputIndex);
    }

    private static int[] indices(Key[] keys, Map<Key, Integer> index) {
        int[] out = new int[keys.length];
        for (int j = 0; j < keys.length; j++) {
            out[j] = index.get(keys[j]);
        }
        return out;
    }

    private static int[] renumber(int[] a, int[] rank) {
        for (int j = 0; j < a.length; j++) {
            a[j] = rank[a[j]];
        }
        return a;
    }

    private static int[][] dependents(int[][] deps) {
        int n = deps.length;
        int[] count = new int[n];
        for (int[] d : deps) {
            for (int p : d) {
                count[p]++;
            }
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : deps[i]) {
                dependents[p][fill[p]++] = i;
            }
        }
        return dependents;
    }

    /**
     * The static order (see the class comment): {@code order[r]} is the task placed {@code r}-th.
     * {@code deps} must be acyclic and every task must be reachable from {@code roots}.
     */
    static int[] order(int[][] deps, int[][] dependents, int[] roots) {
        int n = deps.length;
        int[] order = new int[n];
        int placed = 0;
        boolean[] done = new boolean[n];
        boolean[] queued = new boolean[n];
        int[] missing = new int[n];
        int[] unplaced = new int[n];
        for (int i = 0; i < n; i++) {
            missing[i] = deps[i].length;
            unplaced[i] = dependents[i].length;
        }
        int[] cursor = new int[n];
        IntStack walk = new IntStack();
        IntStack eager = new IntStack();
        for (int root : roots) {
            walk.push(root);
            while (!walk.isEmpty()) {
                int t = walk.peek();
                if (done[t]) {
                    walk.pop();
                    continue;
                }
                int[] d = deps[t];
                while (cursor[t] < d.length && done[d[cursor[t]]]) {
                    cursor[t]++;
                }
                if (cursor[t] < d.length) {
                    walk.push(d[cursor[t]]);
                    continue;
                }
                walk.pop();
                queued[t] = true;
                eager.push(t);
                while (!eager.isEmpty()) {
                    int e = eager.pop();
                    done[e] = true;
                    order[placed++] = e;
                    // A dependent that becomes ready and is the last user of one of its inputs frees
                    // that input: place it now (finishing what is started). A ready dependent that
                    // frees nothing (a product of blocks that other tasks still need) waits for the
                    // walk, so partial results do not pile up ahead of their consumers.
                    int[] ds = dependents[e];
                    for (int j = ds.length - 1; j >= 0; j--) {
                        int r = ds[j];
                        if (--missing[r] == 0 && !queued[r] && freesAnInput(r, deps, unplaced)) {
                            queued[r] = true;
                            eager.push(r);
                        }
                    }
                    for (int p : deps[e]) {
                        if (--unplaced[p] == 1) {
                            int r = lastUnplaced(p, dependents, done);
                            if (r >= 0 && missing[r] == 0 && !queued[r]) {
                                queued[r] = true;
                                eager.push(r);
                            }
                        }
                    }
                }
            }
        }
        if (placed != n) {
            throw new IllegalStateException("ordered " + placed + " of " + n + " tasks; expected all reachable");
        }
        return order;
    }

    private static boolean freesAnInput(int r, int[][] deps, int[] unplaced) {
        for (int p : deps[r]) {
            if (unplaced[p] == 1) {
                return true;
            }
        }
        return false;
    }

    private static int lastUnplaced(int p, int[][] dependents, boolean[] done) {
        for (int r : dependents[p]) {
            if (!done[r]) {
                return r;
            }
        }
        return -1;
    }

    int size() {
        return tasks.length;
    }
}
