package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.BitSet;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * permutation(n): a bijection of [0, n) for every n, chunk-independent, and uniform-looking across seeds.
 * Chi-square tests fail below p = 1e-6 (false-failure rate 1e-6 each, 4 such tests).
 */
class PermutationTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 7, 16, 17, 1000, 1024, 1025, 65537, 300_001})
    void isABijectionOfZeroToN(long n) {
        Permutation p = Permutation.of(9, n);
        long[] all = new long[(int) n];
        p.fill(0, all, 0, (int) n);
        BitSet seen = new BitSet((int) n);
        for (long v : all) {
            assertTrue(v >= 0 && v < n, () -> "value " + v);
            assertFalse(seen.get((int) v), () -> "duplicate " + v);
            seen.set((int) v);
        }
        assertEquals(n, seen.cardinality());
        if (n > 16) {
            long fixed = java.util.stream.IntStream.range(0, (int) n).filter(i -> all[i] == i).count();
            assertTrue(fixed < 12, "a random permutation has about one fixed point, got " + fixed);
        }
    }

    @Test
    void blocksOfAnyChunkingEqualTheWhole() {
        long n = 10_007;
        Permutation p = Permutation.of(42, n);
        long[] whole = new long[(int) n];
        p.fill(0, whole, 0, (int) n);
        for (int chunk : new int[] {1, 7, 1000, 4096, 10_007}) {
            long[] assembled = new long[(int) n];
            for (long start = 0; start < n; start += chunk) {
                int len = (int) Math.min(chunk, n - start);
                LongBuffer buf = LongBuffer.allocate(len);
                p.fill(start, buf, len);
                buf.get(0, assembled, (int) start, len);
            }
            assertArrayEquals(whole, assembled, "chunk " + chunk);
        }
        for (int i = 0; i < n; i += 997) {
            assertEquals(whole[i], p.apply(i));
        }
    }

    @Test
    void differentSeedsAndLengthsAreUnrelated() {
        long[] a = new long[100];
        long[] b = new long[100];
        Permutation.of(1, 100).fill(0, a, 0, 100);
        Permutation.of(2, 100).fill(0, b, 0, 100);
        assertFalse(Arrays.equals(a, b));
        long[] c = new long[100];
        Permutation.of(1, 101).fill(0, c, 0, 100);
        assertFalse(Arrays.equals(a, c));
    }

    /** Across 60,000 seeds, the value at a position is uniform over [0, n). */
    @ParameterizedTest
    @ValueSource(longs = {3, 10, 1000})
    void valueAtAPositionIsUniformAcrossSeeds(long n) {
        int seeds = 60_000;
        long position = n / 2;
        int bins = (int) Math.min(n, 50);
        long[] observed = new long[bins];
        for (int s = 0; s < seeds; s++) {
            observed[(int) (Permutation.of(s, n).apply(position) * bins / n)]++;
        }
        double[] expected = new double[bins];
        for (int v = 0; v < n; v++) {
            expected[(int) ((long) v * bins / n)] += (double) seeds / n;
        }
        double pValue = new ChiSquareTest().chiSquareTest(expected, observed);
        assertTrue(pValue >= 1e-6, "p-value " + pValue);
    }

    /** Across 60,000 seeds, the pair of values at two positions is uniform over the 20 ordered pairs of 5. */
    @Test
    void pairsOfPositionsAreUniformAcrossSeeds() {
        int n = 5;
        long[] observed = new long[n * n];
        int seeds = 60_000;
        for (int s = 0; s < seeds; s++) {
            Permutation p = Permutation.of(s, n);
            observed[(int) (p.apply(0) * n + p.apply(3))]++;
        }
        long[] offDiagonal = new long[n * (n - 1)];
        double[] expected = new double[n * (n - 1)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    assertEquals(0, observed[i * n + j]);
                } else {
                    offDiagonal[k] = observed[i * n + j];
                    expected[k++] = (double) seeds / (n * (n - 1));
                }
            }
        }
        double pValue = new ChiSquareTest().chiSquareTest(expected, offDiagonal);
        assertTrue(pValue >= 1e-6, "p-value " + pValue);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Permutation.of(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Permutation.of(1, (1L << 62) + 1));
        Permutation p = Permutation.of(1, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.apply(10));
        assertEquals("i is out of range: 10; expected 0 <= i < 10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.fill(8, new long[5], 0, 3));
    }

    @Test
    void largeLengthsWork() {
        Permutation p = Permutation.of(3, Permutation.MAX_LENGTH);
        long[] v = new long[1000];
        p.fill(Permutation.MAX_LENGTH - 1000, v, 0, 1000);
        for (long x : v) {
            assertTrue(x >= 0 && x < Permutation.MAX_LENGTH);
        }
        assertEquals(1000, Arrays.stream(v).distinct().count());
    }
}
