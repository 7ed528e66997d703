package org.tessella.random.kernel;

import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;

/**
 * The distributions and parameter sets the tests run over: every family, and every sampler branch (gamma shape
 * below and above 1, Johnk and gamma-ratio beta, binomial and Poisson inversion and rejection, p above 1/2,
 * integer ranges that need Lemire's rejection often), each with its exact reference distribution and its
 * mean, variance and excess kurtosis.
 */
final class Cases {

    private Cases() {
    }

    /** A continuous case: the distribution, the exact reference, and the excess kurtosis. */
    record Continuous(String label, Distribution distribution, RealDistribution reference, double excessKurtosis) {
        double mean() {
            return reference.getNumericalMean();
        }

        double variance() {
            return reference.getNumericalVariance();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A discrete case with its probability mass function, mean, variance and excess kurtosis. */
    record Discrete(String label, Distribution distribution, java.util.function.LongToDoubleFunction pmf,
                    long lowest, long highest, double mean, double variance, double excessKurtosis) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Continuous> continuous() {
        return List.of(
                new Continuous("uniform(0,1)", Distribution.uniform(0, 1), new UniformRealDistribution(0, 1), -1.2),
                new Continuous("uniform(-3.5,2.25)", Distribution.uniform(-3.5, 2.25),
                        new UniformRealDistribution(-3.5, 2.25), -1.2),
                new Continuous("standardNormal", Distribution.standardNormal(), new NormalDistribution(0, 1), 0),
                new Continuous("normal(10,0.5)", Distribution.normal(10, 0.5), new NormalDistribution(10, 0.5), 0),
                new Continuous("lognormal(0,0.25)", Distribution.lognormal(0, 0.25),
                        new LogNormalDistribution(0, 0.25), lognormalKurtosis(0.25)),
                new Continuous("lognormal(1,1)", Distribution.lognormal(1, 1), new LogNormalDistribution(1, 1),
                        lognormalKurtosis(1)),
                new Continuous("exponential(1)", Distribution.exponential(1), new ExponentialDistribution(1), 6),
                new Continuous("exponential(2.5)", Distribution.exponential(2.5), new ExponentialDistribution(2.5), 6),
                new Continuous("gamma(0.3,1)", Distribution.gamma(0.3, 1), new GammaDistribution(0.3, 1), 6 / 0.3),
                new Continuous("gamma(1,2)", Distribution.gamma(1, 2), new GammaDistribution(1, 2), 6),
                new Continuous("gamma(5.5,0.5)", Distribution.gamma(5.5, 0.5), new GammaDistribution(5.5, 0.5), 6 / 5.5),
                new Continuous("gamma(1000,1)", Distribution.gamma(1000, 1), new GammaDistribution(1000, 1), 6e-3),
                new Continuous("beta(0.5,0.5)", Distribution.beta(0.5, 0.5), new BetaDistribution(0.5, 0.5),
                        betaKurtosis(0.5, 0.5)),
                new Continuous("beta(0.2,0.9)", Distribution.beta(0.2, 0.9), new BetaDistribution(0.2, 0.9),
                        betaKurtosis(0.2, 0.9)),
                new Continuous("beta(0.5,3)", Distribution.beta(0.5, 3), new BetaDistribution(0.5, 3),
                        betaKurtosis(0.5, 3)),
                new Continuous("beta(2,5)", Distribution.beta(2, 5), new BetaDistribution(2, 5), betaKurtosis(2, 5)),
                new Continuous("beta(50,30)", Distribution.beta(50, 30), new BetaDistribution(50, 30),
                        betaKurtosis(50, 30)),
                new Continuous("chisquare(1)", Distribution.chisquare(1), new ChiSquaredDistribution(1), 12),
                new Continuous("chisquare(3.5)", Distribution.chisquare(3.5), new ChiSquaredDistribution(3.5), 12 / 3.5),
                new Continuous("chisquare(100)", Distribution.chisquare(100), new ChiSquaredDistribution(100), 0.12));
    }

    static List<Discrete> discrete() {
        long wideLow = -(3L << 61); // range 3 * 2^62 > 2^63: Lemire rejects a quarter of first words
        long wideHigh = 3L << 61;
        return List.of(
                uniformInts("integers(0,10)", Distribution.integers(0, 10), 0, 10),
                uniformInts("integers(-5,1000)", Distribution.integers(-5, 1000), -5, 1000),
                uniformInts("choice(7)", Distribution.choice(7), 0, 7),
                binomial("binomial(20,0.3)", 20, 0.3),
                binomial("binomial(20,0.8)", 20, 0.8),
                binomial("binomial(33,0.31)", 33, 0.31),
                binomial("binomial(1000,0.3)", 1000, 0.3),
                binomial("binomial(1000,0.9)", 1000, 0.9),
                binomial("binomial(100000,0.5)", 100000, 0.5),
                poisson("poisson(0.5)", 0.5),
                poisson("poisson(9.9)", 9.9),
                poisson("poisson(10)", 10),
                poisson("poisson(123.4)", 123.4),
                poisson("poisson(1e6)", 1e6),
                // wide integer ranges: only moments and bins of the top bits are testable
                new Discrete("integers(-3*2^61,3*2^61)", Distribution.integers(wideLow, wideHigh), null,
                        wideLow, wideHigh - 1, -0.5, Math.pow(3.0 * (1L << 62), 2) / 12, -1.2),
                new Discrete("integers(MIN,MAX)", Distribution.integers(Long.MIN_VALUE, Long.MAX_VALUE), null,
                        Long.MIN_VALUE, Long.MAX_VALUE - 1, -1.0, Math.pow(2.0, 128) / 12, -1.2));
    }

    static Stream<Continuous> continuousStream() {
        return continuous().stream();
    }

    static Stream<Discrete> discreteStream() {
        return discrete().stream();
    }

    private static Discrete uniformInts(String label, Distribution d, long low, long high) {
        double n = high - low;
        return new Discrete(label, d, k -> k >= low && k < high ? 1 / n : 0, low, high - 1,
                (low + high - 1) / 2.0, (n * n - 1) / 12, -6 * (n * n + 1) / (5 * (n * n - 1)));
    }

    private static Discrete binomial(String label, int n, double p) {
        BinomialDistribution ref = new BinomialDistribution(null, n, p);
        double q = 1 - p;
        return new Discrete(label, Distribution.binomial(n, p), k -> ref.probability((int) k), 0, n,
                n * p, n * p * q, (1 - 6 * p * q) / (n * p * q));
    }

    private static Discrete poisson(String label, double lambda) {
        PoissonDistribution ref = new PoissonDistribution(null, lambda, PoissonDistribution.DEFAULT_EPSILON,
                PoissonDistribution.DEFAULT_MAX_ITERATIONS);
        return new Discrete(label, Distribution.poisson(lambda), k -> ref.probability((int) k), 0, Integer.MAX_VALUE,
                lambda, lambda, 1 / lambda);
    }

    static double lognormalKurtosis(double s) {
        double s2 = s * s;
        return Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
    }

    static double betaKurtosis(double a, double b) {
        return 6 * ((a - b) * (a - b) * (a + b + 1) - a * b * (a + b + 2)) / (a * b * (a + b + 2) * (a + b + 3));
    }
}
