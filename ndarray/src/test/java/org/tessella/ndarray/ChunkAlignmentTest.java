package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The chunk unification Blockwise and Products share. */
class ChunkAlignmentTest {
    static Stream<Arguments> refinements() {
        return Stream.of(
                Arguments.of(13L, List.of(new long[] {5, 5, 3}, new long[] {4, 4, 4, 1}), new long[] {4, 1, 3, 2, 2, 1}),
                Arguments.of(12L, List.of(new long[] {3, 3, 3, 3}, new long[] {4, 4, 4}), new long[] {3, 1, 2, 2, 1, 3}),
                Arguments.of(6L, List.of(new long[] {6}, new long[] {1, 1, 1, 1, 1, 1}), new long[] {1, 1, 1, 1, 1, 1}),
                Arguments.of(7L, List.of(new long[] {2, 5}, new long[] {7}, new long[] {6, 1}), new long[] {2, 4, 1}),
                Arguments.of(0L, List.of(new long[] {0}, new long[] {0}), new long[] {0}));
    }

    @ParameterizedTest
    @MethodSource("refinements")
    void commonRefinementHasEveryBoundary(long extent, List<long[]> chunkings, long[] expected) {
        assertArrayEquals(expected, ChunkAlignment.commonRefinement(extent, chunkings));
    }

    @Test
    void equalChunkingsNeedNoRechunk() {
        long[] c = {4, 4, 2};
        assertSame(c, ChunkAlignment.commonRefinement(10, List.of(c, new long[] {4, 4, 2})));
        ChunkedArray x = ChunkedArray.zeros(new long[] {10, 3}, DType.FLOAT64, Chunks.of(4, 2));
        assertSame(x, ChunkAlignment.rechunkAxes(x, new long[][] {{4, 4, 2}, null}));
        assertArrayEquals(new long[] {5, 5}, ChunkAlignment.rechunkAxes(x, new long[][] {{5, 5}, null}).chunks()[0]);
    }
}
