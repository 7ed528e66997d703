package org.tessella.random.kernel;

/**
 * Standard normal draws by inversion: exactly one 64-bit word per value, so normals need no rejection and keep
 * the flat one-word-per-element layout (no Box-Muller pairs straddling elements, no ziggurat fallbacks).
 *
 * <p>The quantile function is Wichura's AS 241 ({@code PPND16}, Applied Statistics 37 (1988) 477-484), rational
 * approximations accurate to about 1e-16 relative; the coefficients are the published ones. The central region
 * (85 % of draws) costs one division and no transcendental function; the tails take one {@link StrictMath#log}
 * and one square root.
 *
 * <p>The word is split into a sign (bit 63) and a 63-bit tail probability {@code r = m 2^-64 + 2^-65} in
 * {@code (0, 1/2]}, so the result is exactly symmetric and the tails reach about 9.2 standard deviations
 * (a 53-bit uniform fed to the quantile would stop at 8.3). {@link StrictMath} keeps results bit-identical
 * across JVMs and CPUs, which {@link Math#log} does not promise.
 */
final class NormalQuantile {

    private NormalQuantile() {
    }

    /** A standard normal value from one word. */
    static double fromWord(long w) {
        double r = (w & Long.MAX_VALUE) * 0x1.0p-64 + 0x1.0p-65;
        double z = r > 0.075 ? central(0.5 - r) : tail(r);
        return w < 0 ? -z : z;
    }

    /** The quantile of {@code p} in (0, 1), for tests and for callers holding a probability. */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p is outside (0, 1): " + p + "; expected 0 < p < 1");
        }
        double q = p - 0.5;
        if (Math.abs(q) < 0.425) {
            return central(q);
        }
        double z = tail(Math.min(p, 1 - p));
        return q < 0 ? -z : z;
    }

    /** AS 241 for |q| &lt; 0.425, {@code q = p - 1/2}. */
    private static double central(double q) {
        double r = 0.180625 - q * q;
        return q * (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r
                + 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r
                + 1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r
                + 1.3314166789178437745e+2) * r + 3.3871328727963666080e+0)
                / (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r
                + 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r
                + 5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r
                + 4.2313330701600911252e+1) * r + 1.0);
    }

    /** AS 241 upper quantile {@code -z(r) > 0} for a tail probability {@code r <= 0.075}. */
    private static double tail(double p) {
        double r = Math.sqrt(-StrictMath.log(p));
        if (r <= 5.0) {
            r -= 1.6;
            return (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r
                    + 3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r
                    + 4.63033784615654529590e+0) * r + 1.42343711074968357734e+0)
                    / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r
                    + 2.05319162663775882187e+0) * r + 1.0);
        }
        r -= 5.0;
        return (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r
                + 5.46378491116411436990e+0) * r + 6.65790464350110377720e+0)
                / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0);
    }
}
