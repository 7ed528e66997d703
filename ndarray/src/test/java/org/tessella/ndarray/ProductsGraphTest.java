package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.scheduler.Fusion;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.Task;
import org.tessella.scheduler.ThreadedScheduler;

/** The shape of product graphs (products never fused into the tree), their memory, and argument checks. */
class ProductsGraphTest {

    /** Tasks per layer name after culling and fusion, for computing {@code outputs}. */
    private static Map<String, Integer> tasksPerLayer(ChunkedArray x) {
        List<Key> outputs = x.blockKeys();
        Map<Key, Task> tasks = Fusion.fuse(x.graph().materialize(outputs), new HashSet<>(outputs));
        Map<String, Integer> count = new TreeMap<>();
        for (Key k : tasks.keySet()) {
            count.merge(k.name(), 1, Integer::sum);
        }
        return count;
    }

    @ParameterizedTest(name = "fan-in {0}: {1} intermediate sums")
    @CsvSource({"8, 0", "4, 0", "3, 32", "2, 32"})
    void fourByFourByFourMatmulHas64ProductsAndATree(int fanIn, int intermediate) {
        // 8x8 in 2x2 blocks: 4x4 output blocks, 4 contracted blocks each
        ChunkedArray a = ChunkedArray.fromArray(Nd4j.rand(DataType.DOUBLE, 8, 8), Chunks.of(2, 2));
        ChunkedArray b = ChunkedArray.fromArray(Nd4j.rand(DataType.DOUBLE, 8, 8), Chunks.of(2, 2));
        ChunkedArray r = Products.tensordot("matmul", a, b, new int[] {1}, new int[] {0}, fanIn);
        Map<String, Integer> count = tasksPerLayer(r);
        assertEquals(64, count.get(r.name() + "-prod"), "one product per (i, j, k), none fused: " + count);
        // 4 partials per output: one level of 16 final sums, or (fan-in 2, 3) 2 groups each, then 16 final sums
        assertEquals(intermediate == 0 ? null : intermediate, count.get(r.name() + "-sum1"), "level 1: " + count);
        assertEquals(null, count.get(r.name() + "-sum2"), "no level 2: " + count);
        assertEquals(16, count.get(r.name()), "one final sum per output block: " + count);
        // an elementwise consumer absorbs the final sums, never the products
        ChunkedArray y = r.add(1);
        Map<String, Integer> fused = tasksPerLayer(y);
        assertEquals(64, fused.get(r.name() + "-prod"), "products stay separate tasks: " + fused);
        assertEquals(null, fused.get(r.name()), "final sums fuse into the consumer: " + fused);
        assertEquals(16, fused.get(y.name()), fused.toString());
    }

    /**
     * Synchronously the depth-first order holds at most fan-1 finished results per tree level, plus
     * the result being stored and the last partial (stored before its inputs are released):
     * {@code levels * (fanIn - 1) + 2}, against K = 64 if all products ran first. Threaded, a worker
     * may run ahead into the next group while the other one sums; the threaded bound allows each worker
     * one unfinished group of {@code fanIn} partials behind it, the sync bound plus {@code fanIn} per
     * worker (best of 3 runs; the exact peak depends on timing, and CI on a
     * loaded machine showed 21 against an earlier, too tight bound of 20 for fan-in 8). Every
     * bound stays well below the 64 partials that piling up would hold.
     */
    @ParameterizedTest(name = "fan-in {0}: peak results <= levels*(fan-1)+2 (+fan per worker threaded)")
    @CsvSource({"8, 2", "4, 3", "2, 6"})
    void partialsAreConsumedSoonAfterTheyAreMade(int fanIn, int levels) {
        // one output block, K = 64 contracted blocks; source blocks fuse into the products, so every
        // held result is a partial product or a partial sum (summing would hold 64 partials otherwise)
        ChunkedArray a = ChunkedArray.ones(new long[] {4, 256}, DType.FLOAT64, Chunks.of(4, 4));
        ChunkedArray b = ChunkedArray.ones(new long[] {256, 4}, DType.FLOAT64, Chunks.of(4, 4));
        ChunkedArray r = Products.tensordot("matmul", a, b, new int[] {1}, new int[] {0}, fanIn);
        int bound = levels * (fanIn - 1) + 2;
        Scheduler.Result sync = Schedulers.synchronous().compute(r.graph(), r.blockKeys());
        assertEquals(256.0, ((INDArray) sync.value(0)).getDouble(0, 0), 0);
        assertTrue(sync.stats().peakValues() <= bound, "synchronous peak " + sync.stats() + " > " + bound);
        int workers = 2;
        int best = Integer.MAX_VALUE;
        try (ThreadedScheduler threaded = Schedulers.threaded(workers)) {
            for (int run = 0; run < 3; run++) {
                Scheduler.Result res = threaded.compute(r.graph(), r.blockKeys());
                assertEquals(256.0, ((INDArray) res.value(0)).getDouble(3, 3), 0);
                best = Math.min(best, res.stats().peakValues());
            }
        }
        int threadedBound = bound + fanIn * workers;
        assertTrue(threadedBound < 64, "the test must tell a bounded tree from piled-up partials");
        assertTrue(best <= threadedBound, "threaded peak " + best + " > " + threadedBound);
    }

    // ---------------------------------------------------------------- bad arguments

    private static ChunkedArray arr(long... shape) {
        return ChunkedArray.zeros(shape, DType.FLOAT64, Chunks.of(java.util.Arrays.stream(shape).map(s -> -1).toArray()));
    }

    static Stream<Arguments> badCalls() {
        ChunkedArray a = arr(3, 4);
        ChunkedArray b = arr(5, 6);
        ChunkedArray c = arr(4, 2);
        return Stream.of(
                Arguments.of("extent mismatch", (Supplier<?>) () -> ChunkedArray.tensordot(a, b, new int[] {1}, new int[] {0}),
                        new String[] {"contracted axes", "[3, 4]", "[5, 6]", "4 != 5", "expected equal extents"}),
                Arguments.of("axesA out of range", (Supplier<?>) () -> ChunkedArray.tensordot(a, c, new int[] {2}, new int[] {0}),
                        new String[] {"axesA[0] is out of range: 2", "expected -2 <= axesA[0] < 2"}),
                Arguments.of("axesB negative out of range", (Supplier<?>) () -> ChunkedArray.tensordot(a, c, new int[] {1}, new int[] {-3}),
                        new String[] {"axesB[0] is out of range: -3", "expected"}),
                Arguments.of("axesA repeated", (Supplier<?>) () -> ChunkedArray.tensordot(a, arr(4, 4), new int[] {1, -1}, new int[] {0, 1}),
                        new String[] {"axesA has a repeated axis: [1, -1]", "expected distinct axes"}),
                Arguments.of("axesB repeated", (Supplier<?>) () -> ChunkedArray.tensordot(arr(4, 4), arr(4, 4), new int[] {0, 1}, new int[] {0, 0}),
                        new String[] {"axesB has a repeated axis: [0, 0]", "expected distinct axes"}),
                Arguments.of("axes lengths differ", (Supplier<?>) () -> ChunkedArray.tensordot(a, c, new int[] {0, 1}, new int[] {0}),
                        new String[] {"axesB has 1 axes: [0]", "expected as many as axesA (2 axes: [0, 1])"}),
                Arguments.of("axesA null", (Supplier<?>) () -> ChunkedArray.tensordot(a, c, null, new int[] {0}),
                        new String[] {"axesA is null", "expected"}),
                Arguments.of("b null", (Supplier<?>) () -> ChunkedArray.tensordot(a, null, 1),
                        new String[] {"b is null", "expected"}),
                Arguments.of("n too large", (Supplier<?>) () -> ChunkedArray.tensordot(a, c, 3),
                        new String[] {"n is out of range: 3", "expected 0 <= n <= 2"}),
                Arguments.of("n negative", (Supplier<?>) () -> ChunkedArray.tensordot(a, c, -1),
                        new String[] {"n is out of range: -1", "expected 0 <= n <= 2"}),
                Arguments.of("n=2 extents differ", (Supplier<?>) () -> ChunkedArray.tensordot(a, c, 2),
                        new String[] {"[3, 4]", "[4, 2]", "3 != 4", "expected equal extents"}),
                Arguments.of("matmul mismatch", (Supplier<?>) () -> a.matmul(b),
                        new String[] {"matmul shapes do not match", "[3, 4]", "[5, 6]", "4 != 5"}),
                Arguments.of("dot mismatch", (Supplier<?>) () -> arr(3).dot(arr(4)),
                        new String[] {"dot shapes do not match", "[3]", "[4]", "3 != 4"}),
                Arguments.of("matmul 3-D", (Supplier<?>) () -> arr(2, 3, 4).matmul(c),
                        new String[] {"matmul operand has 3 dimensions", "[2, 3, 4]", "expected 1-D or 2-D operands"}),
                Arguments.of("matmul 0-d", (Supplier<?>) () -> arr().matmul(c),
                        new String[] {"matmul operand has 0 dimensions", "expected 1-D or 2-D operands"}),
                Arguments.of("dot null", (Supplier<?>) () -> a.dot(null),
                        new String[] {"other is null", "expected"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCalls")
    void badArgumentsNameArgumentValueAndExpectation(String label, Supplier<?> call, String[] fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), label + ": message lacks '" + f + "': " + e.getMessage());
        }
    }
}
