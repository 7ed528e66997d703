package org.tessella.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys, tasks, layers and graphs: values, merging, materialization (culling) and its errors. */
class GraphTest {
    private static final TaskFunction NOOP = a -> null;

    @Test
    void keysAreValues() {
        int[] index = {1, 2};
        Key k = Key.of("add-3f2a", index);
        index[0] = 9;
        assertEquals(Key.of("add-3f2a", 1, 2), k, "the index is copied in");
        assertEquals(Key.of("add-3f2a", 1, 2).hashCode(), k.hashCode());
        assertNotEquals(Key.of("add-3f2a", 2, 1), k);
        assertNotEquals(Key.of("add-3f2b", 1, 2), k);
        assertEquals("('add-3f2a', 1, 2)", k.toString());
        assertEquals("('x')", Key.of("x").toString());
        k.index()[0] = 7;
        assertEquals(1, k.index(0), "the index is copied out");
        assertEquals(2, k.rank());
        assertTrue(Key.of("a", 1).compareTo(Key.of("a", 2)) < 0);
        assertTrue(Key.of("a", 9).compareTo(Key.of("b", 0)) < 0);
    }

    @Test
    void taskDependenciesAreDistinctArgumentsInOrder() {
        Key a = Key.of("a");
        Key b = Key.of("b");
        Task t = Task.of(Key.of("t"), NOOP, b, a, b, a);
        assertEquals(List.of(b, a, b, a), t.args());
        assertEquals(List.of(b, a), t.dependencies());
        assertThrows(IllegalArgumentException.class, () -> Task.of(Key.of("t"), NOOP, a, null));
        Task data = Task.data(Key.of("d"), "payload");
        assertTrue(data.isData());
        assertEquals(List.of(), data.dependencies());
    }

    @Test
    void taskRunsDirectlyOnValues() throws Exception {
        Task t = Task.of(Key.of("t"), a -> (Integer) a.get(0) + (Integer) a.get(1), Key.of("a"), Key.of("b"));
        assertEquals(5, t.run(2, 3));
        assertEquals("payload", Task.data(Key.of("d"), "payload").run());
    }

    @Test
    void layersCheckTheirKeys() {
        IllegalArgumentException wrongName = assertThrows(IllegalArgumentException.class,
                () -> Layer.of("a", List.of(Task.of(Key.of("b"), NOOP))));
        assertTrue(wrongName.getMessage().contains("('b')"), wrongName.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Layer.of("a", List.of(Task.of(Key.of("a", 0), NOOP), Task.data(Key.of("a", 0), 1))));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        Layer l = Layer.of("a", List.of(Task.of(Key.of("a", 1), NOOP), Task.of(Key.of("a", 0), NOOP)));
        assertEquals(List.of(Key.of("a", 1), Key.of("a", 0)), l.keys());
        assertEquals(Key.of("a", 0), l.task(new int[] {0}).key());
    }

    @Test
    void graphsMergeByLayerName() {
        Layer a = Layer.of("a", List.of(Task.data(Key.of("a"), 1)));
        Layer b = Layer.of("b", List.of(Task.of(Key.of("b"), NOOP, Key.of("a"))));
        Layer c = Layer.of("c", List.of(Task.of(Key.of("c"), NOOP, Key.of("a"))));
        Graph ga = Graph.of(a);
        Graph gb = Graph.of(b, ga);
        Graph gc = Graph.of(c, ga);
        Graph merged = Graph.merge(gb, gc);
        assertEquals(3, merged.layerCount(), "the shared layer appears once");
        assertSame(a, merged.layer("a"));
        assertEquals(3, merged.keys().size());
        assertSame(gb, Graph.merge(gb));
        assertEquals(0, Graph.empty().layerCount());
    }

    @Test
    void aLayerOverridesASameNamedLayerOfItsInputs() {
        Layer old = Layer.of("a", List.of(Task.data(Key.of("a"), "old")));
        Layer updated = Layer.of("a", List.of(Task.data(Key.of("a"), "new")));
        Graph g = Graph.of(updated, Graph.of(old));
        assertSame(updated, g.layer("a"));
        assertEquals(1, g.layerCount());
        assertSame(updated, Graph.merge(g, Graph.of(Layer.of("b", List.of()), Graph.of(old))).layer("a"),
                "merge: earlier graphs win; one name, one piece of work");
    }

    @Test
    void deeplyNestedGraphsAreCheapToBuildAndLookUp() {
        Graph g = Graph.empty();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            Key k = Key.of("l" + i);
            Task t = i == 0 ? Task.data(k, 0) : Task.of(k, NOOP, Key.of("l" + (i - 1)));
            g = Graph.of(Layer.of(k.name(), List.of(t)), g);
        }
        assertEquals(n, g.layerCount());
        assertEquals(Key.of("l0"), g.task(Key.of("l0")).key());
        Graph merged = Graph.merge(g, g, Graph.of(Layer.of("x", List.of(Task.data(Key.of("x"), 1))), g));
        assertEquals(n + 1, merged.layerCount());
    }

    @Test
    void materializeKeepsOnlyWhatTheOutputsNeedInDependencyOrder() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(i == 0 ? Task.of(Key.of("c", 0), NOOP) : Task.of(Key.of("c", i), NOOP, Key.of("c", i - 1)));
        }
        Graph g = Graph.merge(Graph.of(Layer.of("c", tasks)),
                Graph.of(Layer.of("other", List.of(Task.of(Key.of("other"), NOOP)))));
        Map<Key, Task> m = g.materialize(List.of(Key.of("c", 4)));
        assertEquals(List.of(Key.of("c", 0), Key.of("c", 1), Key.of("c", 2), Key.of("c", 3), Key.of("c", 4)),
                new ArrayList<>(m.keySet()));
    }

    @Test
    void materializeNamesMissingKeysAndWhoNeedsThem() {
        Graph g = Graph.of(Layer.of("y", List.of(Task.of(Key.of("y"), NOOP, Key.of("x", 3)))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.materialize(List.of(Key.of("y"))));
        assertTrue(e.getMessage().contains("('x', 3)") && e.getMessage().contains("('y')"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> g.task(Key.of("y", 1)));
        assertTrue(e2.getMessage().contains("('y', 1)"), e2.getMessage());
    }

    @Test
    void materializeFindsCyclesWithoutRecursing() {
        List<Task> tasks = new ArrayList<>();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            tasks.add(Task.of(Key.of("c", i), NOOP, Key.of("c", (i + 1) % n)));
        }
        Graph g = Graph.of(Layer.of("c", tasks));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.materialize(List.of(Key.of("c", 0))));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void aLayerReturningTheWrongTaskIsCaught() {
        Layer liar = new Layer() {
            @Override
            public String name() {
                return "liar";
            }

            @Override
            public Task task(int[] index) {
                return Task.of(Key.of("liar", 0), NOOP);
            }

            @Override
            public List<Key> keys() {
                return List.of(Key.of("liar", 0));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Graph.of(liar).task(Key.of("liar", 5)));
        assertTrue(e.getMessage().contains("('liar', 5)"), e.getMessage());
    }
}
