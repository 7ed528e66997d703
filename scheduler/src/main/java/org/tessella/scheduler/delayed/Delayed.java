package org.tessella.scheduler.delayed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.Task;

/**
 * A lazy value: the result of calling a wrapped function on values or on other delayed results,
 * like {@code dask.delayed}. Nothing runs until {@link #compute()}; {@link #computeAll} computes
 * many results in one graph, so work they share runs once and independent calls run in parallel.
 *
 * <pre>{@code
 * var inc = Delayed.function("inc", (Integer x) -> x + 1);
 * var add = Delayed.function("add", (Integer x, Integer y) -> x + y);
 * Delayed<Integer> total = add.call(inc.call(1), inc.call(2));
 * int five = total.compute();
 * }</pre>
 *
 * <p>Each call gets a fresh key ({@code name-n}); unlike arrays, delayed calls are not
 * de-duplicated by value, because Java functions cannot be hashed by what they compute.
 * This class is immutable.
 *
 * @param <T> the type of the value
 */
public final class Delayed<T> {
    private static final AtomicLong COUNTER = new AtomicLong();
    private final Graph graph;
    private final Key key;

    private Delayed(Graph graph, Key key) {
        this.graph = graph;
        this.key = key;
    }

    /** A delayed literal value. */
    public static <T> Delayed<T> value(T value) {
        Key key = Key.of("value-" + COUNTER.incrementAndGet());
        return new Delayed<>(Graph.of(Layer.of(key.name(), List.of(Task.data(key, value)))), key);
    }

    /** Wraps a one-argument function. */
    public static <A, R> Function1<A, R> function(String name, Function<A, R> f) {
        return new Function1<>(name, f);
    }

    /** Wraps a two-argument function. */
    public static <A, B, R> Function2<A, B, R> function(String name, BiFunction<A, B, R> f) {
        return new Function2<>(name, f);
    }

    /** Wraps a function of any number of arguments. */
    public static <R> FunctionN<R> functionN(String name, Function<Object[], R> f) {
        return new FunctionN<>(name, f);
    }

    public Key key() {
        return key;
    }

    public Graph graph() {
        return graph;
    }

    /** Computes this value with the default scheduler. */
    public T compute() {
        return compute(Schedulers.get());
    }

    @SuppressWarnings("unchecked")
    public T compute(Scheduler scheduler) {
        return (T) scheduler.compute(graph, List.of(key)).value(0);
    }

    /** Computes several values in one graph with the default scheduler. */
    public static List<Object> computeAll(List<? extends Delayed<?>> values) {
        return computeAll(Schedulers.get(), values);
    }

    public static List<Object> computeAll(Scheduler scheduler, List<? extends Delayed<?>> values) {
        Graph[] graphs = new Graph[values.size()];
        List<Key> keys = new ArrayList<>(values.size());
        for (int i = 0; i < graphs.length; i++) {
            graphs[i] = values.get(i).graph();
            keys.add(values.get(i).key());
        }
        return scheduler.compute(Graph.merge(graphs), keys).values();
    }

    static <R> Delayed<R> call(String name, Function<Object[], Object> body, Object[] args) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("name is empty; expected a function name");
        }
        Key key = Key.of(name + "-" + COUNTER.incrementAndGet());
        List<Key> deps = new ArrayList<>();
        List<Graph> graphs = new ArrayList<>();
        int[] slot = new int[args.length];
        Object[] constants = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Delayed<?> d) {
                slot[i] = deps.size();
                deps.add(d.key);
                graphs.add(d.graph);
                constants[i] = null;
            } else {
                slot[i] = -1;
            }
        }
        Task task = Task.of(key, a -> {
            Object[] actual = constants.clone();
            for (int i = 0; i < actual.length; i++) {
                if (slot[i] >= 0) {
                    actual[i] = a.get(slot[i]);
                }
            }
            return body.apply(actual);
        }, deps);
        Graph g = Graph.of(Layer.of(key.name(), List.of(task)), graphs.toArray(new Graph[0]));
        return new Delayed<>(g, key);
    }

    @Override
    public String toString() {
        return "Delayed" + key;
    }

    /** A wrapped one-argument function; arguments are values or {@link Delayed}s. */
    public static final class Function1<A, R> {
        private final String name;
        private final Function<A, R> f;

        private Function1(String name, Function<A, R> f) {
            this.name = name;
            this.f = f;
        }

        @SuppressWarnings("unchecked")
        public Delayed<R> call(Object a) {
            return Delayed.call(name, v -> f.apply((A) v[0]), new Object[] {a});
        }
    }

    /** A wrapped two-argument function; arguments are values or {@link Delayed}s. */
    public static final class Function2<A, B, R> {
        private final String name;
        private final BiFunction<A, B, R> f;

        private Function2(String name, BiFunction<A, B, R> f) {
            this.name = name;
            this.f = f;
        }

        @SuppressWarnings("unchecked")
        public Delayed<R> call(Object a, Object b) {
            return Delayed.call(name, v -> f.apply((A) v[0], (B) v[1]), new Object[] {a, b});
        }
    }

    /** A wrapped function of any number of arguments; arguments are values or {@link Delayed}s. */
    public static final class FunctionN<R> {
        private final String name;
        private final Function<Object[], R> f;

        private FunctionN(String name, Function<Object[], R> f) {
            this.name = name;
            this.f = f;
        }

        public Delayed<R> call(Object... args) {
            return Delayed.call(name, f::apply, args);
        }
    }
}
