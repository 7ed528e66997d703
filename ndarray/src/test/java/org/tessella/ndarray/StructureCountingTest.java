package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tessella.ndarray.StructureAssert.assertSameValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.Regions;

/**
 * A counting source proves laziness and culling: building structural operations loads nothing, and
 * computing a slice loads (and runs tasks for) only the blocks it touches.
 */
class StructureCountingTest {

    /** Blocks of a dense array, recording which block indices were loaded. */
    static final class CountingSource implements BlockSource {
        final INDArray data;
        final List<String> loads = Collections.synchronizedList(new ArrayList<>());

        CountingSource(INDArray data) {
            this.data = data;
        }

        @Override
        public INDArray load(BlockInfo block) {
            loads.add(Arrays.toString(block.index()));
            INDArray b = Blocks.allocate(DType.of(data.dataType()), block.shape());
            b.assign(Regions.view(data, block.offset(), block.shape()));
            return b;
        }
    }

    interface Op {
        ChunkedArray apply(ChunkedArray a, ChunkedArray b);
    }

    /**
     * 100 x 100 in 10 x 10 blocks: the tasks the culled graph holds, the operation, the expected
     * loads of the first array and of the second.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(2, "one block's worth", (Op) (a, b) -> a.get(Slice.of(20, 30), Slice.of(40, 50)),
                        List.of("[2, 4]"), List.of()),
                Arguments.of(2, "inside one block", (Op) (a, b) -> a.get(Slice.of(21, 28, 3), Slice.index(-55)),
                        List.of("[2, 4]"), List.of()),
                Arguments.of(2, "reversed, one block", (Op) (a, b) -> a.get(Slice.of(29, 19, -2), Slice.of(49, 39, -1)),
                        List.of("[2, 4]"), List.of()),
                Arguments.of(4, "across a boundary", (Op) (a, b) -> a.get(Slice.of(25, 35), Slice.index(0)),
                        List.of("[2, 0]", "[3, 0]"), List.of()),
                Arguments.of(8, "a strided row skips blocks", (Op) (a, b) -> a.get(Slice.index(5), Slice.every(30)),
                        List.of("[0, 0]", "[0, 3]", "[0, 6]", "[0, 9]"), List.of()),
                Arguments.of(10, "empty", (Op) (a, b) -> a.get(Slice.of(5, 5)), List.of(), List.of()),
                Arguments.of(3, "slice of a transpose", (Op) (a, b) -> a.transpose().get(Slice.of(40, 50), Slice.of(20, 30)),
                        List.of("[2, 4]"), List.of()),
                Arguments.of(30, "slice of a swap", (Op) (a, b) -> a.swapaxes(0, 1).get(Slice.index(95)),
                        List.of("[0, 9]", "[1, 9]", "[2, 9]", "[3, 9]", "[4, 9]", "[5, 9]", "[6, 9]", "[7, 9]",
                                "[8, 9]", "[9, 9]"), List.of()),
                Arguments.of(3, "slice of a concatenation", (Op) (a, b) -> ChunkedArray.concatenate(List.of(a, b), 0)
                        .get(Slice.of(150, 160), Slice.of(0, 10)), List.of(), List.of("[5, 0]")),
                Arguments.of(4, "slice of a stack", (Op) (a, b) -> ChunkedArray.stack(List.of(a, b), 1)
                        .get(Slice.of(0, 5), Slice.index(0), Slice.of(90, 100)), List.of("[0, 9]"), List.of()),
                Arguments.of(4, "slice of elementwise", (Op) (a, b) -> a.add(b).get(Slice.of(0, 10), Slice.of(0, 10)),
                        List.of("[0, 0]"), List.of("[0, 0]")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void loadsOnlyTheTouchedBlocks(int expectTasks, String what, Op op, List<String> expectA, List<String> expectB) {
        INDArray da = StructureAssert.dense(DataType.DOUBLE, 100, 100);
        INDArray db = da.add(0.5);
        CountingSource sa = new CountingSource(da);
        CountingSource sb = new CountingSource(db);
        ChunkedArray a = ChunkedArray.fromBlocks("counted", null, new long[] {100, 100}, Chunks.of(10, 10), DType.FLOAT64, sa);
        ChunkedArray b = ChunkedArray.fromBlocks("counted", null, new long[] {100, 100}, Chunks.of(10, 10), DType.FLOAT64, sb);
        ChunkedArray y = op.apply(a, b);
        assertEquals(List.of(), sa.loads, "nothing is loaded before compute");
        int tasks = y.graph().materialize(y.blockKeys()).size();
        INDArray got = StructureAssert.computeBlocks(y, org.tessella.scheduler.Schedulers.synchronous());
        List<String> la = new ArrayList<>(sa.loads);
        List<String> lb = new ArrayList<>(sb.loads);
        Collections.sort(la);
        Collections.sort(lb);
        assertEquals(expectA, la, what + ": blocks of the first array");
        assertEquals(expectB, lb, what + ": blocks of the second array");
        assertEquals(expectTasks, tasks, what + ": tasks in the culled graph");
        INDArray again = y.compute(StructureAssert.THREADED);
        assertSameValues(got, again, what);
    }
}
