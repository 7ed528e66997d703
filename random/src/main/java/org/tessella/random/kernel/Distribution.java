package org.tessella.random.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A probability distribution with validated parameters: the "what" of a random array. Pair it with a seed in a
 * {@link Sampler} to fill blocks.
 *
 * <p>Each family draws from its own stream (the second word of the Philox key is the family's ASCII tag, listed
 * per factory), so two families with the same seed give unrelated numbers. Parameters are not part of the key:
 * {@code normal(m, s)} is {@code m + s * standardNormal()} element by element, as in NumPy.
 *
 * <p>Bad parameters (NaN anywhere, non-positive scales, {@code low >= high}, probabilities outside [0, 1])
 * throw {@link IllegalArgumentException} naming the parameter and its value.
 *
 * <p>This class is immutable; {@link #equals} and {@link #hashCode} compare family and parameters, so a
 * distribution can be part of a deterministic graph token.
 */
public final class Distribution {

    /** Largest binomial n and Poisson lambda: beyond 2^50 the float64 arithmetic of the samplers loses integers. */
    public static final long MAX_COUNT = 1L << 50;

    enum Family {
        UNIFORM("uniform", false, "low", "high"),
        NORMAL("normal", false, "mean", "std"),
        LOGNORMAL("lognorm", false, "mean", "sigma"),
        EXPONENTIAL("expon", false, "scale"),
        GAMMA("gamma", false, "shape", "scale"),
        BETA("beta", false, "a", "b"),
        CHISQUARE("chisq", false, "df"),
        INTEGERS("integers", true, "low", "high"),
        CHOICE("choice", true, "n"),
        BINOMIAL("binomial", true, "n", "p"),
        POISSON("poisson", true, "lambda");

        final String tag;
        final long stream;
        final boolean integral;
        final List<String> parameterNames;

        Family(String tag, boolean integral, String... parameterNames) {
            this.tag = tag;
            this.stream = Streams.tag(tag);
            this.integral = integral;
            this.parameterNames = List.of(parameterNames);
        }
    }

    private final Family family;
    private final List<Number> parameters;

    private Distribution(Family family, Number... parameters) {
        this.family = family;
        this.parameters = List.of(parameters);
    }

    /**
     * Uniform on [low, high); stream "uniform". A value whose rounding (to float64, or to float32) would reach
     * {@code high} becomes the largest value of that type below {@code high}.
     */
    public static Distribution uniform(double low, double high) {
        finite("low", low);
        finite("high", high);
        if (!(low < high)) {
            throw new IllegalArgumentException("high is not greater than low: high=" + high + ", low=" + low
                    + "; expected low < high");
        }
        if (!Double.isFinite(high - low)) {
            throw new IllegalArgumentException("high - low overflows: high=" + high + ", low=" + low
                    + "; expected a finite width");
        }
        return new Distribution(Family.UNIFORM, low, high);
    }

    /** Normal(0, 1); the same stream as {@link #normal}. */
    public static Distribution standardNormal() {
        return normal(0, 1);
    }

    /** Normal(mean, std), std &gt; 0; stream "normal"; ziggurat, one word per element in 98.5 % of elements. */
    public static Distribution normal(double mean, double std) {
        finite("mean", mean);
        positive("std", std);
        return new Distribution(Family.NORMAL, mean, std);
    }

    /** exp(Normal(mean, sigma)), sigma &gt; 0; stream "lognorm". */
    public static Distribution lognormal(double mean, double sigma) {
        finite("mean", mean);
        positive("sigma", sigma);
        return new Distribution(Family.LOGNORMAL, mean, sigma);
    }

    /** Exponential with the given scale (mean), scale &gt; 0; stream "expon". */
    public static Distribution exponential(double scale) {
        positive("scale", scale);
        return new Distribution(Family.EXPONENTIAL, scale);
    }

    /** Gamma(shape, scale), both &gt; 0 (mean shape * scale); stream "gamma"; Marsaglia-Tsang per element. */
    public static Distribution gamma(double shape, double scale) {
        positive("shape", shape);
        positive("scale", scale);
        return new Distribution(Family.GAMMA, shape, scale);
    }

    /** Beta(a, b), both &gt; 0; stream "beta". */
    public static Distribution beta(double a, double b) {
        positive("a", a);
        positive("b", b);
        return new Distribution(Family.BETA, a, b);
    }

    /** Chi-square with df &gt; 0 degrees of freedom (2 * Gamma(df / 2)); stream "chisq". */
    public static Distribution chisquare(double df) {
        positive("df", df);
        return new Distribution(Family.CHISQUARE, df);
    }

    /** Uniform integers in [low, high), low &lt; high, exactly uniform; stream "integers". */
    public static Distribution integers(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("high is not greater than low: high=" + high + ", low=" + low
                    + "; expected low < high");
        }
        return new Distribution(Family.INTEGERS, low, high);
    }

    /**
     * Indices of a choice with replacement from n items: uniform integers in [0, n), n &gt;= 1; stream "choice"
     * (so not the same numbers as {@code integers(0, n)}).
     */
    public static Distribution choice(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n is not positive: " + n + "; expected n >= 1 items to choose from");
        }
        return new Distribution(Family.CHOICE, n);
    }

    /** Binomial(n, p), 0 &lt;= n &lt;= {@link #MAX_COUNT}, p in [0, 1]; stream "binomial". */
    public static Distribution binomial(long n, double p) {
        if (n < 0 || n > MAX_COUNT) {
            throw new IllegalArgumentException("n is out of range: " + n + "; expected 0 <= n <= 2^50");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p is outside [0, 1]: " + p + "; expected a probability");
        }
        return new Distribution(Family.BINOMIAL, n, p);
    }

    /** Poisson(lambda), 0 &lt;= lambda &lt;= {@link #MAX_COUNT}; stream "poisson". */
    public static Distribution poisson(double lambda) {
        if (!(lambda >= 0 && lambda <= MAX_COUNT)) {
            throw new IllegalArgumentException("lambda is out of range: " + lambda + "; expected 0 <= lambda <= 2^50");
        }
        return new Distribution(Family.POISSON, lambda);
    }

    /** The family's name, also its stream tag: "uniform", "normal", "lognorm", ... */
    public String name() {
        return family.tag;
    }

    /** The parameters in the factory's order (Double or Long values). */
    public List<Number> parameters() {
        return parameters;
    }

    /** True for the int64 families (integers, choice, binomial, poisson); false for float64/float32 ones. */
    public boolean isIntegral() {
        return family.integral;
    }

    Family family() {
        return family;
    }

    /** Binds this distribution to the key (seed, family stream). */
    Kernel kernel(long seed) {
        long stream = family.stream;
        switch (family) {
            case UNIFORM:
                return new ContinuousKernels.Uniform(seed, stream, d(0), d(1));
            case NORMAL:
                return new ContinuousKernels.Normal(seed, stream, d(0), d(1));
            case LOGNORMAL:
                return new ContinuousKernels.LogNormal(seed, stream, d(0), d(1));
            case EXPONENTIAL:
                return new ContinuousKernels.Exponential(seed, stream, d(0));
            case GAMMA:
                return new ContinuousKernels.Gamma(seed, stream, d(0), d(1));
            case BETA:
                return new ContinuousKernels.Beta(seed, stream, d(0), d(1));
            case CHISQUARE:
                return new ContinuousKernels.Gamma(seed, stream, d(0) / 2, 2);
            case INTEGERS:
                return new IntegralKernels.Integers(seed, stream, l(0), l(1));
            case CHOICE:
                return new IntegralKernels.Integers(seed, stream, 0, l(0));
            case BINOMIAL: {
                long n = l(0);
                double p = d(1);
                if (n == 0 || p == 0 || p == 1) {
                    return new IntegralKernels.Constant(seed, stream, p == 1 ? n : 0);
                }
                return n * Math.min(p, 1 - p) < IntegralKernels.INVERSION_MAX_MEAN
                        ? new IntegralKernels.BinomialInversion(seed, stream, n, p)
                        : new IntegralKernels.BinomialBtrs(seed, stream, n, p);
            }
            case POISSON: {
                double lambda = d(0);
                if (lambda == 0) {
                    return new IntegralKernels.Constant(seed, stream, 0);
                }
                return lambda < IntegralKernels.INVERSION_MAX_MEAN
                        ? new IntegralKernels.PoissonInversion(seed, stream, lambda)
                        : new IntegralKernels.PoissonPtrs(seed, stream, lambda);
            }
            default:
                throw new AssertionError(family);
        }
    }

    private double d(int i) {
        return parameters.get(i).doubleValue();
    }

    private long l(int i) {
        return parameters.get(i).longValue();
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " is not finite: " + v + "; expected a finite number");
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) { // written so that NaN fails
            throw new IllegalArgumentException(name + " is not positive and finite: " + v
                    + "; expected 0 < " + name + " < Infinity");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Distribution)) {
            return false;
        }
        Distribution other = (Distribution) o;
        return family == other.family && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, parameters);
    }

    /** For example {@code normal(mean=0.0, std=1.0)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(family.tag).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(family.parameterNames.get(i)).append('=').append(parameters.get(i));
        }
        return sb.append(')').toString();
    }
}
