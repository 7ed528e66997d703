package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameters at the edges of the accepted ranges: values stay in the support and the sample mean is within 6
 * standard errors (false-failure probability 2e-9 each) on 10^5 draws; continuous cases take the standard
 * deviation directly, since some variances overflow.
 */
class ExtremeParametersTest {

    static final int N = 100_000;
    static final double TWO_50 = 0x1.0p50;

    static Stream<Arguments> integral() {
        return Stream.of(
                Arguments.of(Distribution.binomial(1L << 50, 0.5), TWO_50 * 0.5, TWO_50 * 0.25, 0, 1L << 50),
                Arguments.of(Distribution.binomial(1L << 50, 1e-15), TWO_50 * 1e-15, TWO_50 * 1e-15, 0, 1L << 50),
                Arguments.of(Distribution.binomial(1L << 50, 1 - 1e-15), TWO_50 * (1 - 1e-15), TWO_50 * 1e-15, 0, 1L << 50),
                Arguments.of(Distribution.binomial(1L << 50, 0.3e-13), TWO_50 * 0.3e-13, TWO_50 * 0.3e-13, 0, 1L << 50),
                Arguments.of(Distribution.poisson(TWO_50), TWO_50, TWO_50, 0, Long.MAX_VALUE),
                Arguments.of(Distribution.poisson(1e-10), 1e-10, 1e-10, 0, Long.MAX_VALUE),
                Arguments.of(Distribution.poisson(9.999999), 9.999999, 9.999999, 0, Long.MAX_VALUE),
                Arguments.of(Distribution.integers(Long.MIN_VALUE, Long.MIN_VALUE + 1), (double) Long.MIN_VALUE, 0.0,
                        Long.MIN_VALUE, Long.MIN_VALUE),
                Arguments.of(Distribution.choice(1), 0.0, 0.0, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integral")
    void integralExtremes(Distribution d, double mean, double variance, long lo, long hi) {
        long[] x = new long[N];
        Sampler.of(99, d).fill(0, x, 0, N);
        double sum = 0;
        for (long v : x) {
            assertTrue(v >= lo && v <= hi, () -> d + ": " + v);
            sum += v - mean;
        }
        assertEquals(0, sum / N, 6 * Math.sqrt(variance / N) + 1e-9 * Math.abs(mean), d.toString());
    }

    static Stream<Arguments> continuous() {
        return Stream.of(
                Arguments.of(Distribution.gamma(1e-3, 1), 1e-3, Math.sqrt(1e-3), 0.0, Double.MAX_VALUE),
                Arguments.of(Distribution.gamma(1e6, 1e-6), 1.0, 1e-3, 0.0, Double.MAX_VALUE),
                Arguments.of(Distribution.beta(1e-3, 1e-3), 0.5, Math.sqrt(0.25 / (2e-3 + 1)), 0.0, 1.0),
                Arguments.of(Distribution.beta(1e4, 1), 1e4 / (1e4 + 1),
                        Math.sqrt(1e4 / ((1e4 + 1) * (1e4 + 1) * (1e4 + 2))), 0.0, 1.0),
                Arguments.of(Distribution.chisquare(1e-3), 1e-3, Math.sqrt(2e-3), 0.0, Double.MAX_VALUE),
                Arguments.of(Distribution.uniform(-1e300, 1e300), 0.0, 2e300 / Math.sqrt(12), -1e300, 1e300),
                Arguments.of(Distribution.normal(1e300, 1e290), 1e300, 1e290, -Double.MAX_VALUE, Double.MAX_VALUE),
                Arguments.of(Distribution.exponential(Double.MIN_NORMAL), Double.MIN_NORMAL, Double.MIN_NORMAL,
                        0.0, 1e-300));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuous")
    void continuousExtremes(Distribution d, double mean, double sd, double lo, double hi) {
        double[] x = new double[N];
        Sampler.of(99, d).fill(0, x, 0, N);
        double sum = 0;
        for (double v : x) {
            assertTrue(v >= lo && v <= hi, () -> d + ": " + v);
            sum += v / N;
        }
        assertEquals(mean, sum, 6 * sd / Math.sqrt(N) + 1e-12 * Math.abs(mean), d.toString());
    }

    /** Ranges so narrow that rounding reaches high for most draws: the clamps keep [low, high). */
    @Test
    void narrowUniformRangesStayHalfOpen() {
        double[] x = new double[1000];
        float[] f = new float[1000];
        Sampler one = Sampler.of(1, Distribution.uniform(1, Math.nextUp(1.0)));
        one.fill(0, x, 0, x.length);
        one.fill(0, f, 0, f.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(1.0, x[i], 0.0);
            assertEquals(1.0f, f[i], 0.0f);
        }
        Sampler wide = Sampler.of(1, Distribution.uniform(1, 1 + 0x1.0p-30)); // one float32 (1.0f) in range
        wide.fill(0, x, 0, x.length);
        wide.fill(0, f, 0, f.length);
        int distinct = (int) java.util.Arrays.stream(x).distinct().count();
        assertTrue(distinct > 900, "float64 keeps the draws distinct: " + distinct);
        for (int i = 0; i < x.length; i++) {
            assertTrue(x[i] >= 1 && x[i] < 1 + 0x1.0p-30);
            assertEquals(1.0f, f[i], 0.0f);
        }
    }

    @Test
    void uniformOverTheWidestRangeStaysBelowHigh() {
        double[] x = new double[N];
        Sampler.of(1, Distribution.uniform(-Double.MAX_VALUE / 2, Double.MAX_VALUE / 2)).fill(0, x, 0, N);
        for (double v : x) {
            assertTrue(v >= -Double.MAX_VALUE / 2 && v < Double.MAX_VALUE / 2);
        }
    }
}
