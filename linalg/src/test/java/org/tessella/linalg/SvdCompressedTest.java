package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;

/** Randomized SVD on known spectra: fast decay (leading values to 1e-8) and slow decay (the error bound). */
class SvdCompressedTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(400, 120, new long[] {400, 120}),
                Arguments.of(400, 120, new long[] {33, 120}),
                Arguments.of(400, 120, new long[] {45, 50}),
                Arguments.of(120, 400, new long[] {50, 45}));
    }

    @ParameterizedTest(name = "{0}x{1} chunks {2}")
    @MethodSource("cases")
    void fastDecayFindsTheLeadingSingularValuesAndTheErrorBoundsTheTrueError(int m, int n, long[] chunks) {
        double[] s = Mats.geometric(Math.min(m, n), 0.5);
        INDArray a = Mats.withSpectrum(m, n, s, 21);
        int k = 10;
        Linalg.CompressedSVD f = Linalg.svdCompressed(Mats.chunked(a, chunks), k);
        List<INDArray> r = ChunkedArray.compute(f.u(), f.s(), f.vt(), f.error());
        INDArray sv = r.get(1);
        for (int i = 0; i < k; i++) {
            assertEquals(s[i], sv.getDouble(i), 1e-8 * s[i], "singular value " + i);
        }
        assertTrue(Mats.orthogonality(r.get(0)) <= 1e-12);
        double trueError = spectralError(a, r.get(0), sv, r.get(2));
        double estimate = r.get(3).getDouble();
        assertTrue(estimate >= trueError, () -> "estimate " + estimate + " < true spectral error " + trueError);
        assertTrue(trueError <= 2 * s[k], () -> "true error " + trueError + " vs s[k] " + s[k]);
    }

    @Test
    void slowDecayErrorEstimateStillBoundsTheTrueError() {
        double[] s = new double[80];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1.0 / (i + 1);
        }
        INDArray a = Mats.withSpectrum(300, 80, s, 22);
        Linalg.CompressedSVD f = Linalg.svdCompressed(Mats.chunked(a, 41, 30), 5,
                SvdCompressedOptions.defaults().withIterations(1).withOversampling(5).withSeed(7));
        List<INDArray> r = ChunkedArray.compute(f.u(), f.s(), f.vt(), f.error());
        double trueError = spectralError(a, r.get(0), r.get(1), r.get(2));
        assertTrue(r.get(3).getDouble() >= trueError);
        for (int i = 0; i < 5; i++) {
            assertTrue(r.get(1).getDouble(i) <= s[i] * (1 + 1e-12), "randomized values never exceed the true ones");
            assertEquals(s[i], r.get(1).getDouble(i), 0.05 * s[i]);
        }
    }

    @Test
    void float32StaysFloat32AndTheTestMatrixDoesNotDependOnTheChunking() {
        INDArray a = Mats.withSpectrum(200, 60, Mats.geometric(60, 0.5), 23);
        Linalg.CompressedSVD f32 = Linalg.svdCompressed(Mats.chunked(a.castTo(DataType.FLOAT), 50, 60), 5);
        assertEquals(DType.FLOAT32, f32.u().dtype());
        assertEquals(DataType.FLOAT, f32.s().compute().dataType());
        INDArray one = Linalg.svdCompressed(Mats.chunked(a, 200, 60), 5).u().compute();
        INDArray many = Linalg.svdCompressed(Mats.chunked(a, 23, 17), 5).u().compute();
        assertTrue(Mats.relErr(many, one) <= 1e-10);
    }

    @Test
    void kMustBeWithinTheMatrix() {
        ChunkedArray x = Mats.chunked(Mats.gaussian(30, 10, 1), 10, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Linalg.svdCompressed(x, 0));
        assertTrue(e.getMessage().startsWith("k is out of range: 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linalg.svdCompressed(x, 11));
    }

    /** Largest singular value of A - U diag(s) Vᵀ, dense. */
    static double spectralError(INDArray a, INDArray u, INDArray s, INDArray vt) {
        INDArray resid = a.sub(u.mulRowVector(s).mmul(vt));
        return Kernels.singularValues(resid).getDouble(0);
    }
}
