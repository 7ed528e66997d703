package org.tessella.random.kernel;

/** The continuous samplers. Parameters arrive validated by {@link Distribution}. */
final class ContinuousKernels {

    private ContinuousKernels() {
    }

    /**
     * {@code low + (high - low) u}, u from 53 bits; kept below {@code high} in float64 and float32. Rounding can
     * reach {@code high} only for some (low, high); since the formula is monotone in u, evaluating it at the
     * largest u tells at construction whether a clamp is needed at all. The clamp is a separate loop so that
     * the main loop stays branch-free and vectorized (a per-element ternary measured 4-6x slower here).
     */
    static final class Uniform extends Kernel.FlatContinuous {
        private static final double MAX_UNIT = 1 - 0x1.0p-53;
        private final double low;
        private final double high;
        private final double width;
        private final boolean clamp;        // float64 values can round up to high
        private final float floatTop;       // the smallest float32 >= high
        private final boolean clampFloat;   // float32 values can round up to floatTop

        Uniform(long seed, long stream, double low, double high) {
            super(seed, stream);
            this.low = low;
            this.high = high;
            this.width = high - low;
            double largest = low + width * MAX_UNIT;
            this.clamp = !(largest < high);
            float top = (float) high;
            this.floatTop = top < high ? Math.nextUp(top) : top;
            this.clampFloat = (float) Math.min(largest, Math.nextDown(high)) >= floatTop;
        }

        @Override
        void transform(long[] words, int w, long start, double[] dst, int off, int n) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = low + width * Units.unit53(words[w + i]);
            }
            if (clamp) {
                double below = Math.nextDown(high);
                for (int i = off; i < off + n; i++) {
                    if (dst[i] >= high) {
                        dst[i] = below;
                    }
                }
            }
        }

        @Override
        void narrow(double[] src, float[] dst, int off, int n) {
            super.narrow(src, dst, off, n);
            if (clampFloat) {
                float below = Math.nextDown(floatTop); // the largest float32 below high
                for (int i = off; i < off + n; i++) {
                    if (dst[i] >= floatTop) {
                        dst[i] = below;
                    }
                }
            }
        }
    }

    /**
     * The ziggurat over a run: the element's flat word, and in 1.5 % of elements its sub-stream. Shared by
     * normal ({@code mean + std z}) and lognormal ({@code exp(mean + sigma z)}).
     */
    static void standardNormals(Kernel k, long[] words, int w, long start, double[] dst, int off, int n) {
        ElementStream s = null;
        for (int i = 0; i < n; i++) {
            long word = words[w + i];
            double z = NormalZiggurat.fast(word);
            if (z != z) { // NaN: the slow path, rare
                if (s == null) {
                    s = new ElementStream(k.k0, k.k1);
                }
                s.reset(start + i);
                z = NormalZiggurat.slow(word, s);
            }
            dst[off + i] = z;
        }
    }

    /** {@code mean + std z}, z by the ziggurat. */
    static final class Normal extends Kernel.FlatContinuous {
        private final double mean;
        private final double std;

        Normal(long seed, long stream, double mean, double std) {
            super(seed, stream);
            this.mean = mean;
            this.std = std;
        }

        @Override
        void transform(long[] words, int w, long start, double[] dst, int off, int n) {
            standardNormals(this, words, w, start, dst, off, n);
            for (int i = 0; i < n; i++) {
                dst[off + i] = mean + std * dst[off + i];
            }
        }
    }

    /** {@code exp(mean + sigma z)}. */
    static final class LogNormal extends Kernel.FlatContinuous {
        private final double mean;
        private final double sigma;

        LogNormal(long seed, long stream, double mean, double sigma) {
            super(seed, stream);
            this.mean = mean;
            this.sigma = sigma;
        }

        @Override
        void transform(long[] words, int w, long start, double[] dst, int off, int n) {
            standardNormals(this, words, w, start, dst, off, n);
            for (int i = 0; i < n; i++) {
                dst[off + i] = StrictMath.exp(mean + sigma * dst[off + i]);
            }
        }
    }

    /** {@code -scale log(u)}, u in (0, 1] from 53 bits (largest value 36.7 scale). */
    static final class Exponential extends Kernel.FlatContinuous {
        private final double scale;

        Exponential(long seed, long stream, double scale) {
            super(seed, stream);
            this.scale = scale;
        }

        @Override
        void transform(long[] words, int w, long start, double[] dst, int off, int n) {
            for (int i = 0; i < n; i++) {
                dst[off + i] = scale * (0.0 - StrictMath.log(Units.positiveUnit(words[w + i]))); // 0.0 - 0.0 avoids -0.0
            }
        }
    }

    /**
     * Standard gamma by Marsaglia and Tsang ("A simple method for generating gamma variables", ACM TOMS 26, 2000):
     * for shape a &gt;= 1, {@code d = a - 1/3}, {@code c = 1/sqrt(9d)}, propose {@code d (1 + c x)^3} with x normal,
     * accept with the squeeze {@code u < 1 - 0.0331 x^4} or the log test; acceptance is above 95 % for all a.
     * For a &lt; 1 the draw for a + 1 is multiplied by {@code u^(1/a)}.
     */
    static final class StandardGamma {
        private final double d;
        private final double c;
        private final double invShape;
        private final boolean boost;

        StandardGamma(double shape) {
            boost = shape < 1;
            double a = boost ? shape + 1 : shape;
            d = a - 1.0 / 3;
            c = 1 / Math.sqrt(9 * d);
            invShape = 1 / shape;
        }

        double sample(ElementStream s) {
            double g;
            while (true) {
                double x;
                double v;
                do {
                    x = s.nextNormal();
                    v = 1 + c * x;
                } while (v <= 0);
                v = v * v * v;
                double u = s.nextOpenUnit();
                double x2 = x * x;
                if (u < 1 - 0.0331 * x2 * x2
                        || StrictMath.log(u) < 0.5 * x2 + d * (1 - v + StrictMath.log(v))) {
                    g = d * v;
                    break;
                }
            }
            if (boost) {
                g *= StrictMath.exp(StrictMath.log(s.nextOpenUnit()) * invShape);
            }
            return g;
        }
    }

    /** {@code scale * StandardGamma(shape)}; also chi-square ({@code 2 * StandardGamma(df / 2)}). */
    static final class Gamma extends Kernel.ElementContinuous {
        private final StandardGamma gamma;
        private final double scale;

        Gamma(long seed, long stream, double shape, double scale) {
            super(seed, stream);
            this.gamma = new StandardGamma(shape);
            this.scale = scale;
        }

        @Override
        double sample(ElementStream s) {
            return scale * gamma.sample(s);
        }
    }

    /**
     * Beta(a, b). If both a and b are at most 1, Johnk's method (accept {@code X = u^(1/a), Y = v^(1/b)} when
     * {@code X + Y <= 1}, return {@code X / (X + Y)}, in logarithms when both underflow); otherwise
     * {@code X / (X + Y)} with X, Y standard gammas of shapes a and b, drawn in turn from the element's sub-stream.
     */
    static final class Beta extends Kernel.ElementContinuous {
        private final double a;
        private final double b;
        private final boolean johnk;
        private final StandardGamma ga;
        private final StandardGamma gb;

        Beta(long seed, long stream, double a, double b) {
            super(seed, stream);
            this.a = a;
            this.b = b;
            this.johnk = a <= 1 && b <= 1;
            this.ga = johnk ? null : new StandardGamma(a);
            this.gb = johnk ? null : new StandardGamma(b);
        }

        @Override
        double sample(ElementStream s) {
            if (!johnk) {
                double x = ga.sample(s);
                double y = gb.sample(s);
                return x / (x + y);
            }
            while (true) {
                double u = s.nextOpenUnit();
                double v = s.nextOpenUnit();
                double x = StrictMath.pow(u, 1 / a);
                double y = StrictMath.pow(v, 1 / b);
                double sum = x + y;
                if (sum <= 1) {
                    if (sum > 0) {
                        return x / sum;
                    }
                    double lx = StrictMath.log(u) / a;
                    double ly = StrictMath.log(v) / b;
                    double lm = Math.max(lx, ly);
                    lx -= lm;
                    ly -= lm;
                    return StrictMath.exp(lx - StrictMath.log(StrictMath.exp(lx) + StrictMath.exp(ly)));
                }
            }
        }
    }
}
