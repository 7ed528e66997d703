package org.tessella.scheduler;

/**
 * The body of a task: computes a value from the values of the task's arguments.
 *
 * <p>A function must not keep references to its arguments after it returns, except through its
 * result; a function whose result may share memory with an argument (a view) must be declared
 * with {@link Task.Builder#aliasesInputs()}.
 */
@FunctionalInterface
public interface TaskFunction {
    Object apply(TaskArgs args) throws Exception;
}
