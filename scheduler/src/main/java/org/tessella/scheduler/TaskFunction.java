package org.tessella.scheduler;

/**
 * The body of a task: computes a value from the values of the task's arguments.
 *
 * <p>A function must not keep references to its arguments after it returns, except through its
 * result. It may return a new value, an argument it claimed (see {@link TaskArgs}), one of its
 * arguments as is (the scheduler then keeps the argument alive as long as the result and never
 * releases the result itself), or a view of its arguments: declared with
 * {@link Task.Builder#aliasesInputs()}, or recognised by the {@link ValueHandler}; either way the
 * scheduler keeps the task's inputs alive while the view lives. It must not return a value that
 * another task also returns (a shared cached object), which would be released twice.
 */
@FunctionalInterface
public interface TaskFunction {
    Object apply(TaskArgs args) throws Exception;
}
