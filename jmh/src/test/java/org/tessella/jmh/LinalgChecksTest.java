package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.jmh.kernel.DenseLinalg;
import org.tessella.ndarray.Chunks;
import org.tessella.random.RandomArrays;

/** The checks pass correct factors and reject each kind of damage a broken run could produce. */
class LinalgChecksTest {
    private static final long M = 90;
    private static final long N = 6;

    private static INDArray input(long m, long n) {
        return Inputs.uniform(m, n, Chunks.auto()).compute();
    }

    /** The check throws an IllegalStateException whose message starts with {@code prefix}. */
    private static void assertFails(String prefix, Runnable check) {
        String message = assertThrows(IllegalStateException.class, check::run).getMessage();
        assertTrue(message.startsWith(prefix), message);
    }

    @Test
    void qrCheckRejectsDamagedFactors() {
        LinalgChecks.Tall ref = LinalgChecks.Tall.of(M, N);
        INDArray a = input(M, N);
        try (DenseLinalg.Qr f = DenseLinalg.qr(a)) {
            assertEquals(Math.abs(f.r().getDouble(0, 0)), LinalgChecks.checkQr(ref, f.q(), f.r()), 0);
            assertFails("r is not upper triangular: r[3, 1] = 0.5; expected 0",
                    () -> LinalgChecks.checkQr(ref, f.q(), damaged(f.r(), r -> r.putScalar(3, 1, 0.5))));
            assertFails("r is off: max |RᵀR - AᵀA|",
                    () -> LinalgChecks.checkQr(ref, f.q(), damaged(f.r(), r -> r.putScalar(1, 4, 0.5))));
            // Q is seen only through the sampled rows; the last row is always one of them
            assertFails("q is off: max |(Q R)[" + (M - 1) + ", :] - A[" + (M - 1) + ", :]|",
                    () -> LinalgChecks.checkQr(ref, damaged(f.q(), q -> q.putScalar(M - 1, 2, 0.0)), f.r()));
            assertFails("q is of the wrong shape: [6, 6]; expected [90, 6]",
                    () -> LinalgChecks.checkQr(ref, f.r(), f.r()));
        } finally {
            a.close();
        }
    }

    @Test
    void svdCheckRejectsDamagedFactors() {
        LinalgChecks.Tall ref = LinalgChecks.Tall.of(M, N);
        INDArray a = input(M, N);
        try (DenseLinalg.Svd f = DenseLinalg.svd(a)) {
            assertEquals(f.s().getDouble(0), LinalgChecks.checkSvd(ref, f.u(), f.s(), f.vt()), 0);
            assertFails("s is not descending: s[3] = 1.0E9",
                    () -> LinalgChecks.checkSvd(ref, f.u(), damaged(f.s(), s -> s.putScalar(3, 1e9)), f.vt()));
            assertFails("s is not finite and non-negative: s[5] = -1.0",
                    () -> LinalgChecks.checkSvd(ref, f.u(), damaged(f.s(), s -> s.putScalar(5, -1)), f.vt()));
            assertFails("vt is off: max deviation from orthonormal",
                    () -> LinalgChecks.checkSvd(ref, f.u(), f.s(), damaged(f.vt(), v -> v.muli(-1).putScalar(0, 0, 2))));
            assertFails("s, vt is off: max |V diag(s)² Vᵀ - AᵀA|",
                    () -> LinalgChecks.checkSvd(ref, f.u(), damaged(f.s(), s -> s.muli(1 + 1e-6)), f.vt()));
            assertFails("u is off: max |(U diag(s) Vᵀ)[45, :]",
                    () -> LinalgChecks.checkSvd(ref, damaged(f.u(), u -> u.putScalar(45, 0, 0.0)), f.s(), f.vt()));
            // Vᵀ with its rows negated is still a valid SVD with U's columns negated; alone it is wrong
            assertFails("u is off",
                    () -> LinalgChecks.checkSvd(ref, f.u(), f.s(), damaged(f.vt(), v -> v.muli(-1))));
        } finally {
            a.close();
        }
    }

    @Test
    void compressedCheckRejectsDamagedFactors() {
        long n = 50;
        int k = 4;
        LinalgChecks.Compressed ref = LinalgChecks.Compressed.of(n, n);
        INDArray a = input(n, n);
        INDArray omega = RandomArrays.seeded(42).standardNormal(new long[] {n, 14}, Chunks.auto()).compute();
        try (DenseLinalg.Svd f = DenseLinalg.randomizedSvd(a, omega, k, 2)) {
            assertEquals(f.s().getDouble(0), LinalgChecks.checkCompressed(ref, k, f.u(), f.s(), f.vt()), 0);
            assertFails("s is not positive: s[3] = 0.0",
                    () -> LinalgChecks.checkCompressed(ref, k, f.u(), damaged(f.s(), s -> s.putScalar(3, 0)), f.vt()));
            assertFails("s is too large: ||s|| = ",
                    () -> LinalgChecks.checkCompressed(ref, k, f.u(), damaged(f.s(), s -> s.muli(1e3)), f.vt()));
            assertFails("s is too small: s[0] = ",
                    () -> LinalgChecks.checkCompressed(ref, k, f.u(), damaged(f.s(), s -> s.muli(1e-3)), f.vt()));
            assertFails("u, s, vt is off: max |(Uᵀ A)[:, 0] - (diag(s) Vᵀ)[:, 0]|",
                    () -> LinalgChecks.checkCompressed(ref, k, f.u(), damaged(f.s(), s -> s.putScalar(1, s.getDouble(1) * 0.99)), f.vt()));
            assertFails("u is off: max deviation from orthonormal",
                    () -> LinalgChecks.checkCompressed(ref, k, damaged(f.u(), u -> u.putScalar(7, 2, 0.0)), f.s(), f.vt()));
            assertFails("vt is off: max deviation from orthonormal",
                    () -> LinalgChecks.checkCompressed(ref, k, f.u(), f.s(), damaged(f.vt(), v -> v.putScalar(1, 9, 0.0))));
            assertFails("u is of the wrong shape: [50, 4]; expected [50, 5]",
                    () -> LinalgChecks.checkCompressed(ref, k + 1, f.u(), f.s(), f.vt()));
        } finally {
            a.close();
            omega.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"2000000, 100000", "1000000, 100000", "20000, 2000", "300, 70"})
    void sampledRowsHitEveryBlockAndBothEnds(long size, long block) {
        long[] index = LinalgChecks.evenlySpaced(size, LinalgChecks.SAMPLED_ROWS);
        assertEquals(0, index[0]);
        assertEquals(size - 1, index[index.length - 1]);
        boolean[] hit = new boolean[Math.toIntExact((size + block - 1) / block)];
        for (long i : index) {
            hit[Math.toIntExact(i / block)] = true;
        }
        for (int b = 0; b < hit.length; b++) {
            assertTrue(hit[b], "block " + b + " of " + size + " / " + block + " not sampled");
        }
    }

    @Test
    void fewerRowsThanSamplesAreAllTaken() {
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, LinalgChecks.evenlySpaced(5, LinalgChecks.SAMPLED_ROWS));
        assertArrayEquals(new long[0], LinalgChecks.evenlySpaced(0, 3));
    }

    /** A damaged copy of {@code a} (C order). */
    private static INDArray damaged(INDArray a, Consumer<INDArray> damage) {
        INDArray copy = a.dup('c');
        damage.accept(copy);
        return copy;
    }
}
