package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The ziggurat's tables and its rare paths. The whole sampler is tested against the normal distribution in
 * {@link DistributionStatisticsTest}; the tail is too rare there (0.026 % of draws) to be checked, so it is
 * tested alone here. KS tests fail below p = 1e-6.
 */
class NormalZigguratTest {

    @Test
    void layerAreaMatchesRAndTheTopLayerCloses() {
        double r = NormalZiggurat.R;
        double v = r * Math.exp(-0.5 * r * r) + Math.sqrt(Math.PI / 2) * Erf.erfc(r / Math.sqrt(2));
        assertEquals(v, NormalZiggurat.V, 1e-17);
        double x255 = NormalZiggurat.width(255);
        double topArea = x255 * (1 - Math.exp(-0.5 * x255 * x255));
        assertEquals(NormalZiggurat.V, topArea, 1e-13 * NormalZiggurat.V, "the top layer has area V");
        assertEquals(NormalZiggurat.V / Math.exp(-0.5 * r * r), NormalZiggurat.width(0), 0.0);
        for (int i = 0; i < 256; i++) {
            assertTrue(NormalZiggurat.width(i) > NormalZiggurat.width(i + 1), "widths decrease at " + i);
        }
        assertEquals(0.0, NormalZiggurat.width(256));
    }

    @Test
    void fastPathTakesAbout98PercentOfWordsAndIsSymmetric() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int slow = 0;
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            long w = random.nextLong();
            double z = NormalZiggurat.fast(w);
            if (z != z) {
                slow++;
            } else {
                // flipping the top 53 bits mirrors u = ((w >> 11) + 1/2) 2^-52 around 0: the value's mirror image
                assertEquals(-z, NormalZiggurat.fast(w ^ 0xFFFFFFFFFFFFF800L), 0.0);
            }
        }
        double fraction = (double) slow / n;
        assertTrue(fraction > 0.012 && fraction < 0.018, "slow fraction " + fraction);
    }

    @Test
    void tailFollowsTheConditionalNormalBeyondR() {
        ElementStream s = new ElementStream(7, 8);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            s.reset(i);
            x[i] = NormalZiggurat.tail(s);
            assertTrue(x[i] >= NormalZiggurat.R);
        }
        NormalDistribution normal = new NormalDistribution(0, 1);
        double beyond = normal.cumulativeProbability(-NormalZiggurat.R);
        org.apache.commons.math3.distribution.AbstractRealDistribution conditional =
                new org.apache.commons.math3.distribution.AbstractRealDistribution(null) {
                    @Override
                    public double cumulativeProbability(double t) {
                        return t <= NormalZiggurat.R ? 0 : 1 - normal.cumulativeProbability(-t) / beyond;
                    }

                    @Override
                    public double density(double t) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public double getNumericalMean() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public double getNumericalVariance() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public double getSupportLowerBound() {
                        return NormalZiggurat.R;
                    }

                    @Override
                    public double getSupportUpperBound() {
                        return Double.POSITIVE_INFINITY;
                    }

                    @Override
                    public boolean isSupportLowerBoundInclusive() {
                        return true;
                    }

                    @Override
                    public boolean isSupportUpperBoundInclusive() {
                        return false;
                    }

                    @Override
                    public boolean isSupportConnected() {
                        return true;
                    }
                };
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(conditional, x);
        assertTrue(p >= 1e-6, "tail KS p-value " + p);
    }

    /** The slow path alone (wedges and tail, as reached from rejected first words) is normal in its region. */
    @Test
    void slowPathDrawsAreNormalRestrictedToTheirRegion() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        ElementStream s = new ElementStream(1, 2);
        int n = 0;
        double sum = 0;
        double squares = 0;
        for (int i = 0; n < 200_000; i++) {
            long w = random.nextLong();
            if (NormalZiggurat.fast(w) == NormalZiggurat.fast(w)) {
                continue;
            }
            s.reset(i);
            double z = NormalZiggurat.slow(w, s);
            assertTrue(Double.isFinite(z));
            sum += z;
            squares += z * z;
            n++;
        }
        assertEquals(0, sum / n, 6 * Math.sqrt(squares / n / n), "slow-path draws are symmetric");
    }
}
