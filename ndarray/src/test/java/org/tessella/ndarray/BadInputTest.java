package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.TaskFailedException;

/**
 * Bad input, each kind rejected with an {@link IllegalArgumentException} (or subclass) whose
 * message names the argument and the bad value; never a {@link NullPointerException}, never a
 * failure deferred to compute time, never a hang.
 */
class BadInputTest {
    static final long[] S = {10, 13};
    static final ChunkedArray X = ChunkedArray.zeros(S, DType.FLOAT64, Chunks.of(4, 5));
    static final ChunkedArray V = ChunkedArray.zeros(new long[] {12}, DType.FLOAT64, Chunks.of(5));
    static final ChunkedArray U8 = ChunkedArray.zeros(new long[] {4}, DType.UINT8, Chunks.of(2));
    static final ChunkedArray EMPTY = ChunkedArray.zeros(new long[] {0}, DType.FLOAT64, Chunks.of(3));

    static Arguments bad(String label, Executable call, String... mustContain) {
        return Arguments.of(label, call, mustContain);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // chunks
                bad("chunks not adding up", () -> ChunkedArray.zeros(new long[] {10}, DType.FLOAT64,
                        Chunks.explicit(new long[] {3, 3})), "chunks", "[3, 3]", "10"),
                bad("chunks adding up to more", () -> ChunkedArray.zeros(S, DType.FLOAT64,
                        Chunks.explicit(new long[] {5, 6}, new long[] {13})), "chunks", "[5, 6]", "10"),
                bad("zero chunk size", () -> Chunks.of(4, 0), "chunks", "[4, 0]"),
                bad("negative chunk size", () -> Chunks.of(-2), "chunks", "[-2]"),
                bad("zero explicit chunk", () -> ChunkedArray.zeros(new long[] {10}, DType.FLOAT64,
                        Chunks.explicit(new long[] {5, 0, 5})), "chunks", "[5, 0, 5]"),
                bad("negative explicit chunk", () -> ChunkedArray.zeros(new long[] {10}, DType.FLOAT64,
                        Chunks.explicit(new long[] {12, -2})), "chunks", "[12, -2]"),
                bad("chunks with too few axes", () -> ChunkedArray.zeros(S, DType.FLOAT64, Chunks.of(4)),
                        "chunks", "[4]", "[10, 13]"),
                bad("chunks with too many axes", () -> ChunkedArray.zeros(S, DType.FLOAT64,
                        Chunks.explicit(new long[] {10}, new long[] {13}, new long[] {1})), "chunks", "3 axes", "[10, 13]"),
                bad("too many blocks on an axis", () -> ChunkedArray.zeros(new long[] {1L << 40}, DType.UINT8, Chunks.of(1)),
                        "chunks", "axis 0", "1099511627776"),
                bad("bytes not positive", () -> Chunks.bytes(0), "bytes", "0"),
                bad("rechunk not adding up", () -> X.rechunk(Chunks.explicit(new long[] {3, 3}, new long[] {13})),
                        "chunks", "[3, 3]", "10"),
                bad("rechunk to wrong number of axes", () -> X.rechunk(Chunks.of(3)), "chunks", "[3]"),
                // shapes
                bad("negative shape", () -> ChunkedArray.zeros(new long[] {3, -1}, DType.FLOAT64, Chunks.of(1, 1)),
                        "shape", "[3, -1]"),
                bad("negative shape of a source", () -> ChunkedArray.fromBlocks("src", null, new long[] {-4},
                        Chunks.of(2), DType.FLOAT64, b -> null), "shape", "[-4]"),
                bad("negative eye", () -> ChunkedArray.eye(-1, 3, 0, DType.FLOAT64, Chunks.of(2, 2)), "-1"),
                bad("shapes not broadcastable", () -> X.add(V), "[10, 13]", "[12]", "broadcast"),
                bad("where not broadcastable", () -> ChunkedArray.where(X.gt(0), X, V), "[10, 13]", "[12]"),
                // axes
                bad("axis out of range", () -> X.sum(new int[] {2}, false), "axis", "2"),
                bad("negative axis out of range", () -> X.mean(new int[] {-3}, true), "axis", "-3"),
                bad("argmax axis out of range", () -> X.argmax(5, false), "axis", "5"),
                bad("axis of a 0-d array", () -> ChunkedArray.zeros(new long[0], DType.FLOAT64, Chunks.of())
                        .sum(new int[] {0}, false), "axis", "0"),
                bad("shape(axis) out of range", () -> X.shape(2), "axis", "2"),
                bad("repeated axes", () -> X.sum(new int[] {0, 0}, false), "axes", "[0, 0]"),
                bad("repeated axes via a negative axis", () -> X.max(new int[] {1, -1}, false), "axes", "[1, -1]"),
                // reductions
                bad("ddof negative (var)", () -> X.var(null, false, -1), "ddof", "-1"),
                bad("ddof negative (std)", () -> X.std(new int[] {0}, true, -2), "ddof", "-2"),
                bad("splitEvery below 2", () -> Reductions.reduce(X, Reductions.Kind.SUM, new int[] {0}, false, 0, 1),
                        "splitEvery", "1"),
                bad("argmax of empty", () -> EMPTY.argmax(), "empty", "[0]"),
                bad("argmin of empty along an axis", () -> ChunkedArray.zeros(new long[] {3, 0}, DType.INT32,
                        Chunks.of(2, 2)).argmin(1, false), "empty", "[3, 0]"),
                bad("max of empty", () -> EMPTY.max(), "empty", "[0]"),
                bad("min of empty", () -> EMPTY.min(new int[] {0}, true), "empty", "[0]"),
                // creation parameters
                bad("arange step 0", () -> ChunkedArray.arange(0, 10, 0, DType.FLOAT64, Chunks.of(3)), "step", "0.0"),
                bad("arange step NaN", () -> ChunkedArray.arange(0, 10, Double.NaN, DType.FLOAT64, Chunks.of(3)),
                        "step", "NaN"),
                bad("arange stop infinite", () -> ChunkedArray.arange(0, Double.POSITIVE_INFINITY, 1, DType.FLOAT64,
                        Chunks.of(3)), "stop", "Infinity"),
                bad("arange too long", () -> ChunkedArray.arange(0, 1e30, 1e-30, DType.FLOAT64, Chunks.of(3)), "axis 0"),
                bad("linspace num negative", () -> ChunkedArray.linspace(0, 1, -1, Chunks.of(3)), "num", "-1"),
                bad("full NaN as an integer", () -> ChunkedArray.full(S, Double.NaN, DType.INT32, Chunks.of(4, 5)),
                        "value", "NaN", "int32"),
                bad("full infinity as an integer", () -> ChunkedArray.full(S, Double.NEGATIVE_INFINITY, DType.UINT8,
                        Chunks.of(4, 5)), "value", "-Infinity", "uint8"),
                bad("full beyond uint8", () -> ChunkedArray.full(S, 256, DType.UINT8, Chunks.of(4, 5)),
                        "value", "256.0", "0..255"),
                bad("fromArray of an unsupported type", () -> ChunkedArray.fromArray(Nd4j.create(DataType.HALF, 3),
                        Chunks.of(2)), "dtype", "HALF"),
                bad("fromBlocks op with a space", () -> ChunkedArray.fromBlocks("my op", null, S, Chunks.of(4, 5),
                        DType.FLOAT64, b -> null), "op", "'my op'"),
                bad("fromBlocks empty op", () -> ChunkedArray.fromBlocks("", null, S, Chunks.of(4, 5),
                        DType.FLOAT64, b -> null), "op", "''"),
                bad("fromBlocks op with a dash", () -> ChunkedArray.fromBlocks("a-b", null, S, Chunks.of(4, 5),
                        DType.FLOAT64, b -> null), "op", "'a-b'"),
                bad("unsupported dtype name", () -> DType.parse("float16"), "dtype", "float16"),
                bad("dtype name in capitals", () -> DType.parse("Float64"), "dtype", "Float64"),
                bad("unsupported ND4J type", () -> DType.of(DataType.UTF8), "dtype", "UTF8"),
                // elementwise
                bad("clip bounds inverted", () -> X.clip(2, 1), "min", "2.0", "max", "1.0"),
                bad("clip lower bound NaN", () -> X.clip(Double.NaN, 1), "min", "NaN"),
                bad("clip upper bound NaN", () -> X.clip(0, Double.NaN), "max", "NaN"),
                bad("bool minus bool", () -> X.gt(0).sub(X.lt(0)), "bool", "ne("),
                bad("negative of bool", () -> X.gt(0).neg(), "bool", "eq(0)"),
                bad("integer scalar above uint8", () -> U8.add(300), "scalar", "300", "uint8"),
                bad("negative integer scalar with uint8", () -> U8.mul(-1), "scalar", "-1", "uint8"),
                bad("integer scalar beyond int32", () -> ChunkedArray.zeros(S, DType.INT32, Chunks.of(4, 5)).sub(3e9),
                        "scalar", "3.0E9", "int32"),
                bad("integer array to a negative integer power", () -> ChunkedArray.zeros(S, DType.INT32, Chunks.of(4, 5))
                        .pow(-1), "exponent", "-1", "int32"),
                // keys
                bad("block index out of range", () -> X.blockKey(3, 0), "block index", "[3, 0]"),
                bad("block index negative", () -> X.blockKey(0, -1), "block index", "[0, -1]"),
                bad("block index with too few axes", () -> X.blockKey(0), "block index", "[0]"),
                bad("grid with mismatched axes", () -> new ChunkGrid(S, new long[][] {{10}}), "chunks", "1 axes"),
                // nulls
                bad("null other", () -> X.add((ChunkedArray) null), "other", "null"),
                bad("null cond", () -> ChunkedArray.where(null, X, X), "cond", "null"),
                bad("null x of where", () -> ChunkedArray.where(X.gt(0), null, X), "x", "null"),
                bad("null rechunk", () -> X.rechunk(null), "chunks", "null"),
                bad("null astype", () -> X.astype(null), "dtype", "null"),
                bad("null array", () -> ChunkedArray.fromArray(null, Chunks.of(1)), "array", "null"),
                bad("null chunks of fromArray", () -> ChunkedArray.fromArray(Nd4j.zeros(3), null), "chunks", "null"),
                bad("null shape", () -> ChunkedArray.zeros(null, DType.FLOAT64, Chunks.of(1)), "shape", "null"),
                bad("null dtype of zeros", () -> ChunkedArray.zeros(S, null, Chunks.of(4, 5)), "dtype", "null"),
                bad("null chunks of ones", () -> ChunkedArray.ones(S, DType.FLOAT64, null), "chunks", "null"),
                bad("null dtype of arange", () -> ChunkedArray.arange(0, 5, 1, null, Chunks.of(2)), "dtype", "null"),
                bad("null chunks of arange", () -> ChunkedArray.arange(5, null), "chunks", "null"),
                bad("null chunks of linspace", () -> ChunkedArray.linspace(0, 1, 5, null), "chunks", "null"),
                bad("null dtype of linspace", () -> ChunkedArray.linspace(0, 1, 5, true, null, Chunks.of(2)), "dtype", "null"),
                bad("null dtype of eye", () -> ChunkedArray.eye(3, 3, 0, null, Chunks.of(2, 2)), "dtype", "null"),
                bad("null chunks of eye", () -> ChunkedArray.eye(3, null), "chunks", "null"),
                bad("null source", () -> ChunkedArray.fromBlocks("src", null, S, Chunks.of(4, 5), DType.FLOAT64, null),
                        "source", "null"),
                bad("null chunks of fromBlocks", () -> ChunkedArray.fromBlocks("src", null, S, null, DType.FLOAT64,
                        b -> null), "chunks", "null"),
                bad("null array to compute", () -> ChunkedArray.compute(X, null), "arrays[1]", "null"),
                bad("null array list to compute", () -> ChunkedArray.compute((ChunkedArray[]) null), "arrays", "null"),
                bad("null scheduler", () -> X.compute((Scheduler) null), "scheduler", "null"),
                bad("null scheduler of persist", () -> X.persist(null), "scheduler", "null"),
                bad("null block index", () -> X.blockKey((int[]) null), "index", "null"),
                bad("null chunk shape", () -> Chunks.of((long[]) null), "chunks", "null"),
                bad("null explicit chunks", () -> Chunks.explicit((long[][]) null), "chunks", "null"),
                bad("null axis of explicit chunks", () -> Chunks.explicit(new long[] {10}, null), "chunks", "axis 1", "null"),
                bad("null dtype to promote", () -> DType.promote(null, DType.FLOAT64), "null"),
                bad("null shape to resolve", () -> Chunks.of(1).resolve(null, DType.FLOAT64), "shape", "null"),
                bad("null dtype name", () -> DType.parse(null), "dtype", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithAMessageNamingArgumentAndValue(String label, Executable call, String[] mustContain) {
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                call.execute();
            } catch (Throwable e) {
                return e;
            }
            return null;
        });
        if (t == null) {
            fail(label + ": nothing was thrown; expected an IllegalArgumentException");
        }
        if (!(t instanceof IllegalArgumentException)) {
            throw new AssertionError(label + ": threw " + t + "; expected an IllegalArgumentException", t);
        }
        String m = t.getMessage();
        for (String s : mustContain) {
            assertTrue(m != null && m.contains(s), label + ": message does not name '" + s + "': " + m);
        }
        assertTrue(m.contains("expected") || m.contains("use "), label + ": message gives no expectation: " + m);
    }

    @Test
    void atLeastTwentyKinds() {
        assertTrue(cases().count() >= 20);
    }

    // ------------------------------------------------------------------ failures inside tasks

    /** A source returning a block of the wrong shape, dtype or null: the task fails naming key and shapes. */
    @Test
    void sourceReturningAWrongBlock() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Object[][] wrongs = {
                {"shape", (BlockSource) b -> Nd4j.zeros(DataType.DOUBLE, 2, 2), "[2, 2]"},
                {"dtype", (BlockSource) b -> Nd4j.zeros(DataType.FLOAT, b.shape()), "FLOAT"},
                {"rank", (BlockSource) b -> Nd4j.zeros(DataType.DOUBLE, b.size()), "[12]"},
                {"null", (BlockSource) b -> null, "null"},
            };
            for (Object[] w : wrongs) {
                BlockSource src = (BlockSource) w[1];
                ChunkedArray x = ChunkedArray.fromBlocks("wrong", null, S, Chunks.of(4, 5), DType.FLOAT64, src);
                for (Scheduler s : ArrayAssert.SCHEDULERS) {
                    TaskFailedException direct = assertThrows(TaskFailedException.class,
                            () -> s.compute(x.graph(), List.of(x.blockKey(1, 2))), (String) w[0]);
                    assertEquals(x.blockKey(1, 2), direct.key());
                    assertTrue(direct.getMessage().contains(x.blockKey(1, 2).toString()), direct.getMessage());
                    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, direct.getCause());
                    assertTrue(cause.getMessage().contains((String) w[2]), w[0] + ": " + cause.getMessage());
                    assertTrue(cause.getMessage().contains("[4, 3]"), w[0] + ": " + cause.getMessage());
                    assertTrue(cause.getMessage().contains("[1, 2]"), w[0] + " names the block: " + cause.getMessage());
                    for (ChunkedArray e : List.of(x, x.add(1), x.sum())) {
                        TaskFailedException f = assertThrows(TaskFailedException.class, () -> e.compute(s));
                        assertInstanceOf(IllegalStateException.class, f.getCause());
                    }
                }
            }
        });
    }

    @Test
    void failuresDoNotLeaveTheSchedulerBroken() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ChunkedArray bad = ChunkedArray.fromBlocks("late", null, new long[] {40}, Chunks.of(1), DType.FLOAT64, b -> {
                if (b.index()[0] == 37) {
                    throw new IllegalStateException("block 37 is corrupt");
                }
                INDArray out = Blocks.allocate(DType.FLOAT64, b.shape());
                out.assign(1);
                return out;
            });
            for (int round = 0; round < 3; round++) {
                for (Scheduler s : ArrayAssert.SCHEDULERS) {
                    TaskFailedException f = assertThrows(TaskFailedException.class, () -> bad.add(1).sum().compute(s));
                    assertTrue(f.getMessage().contains("block 37 is corrupt"), f.getMessage());
                }
            }
            ChunkedArray good = ChunkedArray.ones(new long[] {40}, DType.FLOAT64, Chunks.of(1));
            for (Scheduler s : ArrayAssert.SCHEDULERS) {
                assertEquals(80.0, good.add(1).sum().compute(s).getDouble(0));
            }
        });
    }

    @Test
    void messagesGiveTheRemedyForRechunking() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> X.rechunk(Chunks.explicit(new long[] {10}, new long[] {6, 6})));
        assertTrue(e.getMessage().contains("[6, 6]") && e.getMessage().contains("13"), e.getMessage());
        assertTrue(Arrays.asList(e.getMessage().split(" ")).contains("expected"), e.getMessage());
    }
}
