package org.tessella.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Layer layer = layers.get(key.name());
        Task t = layer == null ? null : layer.task(key.index());
        if (t == null) {
            throw new IllegalArgumentException("key " + key + " is not in the graph; expected a key of one of "
                    + layers.size() + " layers");
        }
        return t;
    }

    /**
     * Expands the tasks that {@code outputs} need, and nothing else, in dependency order
     * (dependencies before dependents). Iterative: deep graphs do not overflow the stack.
     */
    public Map<Key, Task> materialize(Collection<Key> outputs) {
        Map<Key, Task> out = new LinkedHashMap<>();
        Map<Key, Task> pending = new HashMap<>();
        ArrayDeque<Key> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        for (Key root : outputs) {
            if (out.containsKey(root) || pending.containsKey(root)) {
                continue;
            }
            pending.put(root, task(root));
            stack.push(root);
            next.push(0);
            while (!stack.isEmpty()) {
                Key k = stack.peek();
                Task t = pending.get(k);
                int i = next.pop();
                Key[] deps = t.dependenciesArray();
                boolean descended = false;
                while (i < deps.length) {
                    Key d = deps[i++];
                    if (out.containsKey(d)) {
                        continue;
                    }
                    if (pending.containsKey(d)) {
                        throw new IllegalArgumentException("graph has a cycle through key " + d
                                + "; expected an acyclic graph");
                    }
                    pending.put(d, task(d));
                    next.push(i);
                    stack.push(d);
                    next.push(0);
                    descended = true;
                    break;
                }
                if (!descended) {
                    stack.pop();
                    pending.remove(k);
                    out.put(k, t);
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
