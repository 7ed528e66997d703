package org.tessella.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Test values and a counting {@link ValueHandler}: every {@link Block} a task makes is registered,
 * every release is counted per block (blocks compare by identity), and a block that is read after
 * its release makes the reading task fail.
 */
final class Blocks implements ValueHandler {
    /** A value with a payload, a size and a view flag. Identity equality. */
    static final class Block {
        final long value;
        final long bytes;
        final boolean view;
        final Key producer;
        volatile boolean released;

        Block(long value, long bytes, boolean view, Key producer) {
            this.value = value;
            this.bytes = bytes;
            this.view = view;
            this.producer = producer;
        }

        @Override
        public String toString() {
            return "Block(" + value + (view ? ", view" : "") + " of " + producer + ")";
        }
    }

    final List<Block> created = Collections.synchronizedList(new ArrayList<>());
    final Map<Block, AtomicInteger> releases = new ConcurrentHashMap<>();
    final Queue<Block> releaseOrder = new ConcurrentLinkedQueue<>();
    volatile Consumer<Block> onRelease = b -> { };

    Block make(long value, Key producer) {
        return make(value, 8, false, producer);
    }

    Block make(long value, long bytes, boolean view, Key producer) {
        Block b = new Block(value, bytes, view, producer);
        created.add(b);
        return b;
    }

    /** Reads a block argument, failing if the scheduler already released it. */
    static long read(Object arg) {
        Block b = (Block) arg;
        if (b.released) {
            throw new AssertionError("read after release: " + b);
        }
        return b.value;
    }

    int releaseCount(Block b) {
        AtomicInteger n = releases.get(b);
        return n == null ? 0 : n.get();
    }

    /** Blocks made by tasks of {@code key}. */
    List<Block> madeBy(Key key) {
        List<Block> out = new ArrayList<>();
        synchronized (created) {
            for (Block b : created) {
                if (b.producer.equals(key)) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    private static void notNull(Object value) {
        if (value == null) {
            throw new AssertionError("the scheduler passed null to the value handler");
        }
    }

    @Override
    public long sizeOf(Object value) {
        notNull(value);
        return value instanceof Block b ? b.bytes : 0;
    }

    @Override
    public boolean isView(Object value) {
        notNull(value);
        return value instanceof Block b && b.view;
    }

    @Override
    public void release(Object value) {
        notNull(value);
        if (value instanceof Block b) {
            releases.computeIfAbsent(b, k -> new AtomicInteger()).incrementAndGet();
            b.released = true;
            releaseOrder.add(b);
            onRelease.accept(b);
        }
    }

    /** A graph of explicit tasks, one layer per key name. */
    static Graph graph(List<Task> tasks) {
        Map<String, List<Task>> byName = new LinkedHashMap<>();
        for (Task t : tasks) {
            byName.computeIfAbsent(t.key().name(), n -> new ArrayList<>()).add(t);
        }
        Graph g = Graph.empty();
        for (Map.Entry<String, List<Task>> e : byName.entrySet()) {
            g = Graph.merge(g, Graph.of(Layer.of(e.getKey(), e.getValue())));
        }
        return g;
    }

    static Graph graph(Task... tasks) {
        return graph(List.of(tasks));
    }
}
