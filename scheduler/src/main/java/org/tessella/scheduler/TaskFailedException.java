package org.tessella.scheduler;

/** A task threw: carries the failing task's key; the task's exception is the cause. */
public class TaskFailedException extends RuntimeException {
    private final transient Key key;

    public TaskFailedException(Key key, Throwable cause) {
        super("task " + key + " failed: " + cause, cause);
        this.key = key;
    }

    public Key key() {
        return key;
    }
}
