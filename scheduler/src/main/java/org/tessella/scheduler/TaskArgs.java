package org.tessella.scheduler;

/**
 * The argument values handed to a {@link TaskFunction}, in the order of {@link Task#args()}.
 *
 * <p>An argument is <em>donated</em> when this task is its last user and nothing else holds it: it is
 * not a requested output, not literal graph data, not a view and not viewed by a live result.
 * A function may {@link #claim} a donated argument, to write its result into it, and then owns it:
 * it returns it (possibly as part of its result) or releases it. Unclaimed arguments stay owned by
 * the scheduler, which releases them after the task.
 */
public final class TaskArgs {
    private final Object[] values;
    private final boolean[] donated;
    private final boolean[] claimed;
    private final ValueHandler handler;
    private final TaskArgs parent;
    private final int[] parentIndex;

    TaskArgs(Object[] values, boolean[] donated, ValueHandler handler) {
        this(values, donated, handler, null, null);
    }

    TaskArgs(Object[] values, boolean[] donated, ValueHandler handler, TaskArgs parent, int[] parentIndex) {
        this.values = values;
        this.donated = donated;
        this.claimed = new boolean[values.length];
        this.handler = handler;
        this.parent = parent;
        this.parentIndex = parentIndex;
    }

    /** Arguments with no donation, for calling a function directly (tests, the synchronous path). */
    public static TaskArgs of(Object... values) {
        return new TaskArgs(values, new boolean[values.length], ValueHandler.NONE);
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
        return donated[i] && !claimed[i];
    }

    /**
     * Takes ownership of donated argument {@code i}.
     *
     * @throws IllegalStateException if the argument is not donated or was already claimed
     */
    public Object claim(int i) {
        if (!isDonated(i)) {
            throw new IllegalStateException("argument " + i + " is not donated; expected a donated argument");
        }
        claimed[i] = true;
        if (parent != null && parentIndex[i] >= 0) {
            parent.claim(parentIndex[i]);
        }
        return values[i];
    }

    boolean isClaimed(int i) {
        return claimed[i];
    }

    /** Releases a value this function owns (an intermediate, or a claimed argument it no longer needs). */
    public void release(Object value) {
        handler.release(value);
    }

    ValueHandler handler() {
        return handler;
    }
}
