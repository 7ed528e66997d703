package org.tessella.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lazy task graph: {@link Layer}s by name. Graphs merge by name (equal names denote equal work,
 * so shared sub-expressions are computed once), and expand into tasks only through
 * {@link #materialize}, which keeps just what the requested keys need (culling).
 *
 * <p>Building is constant time: a graph keeps its own layer and its input graphs, and the table of
 * layers by name is assembled once, on first use, by one pass over the graphs it is made of (each
 * visited once, iteratively; a table already assembled is reused). So a loop that builds a long
 * chain of graphs (a running total over delayed calls) costs linear time and memory, not quadratic.
 * Where two graphs hold different layers of one name, the first met wins: a graph's own layer, then
 * its inputs in order. This class is immutable.
 */
public final class Graph {
    private static final Graph EMPTY = new Graph(Map.of());
    private final Layer layer;
    /** The graphs this one is made of; dropped once {@link #layers} is assembled (written after it). */
    private volatile Graph[] inputs;
    /** Layers by name; assembled on first use (a benign race: every thread assembles the same table). */
    private volatile Map<String, Layer> layers;

    private Graph(Map<String, Layer> layers) {
        this.layer = null;
        this.inputs = new Graph[0];
        this.layers = layers;
    }

    private Graph(Layer layer, Graph[] inputs) {
        this.layer = layer;
        this.inputs = inputs;
    }

    public static Graph empty() {
        return EMPTY;
    }

    /** A graph of {@code layer} on top of the layers of {@code inputs}. */
    public static Graph of(Layer layer, Graph... inputs) {
        if (layer == null) {
            throw new IllegalArgumentException("layer is null; expected a Layer");
        }
        return new Graph(layer, checked(inputs));
    }

    /** The union of several graphs. */
    public static Graph merge(Graph... graphs) {
        if (graphs.length == 1) {
            return graphs[0];
        }
        return graphs.length == 0 ? EMPTY : new Graph(null, checked(graphs));
    }

    private static Graph[] checked(Graph[] graphs) {
        Graph[] copy = graphs.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                throw new IllegalArgumentException("graphs[" + i + "] is null; expected a Graph");
            }
        }
        return copy;
    }

    private Map<String, Layer> table() {
        Map<String, Layer> t = layers;
        if (t == null) {
            t = assemble();
            layers = t;
            inputs = null; // the table says it all; let the input graphs go
        }
        return t;
    }

    private Map<String, Layer> assemble() {
        Map<String, Layer> t = new HashMap<>();
        Set<Graph> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Graph> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            Graph g = todo.pop();
            if (!seen.add(g)) {
                continue;
            }
            Map<String, Layer> done = g.layers;
            Graph[] in = g.inputs;
            if (in == null) {
                done = g.layers; // assembled meanwhile: the table was published before the inputs were dropped
            }
            if (done != null) {
                for (Map.Entry<String, Layer> e : done.entrySet()) {
                    t.putIfAbsent(e.getKey(), e.getValue());
                }
                continue;
            }
            if (g.layer != null) {
                t.putIfAbsent(g.layer.name(), g.layer);
            }
            for (int i = in.length - 1; i >= 0; i--) {
                todo.push(in[i]);
            }
        }
        return Collections.unmodifiableMap(t);
    }

    /** The layer named {@code name}, or null. */
    public Layer layer(String name) {
        return table().get(name);
    }

    public Collection<Layer> layers() {
        return table().values();
    }

    public int layerCount() {
        return table().size();
    }

    /** The task for {@code key}, or an exception naming the key if no layer has it. */
    public Task task(Key key) {
        return task(key, null);
    }

    private Task task(Key key, Key neededBy) {
        Map<String, Layer> layers = table();
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
        for (Layer l : table().values()) {
            keys.addAll(l.keys());
        }
        return keys;
    }
}
