package org.tessella.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph ready to run: culled, fused, ordered and indexed. Task {@code i} has static priority
 * {@code i}: the order in which one thread walking the graph depth-first from the outputs would
 * finish tasks, so the scheduler prefers finishing what is started and frees inputs early (the
 * idea of {@code dask.order}). Package-private: both schedulers run plans through {@link Execution}.
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
        Set<Key> outSet = new HashSet<>(outputs);
        Map<Key, Task> tasks = graph.materialize(outputs);
        if (fuse) {
            tasks = Fusion.fuse(tasks, outSet);
        }
        int n = tasks.size();
        Task[] arr = tasks.values().toArray(new Task[0]);
        Map<Key, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(arr[i].key(), i);
        }
        int[][] args = new int[n][];
        int[][] deps = new int[n][];
        int[] dependentCount = new int[n];
        for (int i = 0; i < n; i++) {
            Key[] a = arr[i].argsArray();
            args[i] = new int[a.length];
            for (int j = 0; j < a.length; j++) {
                args[i][j] = index.get(a[j]);
            }
            Key[] d = arr[i].dependenciesArray();
            deps[i] = new int[d.length];
            for (int j = 0; j < d.length; j++) {
                deps[i][j] = index.get(d[j]);
                dependentCount[deps[i][j]]++;
            }
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[dependentCount[i]];
        }
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            for (int d : deps[i]) {
                dependents[d][fill[d]++] = i;
            }
        }
        boolean[] output = new boolean[n];
        int[] outputIndex = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            outputIndex[i] = index.get(outputs.get(i));
            output[outputIndex[i]] = true;
        }
        return new Plan(arr, args, deps, dependents, output, outputIndex);
    }

    int size() {
        return tasks.length;
    }
}
