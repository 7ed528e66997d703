package org.tessella.scheduler;

import org.junit.jupiter.api.Nested;

/** The scheduler contract for {@link ThreadedScheduler} with 1, 2 and 4 workers. */
class ThreadedSchedulerContractTest {
    @Nested
    class OneWorker extends SchedulerContract {
        @Override
        Scheduler create(ValueHandler handler, boolean fuse) {
            return new ThreadedScheduler(1, handler, fuse);
        }

        @Override
        int workers() {
            return 1;
        }
    }

    @Nested
    class TwoWorkers extends SchedulerContract {
        @Override
        Scheduler create(ValueHandler handler, boolean fuse) {
            return new ThreadedScheduler(2, handler, fuse);
        }

        @Override
        int workers() {
            return 2;
        }
    }

    @Nested
    class FourWorkers extends SchedulerContract {
        @Override
        Scheduler create(ValueHandler handler, boolean fuse) {
            return new ThreadedScheduler(4, handler, fuse);
        }

        @Override
        int workers() {
            return 4;
        }
    }
}
