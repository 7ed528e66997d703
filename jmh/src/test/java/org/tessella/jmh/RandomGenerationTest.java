package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;

class RandomGenerationTest {
    static RandomGeneration benchmark(String dist, int workers, long n, long chunk) {
        RandomGeneration b = new RandomGeneration();
        b.dist = dist;
        b.workers = workers;
        b.n = n;
        b.chunk = chunk;
        b.setUp();
        return b;
    }

    /**
     * Both variants draw n^2 values of the distribution: their sums are n^2 * mean within 6 standard errors
     * (uniform: mean 1/2, variance 1/12; normal: mean 0, variance 1), and Tessella's equals the dense sum of the
     * same random array.
     */
    @ParameterizedTest
    @CsvSource({"uniform, 1, 301, 70", "uniform, 2, 300, 100", "normal, 1, 300, 100", "normal, 2, 301, 70"})
    void bothVariantsSumNSquaredDraws(String dist, int workers, long n, long chunk) {
        boolean normal = dist.equals("normal");
        double mean = normal ? 0 : 0.5;
        double sigma = normal ? 1 : Math.sqrt(1.0 / 12);
        double count = (double) n * n;
        RandomGeneration b = benchmark(dist, workers, n, chunk);
        try {
            double tessella = b.tessella();
            double baseline = b.nd4jFill();
            assertEquals(count * mean, tessella, 6 * sigma * Math.sqrt(count), "tessella");
            assertEquals(count * mean, baseline, 6 * sigma * Math.sqrt(count), "nd4jFill");
            RandomArrays r = RandomArrays.seeded(AbstractBenchmark.SEED);
            long[] shape = {n, n};
            double dense = (normal ? r.standardNormal(shape, Chunks.of(n, n)) : r.uniform(0, 1, shape, Chunks.of(n, n)))
                    .compute().sumNumber().doubleValue();
            assertEquals(dense, tessella, 1e-9 * Math.sqrt(count));
        } finally {
            b.tearDown();
        }
    }

    @Test
    void workerCountDoesNotChangeTheResult() {
        RandomGeneration one = benchmark("normal", 1, 200, 30);
        RandomGeneration two = benchmark("normal", 2, 200, 30);
        try {
            assertEquals(one.tessella(), two.tessella(), 0);
        } finally {
            one.tearDown();
            two.tearDown();
        }
    }

    @Test
    void unknownDistributionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomGeneration.generatedSum("poisson", 10, 5));
        assertEquals("dist is unknown: 'poisson'; expected uniform or normal", e.getMessage());
    }

    @Test
    void valueRateIsNSquaredOverTheTime() {
        assertEquals(2e8, ValueRateProfiler.valuesPerSecond(20_000, 2.0), 1e-6);
        assertEquals(4e6 / 0.004, ValueRateProfiler.valuesPerSecond(2_000, 0.004), 1e-3);
    }
}
