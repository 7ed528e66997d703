package org.tessella.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessella.scheduler.delayed.Delayed;

class DelayedLoopTest {
    @Test
    void computesEveryCallAsTheEagerLoopWould() {
        List<Integer> as = List.of(0, 1, 2);
        List<Integer> bs = List.of(1, 2, 3, 4);
        long expected = 0;
        for (int a : as) {
            for (int b : bs) {
                expected += a < b ? a + b : (long) a * b;
            }
        }
        assertEquals(expected, DelayedLoop.run(as, bs));
        List<Object> values = Delayed.computeAll(DelayedLoop.calls(as, bs));
        assertEquals(as.size() * bs.size(), values.size());
        assertEquals(0 + 1, values.get(0));   // f(0, 1)
        assertEquals(2 * 1, values.get(8));   // g(2, 1)
    }
}
