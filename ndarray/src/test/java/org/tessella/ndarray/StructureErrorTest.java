package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Each bad argument throws IllegalArgumentException naming the argument and its value. */
class StructureErrorTest {
    private static final ChunkedArray X = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 3, 4, 5),
            Chunks.of(2, 2, 2));
    private static final ChunkedArray M = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 5, 4),
            Chunks.of(2, 2));
    private static final ChunkedArray V = ChunkedArray.fromArray(StructureAssert.dense(DataType.DOUBLE, 10),
            Chunks.of(3));

    static Stream<Arguments> bad() {
        List<ChunkedArray> withNull = new ArrayList<>();
        withNull.add(M);
        withNull.add(null);
        return Stream.of(
                // transpose / swapaxes
                bad("transpose with too few axes", () -> X.transpose(1, 0), "axes", "[1, 0]", "expected 3"),
                bad("transpose with a repeated axis", () -> X.transpose(0, 1, 1), "axes repeats axis 1", "[0, 1, 1]"),
                bad("transpose with -0 and 0", () -> M.transpose(0, -2), "axes repeats axis 0", "[0, -2]"),
                bad("transpose with an axis out of range", () -> X.transpose(0, 3, 1), "axes[1]", ": 3", "-3 <= axes[1] < 3"),
                bad("transpose with a negative axis out of range", () -> X.transpose(-4, 0, 1), "axes[0]", ": -4"),
                bad("transpose with null axes", () -> X.transpose((int[]) null), "axes is null"),
                bad("swapaxes axis2 out of range", () -> X.swapaxes(0, 5), "axis2", ": 5", "< 3"),
                bad("swapaxes axis1 out of range", () -> X.swapaxes(-4, 0), "axis1", ": -4"),
                // slicing
                bad("too many indices", () -> M.get(Slice.all(), Slice.all(), Slice.index(0)), "slices has 3 entries",
                        "at most 2"),
                bad("step 0", () -> Slice.of(0, 5, 0), "step is zero: 0", "non-zero"),
                bad("step 0 with every", () -> Slice.every(0), "step is zero: 0"),
                bad("step 0 with withStep", () -> Slice.from(2).withStep(0), "step is zero: 0"),
                bad("step on an index", () -> Slice.index(2).withStep(2), "slice is an integer index: 2"),
                bad("index past the end", () -> V.get(Slice.index(10)), "index is out of range on axis 0: 10",
                        "-10 <= index < 10"),
                bad("index before the start", () -> V.get(Slice.index(-11)), "index is out of range on axis 0: -11"),
                bad("index on the second axis", () -> M.get(Slice.all(), Slice.index(4)),
                        "index is out of range on axis 1: 4", "-4 <= index < 4"),
                bad("index on an empty axis", () -> ChunkedArray.zeros(new long[] {0}, DType.FLOAT64, Chunks.of(1))
                        .get(Slice.index(0)), "index is out of range on axis 0: 0"),
                bad("null slice", () -> M.get(Slice.all(), null), "slices[1] is null"),
                bad("null slices", () -> M.get((Slice[]) null), "slices is null"),
                // concatenate / stack
                bad("concatenate nothing", () -> ChunkedArray.concatenate(List.of(), 0), "arrays is empty"),
                bad("concatenate null", () -> ChunkedArray.concatenate(null, 0), "arrays is null"),
                bad("concatenate a null array", () -> ChunkedArray.concatenate(withNull, 0), "arrays[1] is null"),
                bad("concatenate mismatched shapes", () -> ChunkedArray.concatenate(List.of(M, X.get(Slice.index(0))), 0),
                        "array shapes do not match except on axis 0", "[5, 4] [4, 5]"),
                bad("concatenate different ranks", () -> ChunkedArray.concatenate(List.of(M, X), 0),
                        "different numbers of dimensions", "[5, 4] [3, 4, 5]"),
                bad("concatenate on a bad axis", () -> ChunkedArray.concatenate(List.of(M, M), 2), "axis", ": 2",
                        "-2 <= axis < 2"),
                bad("concatenate 0-d arrays", () -> ChunkedArray.concatenate(List.of(M.sum(), M.sum()), 0),
                        "arrays[0] is 0-dimensional"),
                bad("stack different shapes", () -> ChunkedArray.stack(List.of(M, M.transpose()), 0),
                        "array shapes differ", "[5, 4] [4, 5]"),
                bad("stack on a bad axis", () -> ChunkedArray.stack(List.of(M, M), 3), "axis", ": 3", "-3 <= axis < 3"),
                bad("stack on a bad negative axis", () -> ChunkedArray.stack(List.of(M, M), -4), "axis", ": -4"),
                bad("stack nothing", () -> ChunkedArray.stack(List.of(), 0), "arrays is empty"));
    }

    private static Arguments bad(String what, Executable call, String... fragments) {
        return Arguments.of(what, call, fragments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void throwsNamingArgumentAndValue(String what, Executable call, String[] fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message of '" + what + "' should contain '" + f + "': "
                    + e.getMessage());
        }
        assertTrue(e.getMessage().contains("expected"), "message says what is expected: " + e.getMessage()
                + " " + Arrays.toString(fragments));
    }
}
