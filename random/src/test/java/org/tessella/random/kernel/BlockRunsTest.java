package org.tessella.random.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Block geometry against a naive per-element walk, on odd shapes from 0-d to 5-d and empty axes. */
class BlockRunsTest {

    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new long[] {}, new long[] {}, new long[] {}),
                Arguments.of(new long[] {10}, new long[] {3}, new long[] {4}),
                Arguments.of(new long[] {10, 13}, new long[] {4, 0}, new long[] {4, 13}),
                Arguments.of(new long[] {10, 13}, new long[] {8, 12}, new long[] {2, 1}),
                Arguments.of(new long[] {0, 5}, new long[] {0, 0}, new long[] {0, 5}),
                Arguments.of(new long[] {5, 0}, new long[] {1, 0}, new long[] {3, 0}),
                Arguments.of(new long[] {7, 11, 13}, new long[] {2, 4, 5}, new long[] {3, 4, 5}),
                Arguments.of(new long[] {7, 11, 13}, new long[] {6, 0, 0}, new long[] {1, 11, 13}),
                Arguments.of(new long[] {7, 11, 13}, new long[] {0, 3, 0}, new long[] {7, 2, 13}),
                Arguments.of(new long[] {2, 3, 4, 5, 6}, new long[] {1, 1, 1, 1, 1}, new long[] {1, 2, 3, 4, 5}),
                Arguments.of(new long[] {2, 3, 4, 5, 6}, new long[] {0, 1, 0, 0, 0}, new long[] {2, 2, 4, 5, 6}),
                Arguments.of(new long[] {1, 1, 1}, new long[] {0, 0, 0}, new long[] {1, 1, 1}));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void runsVisitTheBlockInCOrder(long[] shape, long[] offset, long[] blockShape) {
        int count = BlockRuns.count(shape, offset, blockShape);
        List<Long> flat = new ArrayList<>();
        int[] expectedAt = {0};
        BlockRuns.forEach(shape, offset, blockShape, (start, at, len) -> {
            assertEquals(expectedAt[0], at, "runs are contiguous in the block");
            assertTrue(len > 0);
            for (int i = 0; i < len; i++) {
                flat.add(start + i);
            }
            expectedAt[0] += len;
        });
        assertArrayEquals(naive(shape, offset, blockShape), flat.stream().mapToLong(Long::longValue).toArray());
        assertEquals(count, flat.size());
    }

    static long[] naive(long[] shape, long[] offset, long[] blockShape) {
        int n = (int) Arrays.stream(blockShape).reduce(1, Math::multiplyExact);
        long[] out = new long[n];
        long[] idx = new long[shape.length];
        for (int i = 0; i < n; i++) {
            long f = 0;
            for (int d = 0; d < shape.length; d++) {
                f = f * shape[d] + offset[d] + idx[d];
            }
            out[i] = f;
            for (int d = shape.length - 1; d >= 0 && ++idx[d] == blockShape[d]; d--) {
                idx[d] = 0;
            }
        }
        return out;
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(new long[] {4}, new long[] {0, 0}, new long[] {4}, "offset and blockShape do not match"),
                Arguments.of(new long[] {4}, new long[] {2}, new long[] {3}, "block is outside the array on axis 0"),
                Arguments.of(new long[] {4, 4}, new long[] {0, -1}, new long[] {1, 1}, "block is outside the array on axis 1"),
                Arguments.of(new long[] {-4}, new long[] {0}, new long[] {0}, "block is outside the array on axis 0"),
                Arguments.of(new long[] {1L << 40, 1L << 40}, new long[] {0, 0}, new long[] {1, 1},
                        "shape has more than 2^63 - 1 elements"),
                Arguments.of(new long[] {1L << 20, 1L << 20}, new long[] {0, 0}, new long[] {1L << 16, 1L << 16},
                        "blockShape has too many elements for one block"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidGeometryIsRejectedWithTheValues(long[] shape, long[] offset, long[] blockShape, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockRuns.count(shape, offset, blockShape));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
    }
}
