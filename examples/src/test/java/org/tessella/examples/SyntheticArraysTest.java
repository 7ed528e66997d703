package org.tessella.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.examples.kernel.UniformFill;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

class SyntheticArraysTest {
    static Stream<Arguments> shapesAndChunks() {
        return Stream.of(
                Arguments.of(new long[] {10, 13}, new long[] {4, 5}),
                Arguments.of(new long[] {10, 13}, new long[] {10, 13}),
                Arguments.of(new long[] {10, 13}, new long[] {1, 1}),
                Arguments.of(new long[] {7}, new long[] {3}),
                Arguments.of(new long[] {3, 5, 7}, new long[] {2, 2, 3}),
                Arguments.of(new long[] {0, 5}, new long[] {2, 2}),
                Arguments.of(new long[] {5, 0}, new long[] {2, 2}));
    }

    @ParameterizedTest
    @MethodSource("shapesAndChunks")
    void everyChunkingEqualsTheDenseArrayExactly(long[] shape, long[] chunk) {
        INDArray dense = SyntheticArrays.uniformDense(7, shape);
        ChunkedArray x = SyntheticArrays.uniform(7, shape, Chunks.of(chunk));
        INDArray computed = x.compute();
        assertArrayEquals(shape, computed.shape());
        assertEquals(DType.FLOAT64, x.dtype());
        assertTrue(computed.equalsWithEps(dense, 0), "chunked " + x + " differs from dense");
    }

    @Test
    void valuesAreUniformInTheUnitInterval() {
        INDArray d = SyntheticArrays.uniformDense(1, 200, 500);
        double min = d.minNumber().doubleValue();
        double max = d.maxNumber().doubleValue();
        double mean = d.meanNumber().doubleValue();
        assertTrue(min >= 0 && max < 1, "range [" + min + ", " + max + "]");
        // 10^5 uniforms: the mean's standard error is 0.29 / sqrt(10^5) ~ 0.0009; 5 sigma.
        assertEquals(0.5, mean, 0.0046);
    }

    @Test
    void seedAndIndexDetermineTheValue() {
        INDArray d = SyntheticArrays.uniformDense(3, 4, 6);
        assertEquals(UniformFill.value(3, 2 * 6 + 5), d.getDouble(2, 5), 0);
        assertNotEquals(UniformFill.value(3, 0), UniformFill.value(4, 0));
        assertNotEquals(UniformFill.value(3, 0), UniformFill.value(3, 1));
    }

    @Test
    void sameSeedAndShapeGiveTheSameName() {
        Chunks c = Chunks.of(2, 2);
        assertEquals(SyntheticArrays.uniform(5, new long[] {4, 4}, c).name(),
                SyntheticArrays.uniform(5, new long[] {4, 4}, c).name());
        assertNotEquals(SyntheticArrays.uniform(5, new long[] {4, 4}, c).name(),
                SyntheticArrays.uniform(6, new long[] {4, 4}, c).name());
    }

    @Test
    void negativeShapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticArrays.uniform(1, new long[] {-1, 2}, Chunks.of(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> SyntheticArrays.uniform(1, null, Chunks.of(1, 1)));
    }
}
