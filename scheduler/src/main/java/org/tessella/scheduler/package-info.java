/**
 * Task graphs and the schedulers that run them; knows nothing about arrays.
 *
 * <p>A {@link org.tessella.scheduler.Graph} is a set of lazy {@link org.tessella.scheduler.Layer}s
 * of {@link org.tessella.scheduler.Task}s keyed by {@link org.tessella.scheduler.Key}s. A
 * {@link org.tessella.scheduler.Scheduler} computes some keys: it expands only the tasks they need,
 * fuses chains of fusible tasks ({@link org.tessella.scheduler.Fusion}), orders them so that work
 * started is finished and inputs are freed early, and runs them on a
 * {@link org.tessella.scheduler.ThreadedScheduler} or a
 * {@link org.tessella.scheduler.SynchronousScheduler}, releasing each value through a
 * {@link org.tessella.scheduler.ValueHandler} as soon as its last user has run. The coordinator's
 * design notes are in the package-private class {@code Execution}, the ordering's in {@code Plan}.
 */
package org.tessella.scheduler;
