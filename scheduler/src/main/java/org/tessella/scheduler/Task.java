package org.tessella.scheduler;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One node of a task graph: a function of the values of other keys (its arguments), or a literal
 * value. Arguments are positional and may repeat a key; the task's dependencies are the distinct
 * argument keys, computed once.
 *
 * <p>Flags guide the graph rewrites and the scheduler:
 * <ul>
 *   <li><b>fusible</b>: blockwise work that may be inlined into its only dependent, so the
 *       intermediate value never reaches the scheduler (see {@link Fusion});</li>
 *   <li><b>aliasesInputs</b>: the result may share memory with an argument (a view); the scheduler
 *       keeps such arguments alive while the result lives and never donates the result.</li>
 * </ul>
 * This class is immutable.
 */
public final class Task {
    private final Key key;
    private final Key[] args;
    private final Key[] dependencies;
    private final TaskFunction function;
    private final Object literal;
    private final boolean fusible;
    private final boolean aliasesInputs;

    private Task(Key key, Key[] args, TaskFunction function, Object literal, boolean fusible, boolean aliasesInputs) {
        this.key = key;
        this.args = args;
        this.function = function;
        this.literal = literal;
        this.fusible = fusible;
        this.aliasesInputs = aliasesInputs;
        if (args.length <= 1) {
            this.dependencies = args;
        } else {
            Set<Key> unique = new LinkedHashSet<>(Arrays.asList(args));
            this.dependencies = unique.size() == args.length ? args : unique.toArray(new Key[0]);
        }
    }

    /** A task computing {@code function} over the values of {@code args}. */
    public static Task of(Key key, TaskFunction function, Key... args) {
        return builder(key, function).args(args).build();
    }

    /** A task computing {@code function} over the values of {@code args}. */
    public static Task of(Key key, TaskFunction function, List<Key> args) {
        return builder(key, function).args(args.toArray(new Key[0])).build();
    }

    /** A literal value owned by the graph: never released, never donated. */
    public static Task data(Key key, Object value) {
        Objects.requireNonNull(key, "key");
        return new Task(key, new Key[0], null, value, false, false);
    }

    public static Builder builder(Key key, TaskFunction function) {
        return new Builder(key, function);
    }

    public Key key() {
        return key;
    }

    /** Argument keys in positional order (may repeat). */
    public List<Key> args() {
        return List.of(args);
    }

    Key[] argsArray() {
        return args;
    }

    /** Distinct argument keys. */
    public List<Key> dependencies() {
        return List.of(dependencies);
    }

    Key[] dependenciesArray() {
        return dependencies;
    }

    public boolean isData() {
        return function == null;
    }

    public Object literal() {
        return literal;
    }

    public TaskFunction function() {
        return function;
    }

    public boolean isFusible() {
        return fusible;
    }

    public boolean aliasesInputs() {
        return aliasesInputs;
    }

    /** Runs this task directly on argument values (no donation). */
    public Object run(Object... argValues) throws Exception {
        return isData() ? literal : function.apply(TaskArgs.of(argValues));
    }

    Task withKey(Key newKey) {
        return new Task(newKey, args, function, literal, fusible, aliasesInputs);
    }

    static Task fused(Key key, Key[] args, TaskFunction function, boolean fusible, boolean aliasesInputs) {
        return new Task(key, args, function, null, fusible, aliasesInputs);
    }

    @Override
    public String toString() {
        return "Task" + key + (isData() ? " = data" : " <- " + Arrays.toString(args));
    }

    /** Builds a {@link Task} with flags. */
    public static final class Builder {
        private final Key key;
        private final TaskFunction function;
        private Key[] args = new Key[0];
        private boolean fusible;
        private boolean aliasesInputs;

        private Builder(Key key, TaskFunction function) {
            this.key = Objects.requireNonNull(key, "key");
            this.function = Objects.requireNonNull(function, "function");
        }

        public Builder args(Key... args) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    throw new IllegalArgumentException("args[" + i + "] is null; expected a key");
                }
            }
            this.args = args.clone();
            return this;
        }

        /** Blockwise work that may be inlined into its only dependent. */
        public Builder fusible() {
            this.fusible = true;
            return this;
        }

        /** The result may share memory with an argument. */
        public Builder aliasesInputs() {
            this.aliasesInputs = true;
            return this;
        }

        public Task build() {
            return new Task(key, args, function, null, fusible, aliasesInputs);
        }
    }
}
