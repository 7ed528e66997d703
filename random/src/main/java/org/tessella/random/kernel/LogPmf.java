package org.tessella.random.kernel;

/**
 * Logarithms of the Poisson and binomial probability mass functions, written in the saddle-point form of
 * C. Loader ("Fast and accurate computation of binomial probabilities", 2000): {@code -bd0(...) - stirlerr(...)}
 * terms that stay small near the mode, instead of {@code k log(lambda) - lambda - log(k!)}, whose terms are of
 * order {@code lambda log(lambda)} and cancel catastrophically for large means. Only used in the rare final
 * acceptance tests of the rejection samplers. All functions use {@link StrictMath}, so they are deterministic.
 */
final class LogPmf {

    static final double LOG_2PI = StrictMath.log(2 * Math.PI);
    static final double HALF_LOG_2PI = 0.5 * LOG_2PI;

    /** stirlerr(n) for n in [0, 16), from log(n!) summed directly (exact enough: values are below 0.09). */
    private static final double[] STIRLERR = new double[16];

    static {
        double logFactorial = 0;
        STIRLERR[0] = Double.NaN; // undefined (log 0); never used: callers handle k = 0 separately
        for (int n = 1; n < STIRLERR.length; n++) {
            logFactorial += StrictMath.log(n);
            STIRLERR[n] = logFactorial - ((n + 0.5) * StrictMath.log(n) - n + HALF_LOG_2PI);
        }
    }

    private LogPmf() {
    }

    /**
     * Stirling's error {@code log(n!) - ((n + 1/2) log(n) - n + log(2 pi)/2)} for an integer {@code n >= 1}
     * (table below 16, else the asymptotic series to {@code n^-9}, accurate to better than 1e-16 there).
     */
    static double stirlerr(long n) {
        if (n < STIRLERR.length) {
            return STIRLERR[(int) n];
        }
        double x = n;
        double inv2 = 1 / (x * x);
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - inv2 / 1188) * inv2) * inv2) * inv2) / x;
    }

    /**
     * BTRD's correction {@code fc(k) = log(k!) - ((k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2)}, which equals
     * {@code stirlerr(k + 1)}.
     */
    static double fc(long k) {
        return stirlerr(k + 1);
    }

    /** Loader's deviance term {@code x log(x / m) + m - x >= 0}, by a series when x is close to m. */
    static double bd0(double x, double m) {
        if (Math.abs(x - m) < 0.1 * (x + m)) {
            double v = (x - m) / (x + m);
            double s = (x - m) * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                double s1 = s + ej / (2 * j + 1);
                if (s1 == s) {
                    return s1;
                }
                s = s1;
            }
            return s;
        }
        return x * StrictMath.log(x / m) + m - x;
    }

    /** log P(K = k) for K ~ Poisson(lambda), lambda > 0, k >= 0. */
    static double poisson(long k, double lambda) {
        if (k == 0) {
            return -lambda;
        }
        return -stirlerr(k) - bd0(k, lambda) - 0.5 * (LOG_2PI + StrictMath.log(k));
    }

    /** log P(K = k) for K ~ Binomial(n, p), 0 &lt; p &lt; 1, q = 1 - p, 0 &lt;= k &lt;= n. */
    static double binomial(long k, long n, double p, double q) {
        if (k == 0) {
            return n * StrictMath.log1p(-p);
        }
        if (k == n) {
            return n * StrictMath.log(p);
        }
        double lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
        // log sqrt(n / (2 pi k (n - k))) = -(log(2 pi) + log(k) + log(1 - k/n)) / 2
        return lc - 0.5 * (LOG_2PI + StrictMath.log(k) + StrictMath.log1p(-(double) k / n));
    }
}
