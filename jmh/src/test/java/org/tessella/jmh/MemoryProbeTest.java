package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;

class MemoryProbeTest {
    @Test
    void seesBlocksHeldByTheSchedulerAndTheProcessPeak() {
        ChunkedArray x = RandomArrays.seeded(1).uniform(0, 1, new long[] {400, 300}, Chunks.of(100, 100));
        long block = 100 * 100 * 8;
        try (MemoryProbe probe = MemoryProbe.start()) {
            x.add(1).persist();   // persist keeps every block as an output: the scheduler holds them all
            assertTrue(probe.schedulerPeakBytes() >= block, "scheduler peak " + probe.schedulerPeakBytes());
            assertTrue(probe.schedulerPeakBytes() <= 400L * 300 * 8, "scheduler peak " + probe.schedulerPeakBytes());
            if (ProcessMemory.peakRssBytes() >= 0) {
                assertTrue(probe.peakRssBytes() >= ProcessMemory.rssBytes() / 2, probe.summary());
            }
        }
    }

    @Test
    void stopsListeningWhenClosed() {
        MemoryProbe probe = MemoryProbe.start();
        probe.close();
        RandomArrays.seeded(2).uniform(0, 1, new long[] {200, 200}, Chunks.of(100, 100)).add(1).compute();
        assertTrue(probe.schedulerPeakBytes() == 0, "scheduler peak after close " + probe.schedulerPeakBytes());
    }
}
