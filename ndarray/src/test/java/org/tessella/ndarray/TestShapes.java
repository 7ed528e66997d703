package org.tessella.ndarray;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalogue of awkward shapes and chunkings every array operation is tested on (in the spirit
 * of ImgLib2's test dimensions): 0-d to 4-d, ragged last chunks, one-element chunks, a single
 * chunk, zero-length axes, axes of extent 1, explicit uneven chunks.
 */
final class TestShapes {
    private TestShapes() {
    }

    /** A shape, how it is cut, and a label for test names. */
    record Case(String label, long[] shape, Chunks chunks) {
        int ndim() {
            return shape.length;
        }

        long size() {
            return Ref.size(shape);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Case of(long[] shape, long... chunks) {
        return new Case(Arrays.toString(shape) + " by " + Arrays.toString(chunks), shape, Chunks.of(chunks));
    }

    static Case explicit(long[] shape, long[]... chunks) {
        return new Case(Arrays.toString(shape) + " by " + Arrays.deepToString(chunks), shape, Chunks.explicit(chunks));
    }

    static long[] s(long... shape) {
        return shape;
    }

    /** Every case. */
    static final List<Case> ALL = List.of(
            of(s()),                                   // 0-d
            of(s(10), 4),                              // ragged last chunk
            of(s(10), 1),                              // one-element chunks
            of(s(10), -1),                             // one chunk
            of(s(1), 1),
            of(s(0), 3),                               // empty axis
            of(s(10, 13), 4, 5),
            of(s(10, 13), 1, 1),                       // 130 blocks
            of(s(5, 7), 1, 1),                         // 35 blocks: a three-level reduction tree
            of(s(10, 13), -1, -1),
            explicit(s(10, 13), new long[] {3, 7}, new long[] {1, 11, 1}),
            of(s(5, 0), 2, 3),                         // empty trailing axis
            of(s(7, 0, 3), 2, 1, 2),                   // empty middle axis, several blocks
            of(s(3, 4, 5), 2, 3, 2),
            of(s(4, 1, 6), 3, 1, 4),                   // an axis of extent 1
            of(s(2, 3, 4, 5), 1, 2, 3, 2));

    /** A smaller set for the dtype-by-operation matrices, still ragged, single, empty and 0-d. */
    static final List<Case> SOME = List.of(
            of(s()),
            of(s(10), 4),
            of(s(0), 3),
            of(s(10, 13), 4, 5),
            of(s(3, 4, 5), 2, 3, 2),
            of(s(2, 3, 4, 5), 1, 2, 3, 2));

    /** The smallest set, for the largest matrices: 0-d, empty, ragged 1-d, ragged 3-d. */
    static final List<Case> FEW = List.of(
            of(s()),
            of(s(0), 3),
            of(s(10), 4),
            of(s(3, 4, 5), 2, 3, 2));

    static Stream<Case> few() {
        return FEW.stream();
    }

    static Stream<Case> all() {
        return ALL.stream();
    }

    /**
     * The catalogue without cases of more than 64 blocks: reductions run a task per block and
     * several tree levels for each of a dozen reductions and axis choices, and the 130 one-element
     * blocks of 10 x 13 add nothing the 35 of 5 x 7 do not test.
     */
    static Stream<Case> reductions() {
        return ALL.stream().filter(c -> c.chunks().resolve(c.shape(), DType.FLOAT64).totalBlocks() <= 64);
    }

    static Stream<Case> some() {
        return SOME.stream();
    }
}
