package org.tessella.scheduler;

import java.util.List;

/**
 * All tasks of one operation, sharing a name: the tasks for keys {@code (name, i, j, ...)}. A layer
 * creates a task only when asked for it, so a graph of a million blocks costs nothing to build and
 * computing one block expands only the tasks that block needs.
 */
public interface Layer {
    /** The name every key of this layer carries. */
    String name();

    /** The task producing key {@code (name(), index...)}; never null for a valid index. */
    Task task(int[] index);

    /** Every key of this layer (used to compute a whole layer and by diagnostics). */
    List<Key> keys();

    /** A layer holding explicit tasks, e.g. literal blocks or a custom graph. */
    static Layer of(String name, List<Task> tasks) {
        return new MapLayer(name, tasks);
    }
}
