package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.SynchronousScheduler;
import org.tessella.scheduler.ThreadedScheduler;

class SchedulerOverheadTest {
    /** Chain c ends at c + LENGTH - 1. */
    private static final long EXPECTED = (long) SchedulerOverhead.CHAINS * (SchedulerOverhead.CHAINS - 1) / 2
            + (long) SchedulerOverhead.CHAINS * (SchedulerOverhead.LENGTH - 1);

    @Test
    void smallChainsGiveTheirEnds() {
        List<Key> ends = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            ends.add(Key.of("inc", c, 3));
        }
        try (ThreadedScheduler s = new ThreadedScheduler(2)) {
            List<Object> v = s.compute(SchedulerOverhead.chains(3, 4), ends).values();
            assertEquals(List.of(3L, 4L, 5L), v);
        }
        assertEquals(List.of(3L, 4L, 5L), new SynchronousScheduler().compute(SchedulerOverhead.chains(3, 4), ends).values());
    }

    @Test
    void everyVariantComputesTheSameSum() {
        SchedulerOverhead b = new SchedulerOverhead();
        b.buildGraph();
        SchedulerOverhead.Threaded t = new SchedulerOverhead.Threaded();
        t.workers = 2;
        t.start();
        try {
            assertEquals(EXPECTED, b.direct());
            assertEquals(EXPECTED, b.executor(t));
            assertEquals(EXPECTED, b.threaded(t));
        } finally {
            t.stop();
        }
    }
}
