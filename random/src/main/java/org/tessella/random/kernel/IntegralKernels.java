package org.tessella.random.kernel;

/** The integer samplers (int64 output). Parameters arrive validated by {@link Distribution}. */
final class IntegralKernels {

    /** Below this mean (n min(p, 1-p) or lambda), inversion: one flat word, O(mean) work; above, rejection. */
    static final double INVERSION_MAX_MEAN = 10;

    private IntegralKernels() {
    }

    /** Every element the same value (degenerate parameters: binomial with p in {0, 1} or n = 0, Poisson(0)). */
    static final class Constant extends Kernel.Integral {
        private final long value;

        Constant(long seed, long stream, long value) {
            super(seed, stream);
            this.value = value;
        }

        @Override
        void fill(long start, long[] dst, int off, int len) {
            java.util.Arrays.fill(dst, off, off + len, value);
        }
    }

    /**
     * Uniform integers in [low, high) by Lemire's multiply-and-reject ("Fast random integer generation in an
     * interval", ACM TOMACS 2019): {@code low + high64(w * range)}, rejected when the low half falls below
     * {@code 2^64 mod range}. The first word is the element's flat word; a rejection (probability below
     * {@code range / 2^64}) continues in the element's own sub-stream, so results are exactly uniform and still
     * chunk-independent.
     */
    static final class Integers extends Kernel.FlatIntegral {
        private final long low;
        private final long range;     // unsigned, >= 1
        private final long threshold; // 2^64 mod range, unsigned

        Integers(long seed, long stream, long low, long high) {
            super(seed, stream);
            this.low = low;
            this.range = high - low;
            this.threshold = Long.remainderUnsigned(-range, range);
        }

        @Override
        void transform(long[] words, int w, long start, long[] dst, int off, int n) {
            for (int i = 0; i < n; i++) {
                long x = words[w + i];
                long offset = Long.compareUnsigned(x * range, threshold) >= 0
                        ? Units.unsignedMultiplyHigh(x, range)
                        : rejected(start + i);
                dst[off + i] = low + offset;
            }
        }

        private long rejected(long element) {
            ElementStream s = new ElementStream(k0, k1);
            s.reset(element);
            while (true) {
                long x = s.nextLong();
                if (Long.compareUnsigned(x * range, threshold) >= 0) {
                    return Units.unsignedMultiplyHigh(x, range);
                }
            }
        }
    }

    /**
     * Binomial(n, p) for {@code n min(p, 1-p) < 10} by inversion (sequential search from 0 with the recurrence
     * {@code f(k) = f(k-1) ((n+1)/k - 1) p/q}), one flat word per element. For p &gt; 1/2 it returns
     * {@code n - X} with X ~ Binomial(n, 1 - p).
     */
    static final class BinomialInversion extends Kernel.FlatIntegral {
        private final long n;
        private final boolean flip;
        private final double s;
        private final double a;
        private final double f0;

        BinomialInversion(long seed, long stream, long n, double p) {
            super(seed, stream);
            this.n = n;
            this.flip = p > 0.5;
            double pp = flip ? 1 - p : p;
            this.s = pp / (1 - pp);
            this.a = (n + 1) * s;
            this.f0 = StrictMath.exp(n * StrictMath.log1p(-pp));
        }

        @Override
        void transform(long[] words, int w, long start, long[] dst, int off, int count) {
            for (int i = 0; i < count; i++) {
                double u = Units.unit53(words[w + i]);
                double f = f0;
                long k = 0;
                while (u >= f && k < n) {
                    u -= f;
                    k++;
                    f *= a / k - s;
                    if (f <= 0) {
                        break; // underflow: the mass left in u is rounding error
                    }
                }
                dst[off + i] = flip ? n - k : k;
            }
        }
    }

    /**
     * Binomial(n, p) for {@code n min(p, 1-p) >= 10} by Hormann's BTRS ("The generation of binomial random
     * variates", J. Statist. Comput. Simul. 46, 1993): transformed rejection from pairs of uniforms of the
     * element's sub-stream, immediate acceptance in about 80 % of trials, and a final test on
     * {@code log f(k) - log f(m)} computed in Loader's stable form ({@link LogPmf#binomial}).
     */
    static final class BinomialBtrs extends Kernel.ElementIntegral {
        private final long n;
        private final boolean flip;
        private final double p;
        private final double q;
        private final double a;
        private final double b;
        private final double c;
        private final double vr;
        private final double alpha;
        private final double logModePmf;

        BinomialBtrs(long seed, long stream, long n, double prob) {
            super(seed, stream);
            this.n = n;
            this.flip = prob > 0.5;
            this.p = flip ? 1 - prob : prob;
            this.q = 1 - p;
            double spq = Math.sqrt(n * p * q);
            this.b = 1.15 + 2.53 * spq;
            this.a = -0.0873 + 0.0248 * b + 0.01 * p;
            this.c = n * p + 0.5;
            this.vr = 0.92 - 4.2 / b;
            this.alpha = (2.83 + 5.1 / b) * spq;
            long m = (long) Math.floor((n + 1) * p);
            this.logModePmf = LogPmf.binomial(m, n, p, q);
        }

        @Override
        long sample(ElementStream s) {
            while (true) {
                double u = s.nextOpenUnit() - 0.5;
                double v = s.nextOpenUnit();
                double us = 0.5 - Math.abs(u);
                double kd = Math.floor((2 * a / us + b) * u + c);
                if (us >= 0.07 && v <= vr) {
                    return result((long) kd);
                }
                if (kd < 0 || kd > n) {
                    continue;
                }
                long k = (long) kd;
                double lhs = StrictMath.log(v * alpha / (a / (us * us) + b));
                if (lhs <= LogPmf.binomial(k, n, p, q) - logModePmf) {
                    return result(k);
                }
            }
        }

        private long result(long k) {
            return flip ? n - k : k;
        }
    }

    /** Poisson(lambda) for lambda &lt; 10 by inversion (sequential search from 0), one flat word per element. */
    static final class PoissonInversion extends Kernel.FlatIntegral {
        private final double lambda;
        private final double f0;

        PoissonInversion(long seed, long stream, double lambda) {
            super(seed, stream);
            this.lambda = lambda;
            this.f0 = StrictMath.exp(-lambda);
        }

        @Override
        void transform(long[] words, int w, long start, long[] dst, int off, int n) {
            for (int i = 0; i < n; i++) {
                double u = Units.unit53(words[w + i]);
                double f = f0;
                long k = 0;
                while (u >= f) {
                    u -= f;
                    k++;
                    f *= lambda / k;
                    if (f <= 0) {
                        break; // underflow: the mass left in u is rounding error
                    }
                }
                dst[off + i] = k;
            }
        }
    }

    /**
     * Poisson(lambda) for lambda &gt;= 10 by Hormann's PTRS ("The transformed rejection method for generating
     * Poisson random variables", Insurance: Mathematics and Economics 12, 1993) on the element's sub-stream,
     * with the final test in Loader's stable form ({@link LogPmf#poisson}).
     */
    static final class PoissonPtrs extends Kernel.ElementIntegral {
        private final double lambda;
        private final double a;
        private final double b;
        private final double vr;
        private final double logInvAlpha;

        PoissonPtrs(long seed, long stream, double lambda) {
            super(seed, stream);
            this.lambda = lambda;
            this.b = 0.931 + 2.53 * Math.sqrt(lambda);
            this.a = -0.059 + 0.02483 * b;
            this.vr = 0.9277 - 3.6224 / (b - 2);
            this.logInvAlpha = StrictMath.log(1.1239 + 1.1328 / (b - 3.4));
        }

        @Override
        long sample(ElementStream s) {
            while (true) {
                double u = s.nextOpenUnit() - 0.5;
                double v = s.nextOpenUnit();
                double us = 0.5 - Math.abs(u);
                double kd = Math.floor((2 * a / us + b) * u + lambda + 0.43);
                if (us >= 0.07 && v <= vr) {
                    return (long) kd;
                }
                if (kd < 0 || (us < 0.013 && v > us)) {
                    continue;
                }
                long k = (long) kd;
                double lhs = StrictMath.log(v) + logInvAlpha - StrictMath.log(a / (us * us) + b);
                if (lhs <= LogPmf.poisson(k, lambda)) {
                    return k;
                }
            }
        }
    }
}
