package org.tessella.scheduler;

/**
 * The argument values handed to a {@link TaskFunction}, in the order of {@link Task#args()}.
 *
 * <p>An argument is <em>donated</em> when this task is its last user and nothing else holds it: it is
 * not a requested output, not literal graph data, not a view, not an argument returned as is by
 * another task, not viewed by a live result, and this task names it only once.
 * A function may {@link #claim} a donated argument, to write its result into it, and then owns it:
 * it returns it (possibly as part of its result) or releases it. If the function throws instead,
 * what it claimed goes back to the scheduler, which releases it: a function must not release a
 * claimed argument and then throw. Unclaimed arguments stay owned by the scheduler, which releases
 * them once their last user has run.
 *
 * <p>Used by one thread at a time (the one running the task); not thread-safe.
 */
public final class TaskArgs {
    private final Object[] values;
    private final boolean[] donated;
    private boolean[] claimed;
    private final ValueHandler handler;
    private final TaskArgs parent;
    private final int[] parentIndex;

    /** {@code donated} may be null: nothing is donated (the common case, no allocation). */
    TaskArgs(Object[] values, boolean[] donated, ValueHandler handler) {
        this(values, donated, handler, null, null);
    }

    TaskArgs(Object[] values, boolean[] donated, ValueHandler handler, TaskArgs parent, int[] parentIndex) {
        this.values = values;
        this.donated = donated;
        this.handler = handler;
        this.parent = parent;
        this.parentIndex = parentIndex;
    }

    /** Arguments with no donation, for calling a function directly (tests, tools). */
    public static TaskArgs of(Object... values) {
        return new TaskArgs(values.clone(), null, ValueHandler.NONE);
    }

    public int size() {
        return values.length;
    }

    public Object get(int i) {
        return values[i];
    }

    @SuppressWarnings("unchecked")
    public <T> T get(int i, Class<T> type) {
        return (T) values[i];
    }

    public boolean isDonated(int i) {
        return donated != null && donated[i] && (claimed == null || !claimed[i]);
    }

    /**
     * Takes ownership of donated argument {@code i}.
     *
     * @throws IllegalStateException if the argument is not donated or was already claimed
     */
    public Object claim(int i) {
        if (!isDonated(i)) {
            throw new IllegalStateException("argument " + i + " is not donated; expected a donated argument"
                    + " (check isDonated first)");
        }
        if (claimed == null) {
            claimed = new boolean[values.length];
        }
        claimed[i] = true;
        if (parent != null && parentIndex[i] >= 0) {
            parent.claim(parentIndex[i]);
        }
        return values[i];
    }

    boolean isClaimed(int i) {
        return claimed != null && claimed[i];
    }

    boolean anyClaimed() {
        return claimed != null;
    }

    /** True if {@code value} is one of these arguments (by identity) that was not claimed. */
    boolean isUnclaimedArgument(Object value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value && !isClaimed(i)) {
                return true;
            }
        }
        return false;
    }

    /** Releases a value this function owns (an intermediate, or a claimed argument it no longer needs). */
    public void release(Object value) {
        handler.release(value);
    }

    ValueHandler handler() {
        return handler;
    }
}
