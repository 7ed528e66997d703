package org.tessella.scheduler;

import java.util.List;

/**
 * Runs a task graph to compute the values of some of its keys. Implementations differ only in
 * where tasks run; all share the same coordinator ({@code Execution}): cull, fuse, order by static
 * priority, release each result the moment its last dependent has run, fail promptly.
 */
public interface Scheduler {
    /** Computes {@code outputs} of {@code graph}; values are in the order of {@code outputs}. */
    Result compute(Graph graph, List<Key> outputs);

    /** Number of tasks that run at once. */
    int workers();

    /** The values of a computation and its statistics. */
    record Result(List<Object> values, ComputeStats stats) {
        public Object value(int i) {
            return values.get(i);
        }
    }
}
