package org.tessella.scheduler;

import java.util.List;

/**
 * Runs every task in the caller's thread, in priority order: for debugging (stack traces go
 * straight to the task) and as the reference in the scheduler contract tests.
 */
public final class SynchronousScheduler implements Scheduler {
    private final ValueHandler handler;
    private final boolean fuse;

    public SynchronousScheduler() {
        this(ValueHandler.NONE, true);
    }

    public SynchronousScheduler(ValueHandler handler, boolean fuse) {
        this.handler = handler;
        this.fuse = fuse;
    }

    @Override
    public Result compute(Graph graph, List<Key> outputs) {
        return new Execution(Plan.build(graph, outputs, fuse), handler, null, 1).run();
    }

    @Override
    public int workers() {
        return 1;
    }
}
