package org.tessella.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lazy task graph: {@link Layer}s by name. Graphs merge by name (equal names denote equal work,
 * so shared sub-expressions are computed once), and expand into tasks only through
 * {@link #materialize}, which keeps just what the requested keys need (culling).
 * This class is immutable.
 */
public final class Graph {
    private static final Graph EMPTY = new Graph(Map.of());
    private final Map<String, Layer> layers;

    private Graph(Map<String, Layer> layers) {
        this.layers = layers;
    }

    public static Graph empty() {
        return EMPTY;
    }

    /** A graph of {@code layer} on top of the layers of {@code inputs}. */
    public static Graph of(Layer layer, Graph... inputs) {
        Map<String, Layer> merged = mergeMaps(inputs);
        merged.put(layer.name(), layer);
        return new Graph(Collections.unmodifiableMap(merged));
    }

    /** The union of several graphs. */
    public static Graph merge(Graph... graphs) {
        if (graphs.length == 1) {
            return graphs[0];
        }
        return new Graph(Collections.unmodifiableMap(mergeMaps(graphs)));
    }

    private static Map<String, Layer> mergeMaps(Graph... graphs) {
        int largest = 0;
        for (int i = 1; i < graphs.length; i++) {
            if (graphs[i].layers.size() > graphs[largest].layers.size()) {
                largest = i;
            }
        }
        Map<String, Layer> merged = new HashMap<>(graphs.length == 0 ? Map.of() : graphs[largest].layers);
        for (int i = 0; i < graphs.length; i++) {
            if (i != largest) {
                merged.putAll(graphs[i].layers);
            }
        }
        return merged;
    }

    public Layer layer(String name) {
        return layers.get(name);
    }

    public Collection<Layer> layers() {
        return layers.values();
    }

    public int layerCount() {
        return layers.size();
    }

    /** The task for {@code key}, or an exception naming the key if no layer has it. */
    public Task task(Key key) {
        return task(key, null);
    }

    private Task task(Key key, Key neededBy) {
        Layer layer = layers.get(key.name());
        Task t = layer == null ? null : layer.task(key.index());
        if (t == null) {
            throw new IllegalArgumentException("key " + key + " is not in the graph"
                    + (neededBy == null ? "" : " (an argument of " + neededBy + ")")
                    + "; expected a key of one of " + layers.size() + " layers"
                    + (layer == null ? ", and no layer is named '" + key.name() + "'" : ""));
        }
        if (!t.key().equals(key)) {
            throw new IllegalStateException("layer '" + key.name() + "' returned the task of " + t.key()
                    + " for key " + key + "; expected the task of " + key);
        }
        return t;
    }

    /**
     * Expands the tasks that {@code outputs} need, and nothing else, in dependency order
     * (dependencies before dependents). Iterative: deep graphs do not overflow the stack.
     */
    public Map<Key, Task> materialize(Collection<Key> outputs) {
        Map<Key, Task> out = new LinkedHashMap<>();
        Set<Key> onPath = new HashSet<>();
        ArrayList<Task> path = new ArrayList<>();
        IntStack next = new IntStack();
        for (Key root : outputs) {
            if (out.containsKey(root)) {
                continue;
            }
            onPath.add(root);
            path.add(task(root, null));
            next.push(0);
            while (!path.isEmpty()) {
                Task t = path.get(path.size() - 1);
                int i = next.pop();
                Key[] deps = t.dependenciesArray();
                boolean descended = false;
                while (i < deps.length) {
                    Key d = deps[i++];
                    if (out.containsKey(d)) {
                        continue;
                    }
                    if (!onPath.add(d)) {
                        throw new IllegalArgumentException("graph has a cycle through key " + d
                                + "; expected an acyclic graph");
                    }
                    next.push(i);
                    path.add(task(d, t.key()));
                    next.push(0);
                    descended = true;
                    break;
                }
                if (!descended) {
                    path.remove(path.size() - 1);
                    onPath.remove(t.key());
                    out.put(t.key(), t);
                }
            }
        }
        return out;
    }

    /** All keys of all layers (can be large; for small custom graphs and diagnostics). */
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (Layer l : layers.values()) {
            keys.addAll(l.keys());
        }
        return keys;
    }
}
