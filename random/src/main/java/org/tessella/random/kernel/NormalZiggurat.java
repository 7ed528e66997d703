package org.tessella.random.kernel;

/**
 * Standard normal draws by Marsaglia and Tsang's ziggurat ("The ziggurat method for generating random
 * variables", J. Stat. Software 5, 2000) with 256 layers of equal area V under {@code exp(-x^2/2)}.
 *
 * <p>One 64-bit word feeds the fast path: its low 8 bits pick the layer i, its top 53 bits a symmetric
 * uniform {@code u = ((w >> 11) + 1/2) 2^-52} in (-1, 1); {@code z = u X[i]} is returned at once when
 * {@code |z| < X[i+1]}, which happens for 98.5 % of words. Otherwise (the wedge of a layer, or the tail beyond
 * {@link #R} from the base layer) the draw continues with further words of an {@link ElementStream}: for flat
 * layouts the element's own sub-stream, so the value still depends only on (key, element index). The wedge test
 * and the tail (Marsaglia's 1964 method) use {@link StrictMath}, so results are bit-identical across JVMs.
 *
 * <p>Measured against inversion by Wichura's AS 241 (one word, a rational function, a log in 15 % of draws):
 * the fast path is about 10x cheaper per value here, so inversion was dropped (see docs/design-notes.md).
 */
final class NormalZiggurat {

    /** Start of the tail: the base layer's right edge for 256 layers. */
    static final double R = 3.6541528853610088;

    /**
     * Area of each layer, {@code R exp(-R^2/2) + sqrt(pi/2) erfc(R/sqrt(2))}, computed with Commons Math's erfc;
     * with it the recursion below closes the top layer at x = 0 to 4e-16 ({@code NormalZigguratTest}).
     */
    static final double V = 0.004928673233974657;

    /** Layer widths: X[0] = V / f(R) (base layer with the tail folded in), X[1] = R, ..., X[256] = 0. */
    private static final double[] X = new double[257];

    /** F[i] = exp(-X[i]^2 / 2) for i &gt;= 1; F[256] = 1. */
    private static final double[] F = new double[257];

    static {
        F[1] = StrictMath.exp(-0.5 * R * R);
        X[0] = V / F[1];
        X[1] = R;
        for (int i = 1; i < 255; i++) {
            X[i + 1] = Math.sqrt(-2 * StrictMath.log(V / X[i] + F[i]));
            F[i + 1] = StrictMath.exp(-0.5 * X[i + 1] * X[i + 1]);
        }
        X[256] = 0;
        F[256] = 1;
    }

    private NormalZiggurat() {
    }

    /** The fast path: the value of word {@code w}, or NaN when the draw needs {@link #slow}. */
    static double fast(long w) {
        int i = (int) w & 0xff;
        double z = ((w >> 11) + 0.5) * 0x1.0p-52 * X[i];
        return Math.abs(z) < X[i + 1] ? z : Double.NaN;
    }

    /** Completes a draw whose first word {@code w} left the fast path, taking further words from {@code s}. */
    static double slow(long w, ElementStream s) {
        while (true) {
            int i = (int) w & 0xff;
            double u = ((w >> 11) + 0.5) * 0x1.0p-52;
            double z = u * X[i];
            if (Math.abs(z) < X[i + 1]) {
                return z; // a later word took the fast path
            }
            if (i == 0) {
                return u < 0 ? -tail(s) : tail(s);
            }
            double y = F[i] + s.nextOpenUnit() * (F[i + 1] - F[i]);
            if (y < StrictMath.exp(-0.5 * z * z)) {
                return z;
            }
            w = s.nextLong();
        }
    }

    /** A draw taking all its words from {@code s}. */
    static double sample(ElementStream s) {
        long w = s.nextLong();
        double z = fast(w);
        return z == z ? z : slow(w, s); // z != z: NaN, the slow path
    }

    /** The normal tail beyond R, {@code R + x} with density proportional to exp(-(R + x)^2 / 2). */
    static double tail(ElementStream s) {
        while (true) {
            double x = -StrictMath.log(s.nextOpenUnit()) / R;
            double y = -StrictMath.log(s.nextOpenUnit());
            if (2 * y >= x * x) {
                return R + x;
            }
        }
    }

    /** Layer width X[i], for tests. */
    static double width(int i) {
        return X[i];
    }
}
