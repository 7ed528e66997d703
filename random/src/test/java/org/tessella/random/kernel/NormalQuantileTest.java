package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AS 241 transcription: z = quantile(p) is within 1e-13 max(1, |z|) of the exact quantile, measured through
 * the CDF as {@code dz = (Phi(z) - p) / phi(z)}, over the centre and far into the tails (p down to 1e-300).
 */
class NormalQuantileTest {

    /** Lower-tail probability Phi(z) by Commons Math's erfc (relative accuracy near 1e-15). */
    static double phi(double z) {
        return 0.5 * Erf.erfc(-z / Math.sqrt(2));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-300, 1e-100, 1e-30, 1e-20, 2.7e-17, 1e-12, 1e-8, 3e-5, 1e-3, 0.02, 0.0749, 0.075,
        0.0751, 0.1, 0.25, 0.4, 0.4999999, 0.5})
    void inverseOfTheCdfInTheLowerHalf(double p) {
        assertAccurate(p);
        if (p >= 0.25) { // 1 - p is exact (Sterbenz) only here
            assertEquals(-NormalQuantile.quantile(p), NormalQuantile.quantile(1 - p), 1e-15);
        }
    }

    @Test
    void denseGridMatchesTheCdf() {
        for (int i = 1; i < 40000; i++) {
            assertAccurate(i / 40000.0);
        }
    }

    /** The error in z implied by the CDF: (Phi(z) - p) / phi(z), computed relative to p to keep the tails exact. */
    static void assertAccurate(double p) {
        double z = NormalQuantile.quantile(p);
        double density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        double dz = Math.abs(z) > 1 ? (phi(z) / p - 1) / (density / p) : (phi(z) - p) / density;
        assertEquals(0, dz, 1e-13 * Math.max(1, Math.abs(z)), "p=" + p + ", z=" + z);
    }

    @Test
    void fromWordIsSymmetricMonotoneAndReachesNineSigma() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            long w = random.nextLong();
            assertEquals(-NormalQuantile.fromWord(w), NormalQuantile.fromWord(w ^ Long.MIN_VALUE), 0.0);
            long m = w & Long.MAX_VALUE;
            if (m > 0) { // a smaller magnitude word is a smaller tail probability: a larger |z| (to rounding)
                double z = Math.abs(NormalQuantile.fromWord(m));
                assertTrue(Math.abs(NormalQuantile.fromWord(m - 1)) >= z - 4 * Math.ulp(z), "m=" + m);
            }
        }
        assertEquals(9.1, NormalQuantile.fromWord(0), 0.1); // tail probability 2^-65
        assertEquals(0.0, NormalQuantile.fromWord(Long.MAX_VALUE), 1e-15); // tail probability 1/2
        // the word's tail probability is r = m 2^-64 + 2^-65: Phi(-|z|) = r
        long m = 12345678901L;
        double r = m * 0x1.0p-64 + 0x1.0p-65;
        assertEquals(r, phi(-NormalQuantile.fromWord(m)), 1e-12 * r);
    }

    @Test
    void rejectsProbabilitiesOutsideTheOpenInterval() {
        for (double p : new double[] {0, 1, -0.5, 2, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NormalQuantile.quantile(p));
            assertTrue(e.getMessage().startsWith("p is outside (0, 1): "), e.getMessage());
        }
    }
}
