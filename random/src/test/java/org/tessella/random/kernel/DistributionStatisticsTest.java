package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statistical validity of every sampler against its exact distribution (Apache Commons Math).
 *
 * <p>False-failure rate: each goodness-of-fit test fails when its p-value is below {@link #ALPHA} = 1e-6, so a
 * correct sampler fails a given test with probability 1e-6; the moment checks use 6 standard errors (two-sided
 * normal tail 2e-9 each). The class runs about 40 goodness-of-fit tests and 70 moment checks, so a correct
 * implementation fails a run of this class with probability below 5e-5, under the 1-in-10,000 budget. (The seeds
 * are fixed, so a given build either passes or fails every time; the rate is what a fresh seed would give.)
 */
class DistributionStatisticsTest {

    static final double ALPHA = 1e-6;
    static final int FIT_SAMPLES = 200_000;
    static final int MOMENT_SAMPLES = 10_000_000;
    static final double MOMENT_BOUND = 6; // standard errors

    static Stream<Cases.Continuous> continuous() {
        return Cases.continuousStream();
    }

    static Stream<Cases.Discrete> discrete() {
        return Cases.discreteStream();
    }

    /** Moments need tails light enough for the normal approximation of the sample variance at n = 10^7. */
    static Stream<Cases.Continuous> continuousForMoments() {
        return Cases.continuousStream().filter(c -> c.excessKurtosis() < 50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuous")
    void kolmogorovSmirnovAgainstExactDistribution(Cases.Continuous c) {
        double[] x = new double[FIT_SAMPLES];
        Sampler.of(12345, c.distribution()).fill(0, x, 0, x.length);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(c.reference(), x);
        assertTrue(p >= ALPHA, c + ": KS p-value " + p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discrete")
    void chiSquareAgainstExactDistribution(Cases.Discrete c) {
        long[] x = new long[1_000_000];
        Sampler.of(12345, c.distribution()).fill(0, x, 0, x.length);
        double p = c.pmf() == null ? chiSquareOfTopBits(c, x) : chiSquareOfPmf(c, x);
        assertTrue(p >= ALPHA, c + ": chi-square p-value " + p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuousForMoments")
    void continuousMomentsOnTenMillionSamples(Cases.Continuous c) {
        Sampler s = Sampler.of(777, c.distribution());
        double[] buf = new double[1 << 20];
        double sum = 0;
        double squares = 0; // around the exact mean, so E[squares / n] is exactly the variance
        for (long done = 0; done < MOMENT_SAMPLES; done += buf.length) {
            int n = (int) Math.min(buf.length, MOMENT_SAMPLES - done);
            s.fill(done, buf, 0, n);
            for (int i = 0; i < n; i++) {
                double d = buf[i] - c.mean();
                sum += d;
                squares += d * d;
            }
        }
        checkMoments(c.toString(), sum, squares, c.variance(), c.excessKurtosis());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discrete")
    void discreteMomentsOnTenMillionSamples(Cases.Discrete c) {
        Sampler s = Sampler.of(777, c.distribution());
        long[] buf = new long[1 << 20];
        double sum = 0;
        double squares = 0;
        for (long done = 0; done < MOMENT_SAMPLES; done += buf.length) {
            int n = (int) Math.min(buf.length, MOMENT_SAMPLES - done);
            s.fill(done, buf, 0, n);
            for (int i = 0; i < n; i++) {
                double d = (double) buf[i] - c.mean();
                sum += d;
                squares += d * d;
            }
        }
        checkMoments(c.toString(), sum, squares, c.variance(), c.excessKurtosis());
    }

    /** Sample mean within 6 standard errors of the mean; mean square deviation within 6 of the variance. */
    private static void checkMoments(String label, double sumDev, double sumSquares, double variance, double kurt) {
        double n = MOMENT_SAMPLES;
        double meanError = sumDev / n;
        double meanBound = MOMENT_BOUND * Math.sqrt(variance / n);
        assertEquals(0, meanError, meanBound, label + ": mean off by " + meanError);
        double varianceBound = MOMENT_BOUND * variance * Math.sqrt((kurt + 2) / n);
        assertEquals(variance, sumSquares / n, varianceBound, label + ": variance");
    }

    /** Bins of consecutive values, merged until each expects at least 20; tails beyond 12 sd join the end bins. */
    private static double chiSquareOfPmf(Cases.Discrete c, long[] x) {
        double sd = Math.sqrt(c.variance());
        long lo = (long) Math.max(c.lowest(), Math.floor(c.mean() - 12 * sd));
        long hi = (long) Math.min(c.highest(), Math.ceil(c.mean() + 12 * sd));
        List<Long> binStarts = new ArrayList<>();
        List<Double> binProbabilities = new ArrayList<>();
        double open = 0;
        long openStart = lo;
        for (long k = lo; k <= hi; k++) {
            open += c.pmf().applyAsDouble(k);
            if (open * x.length >= 20) {
                binStarts.add(openStart);
                binProbabilities.add(open);
                open = 0;
                openStart = k + 1;
            }
        }
        if (binStarts.isEmpty()) {
            throw new AssertionError("no bin collected enough mass");
        }
        int last = binProbabilities.size() - 1;
        binProbabilities.set(last, binProbabilities.get(last) + open); // leftovers into the last bin
        long[] observed = new long[binStarts.size()];
        for (long v : x) {
            assertTrue(v >= c.lowest() && v <= c.highest(), () -> c + ": value outside the support: " + v);
            int b = java.util.Collections.binarySearch(binStarts, v);
            int bin = b >= 0 ? b : Math.max(0, -b - 2);
            observed[bin]++;
        }
        double[] expected = new double[observed.length];
        double total = 0;
        for (int i = 0; i < expected.length; i++) {
            expected[i] = binProbabilities.get(i) * x.length;
            total += binProbabilities.get(i);
        }
        // mass outside [lo, hi] (below 1e-30 of the whole) goes to the end bins with the observations there
        assertEquals(1, total, 1e-9, c + ": binned probabilities");
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }

    /** For ranges too wide to bin by value: up to 128 equal bins of the offset from the lowest value. */
    private static double chiSquareOfTopBits(Cases.Discrete c, long[] x) {
        long range = c.highest() - c.lowest() + 1; // unsigned, below 2^64 in our cases
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(range) - 7);
        long full = range >>> shift;
        long rest = range & ((1L << shift) - 1);
        int bins = (int) full + (rest == 0 ? 0 : 1);
        double[] expected = new double[bins];
        double perBin = (double) (1L << shift) / unsigned(range) * x.length;
        for (int i = 0; i < full; i++) {
            expected[i] = perBin;
        }
        if (rest != 0) {
            expected[bins - 1] = (double) rest / unsigned(range) * x.length;
        }
        long[] observed = new long[bins];
        for (long v : x) {
            observed[(int) ((v - c.lowest()) >>> shift)]++;
        }
        return new ChiSquareTest().chiSquareTest(expected, observed);
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : v + 0x1.0p64;
    }
}
