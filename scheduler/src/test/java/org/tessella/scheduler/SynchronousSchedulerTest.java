package org.tessella.scheduler;

/** The scheduler contract for {@link SynchronousScheduler}. */
class SynchronousSchedulerTest extends SchedulerContract {
    @Override
    Scheduler create(ValueHandler handler, boolean fuse) {
        return new SynchronousScheduler(handler, fuse);
    }

    @Override
    int workers() {
        return 1;
    }
}
