package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.ThreadedScheduler;

/**
 * tensordot / dot / matmul against ND4J's dense {@code tensorMmul} and {@code mmul}, over ragged,
 * one-element, single and mismatched chunks, empty axes, several contracted axes and all
 * permutation paths of the gemm kernel (zero-copy row-major, zero-copy transposed, copied), with
 * view blocks ({@code fromArray}) and owned blocks ({@code persist}). Every block must have the
 * declared shape and dtype. Tolerance: normwise, {@code |x - ref| <= tol * max(|a| . |b|)} with
 * tol 1e-10 for float64 and 1e-4 for float32; integer and bool results must be exact.
 */
class ProductsTest {
    private static final ThreadedScheduler THREADED = Schedulers.threaded(2);
    private static final Scheduler SYNC = Schedulers.synchronous();

    @AfterAll
    static void close() {
        THREADED.close();
    }

    /** One tensordot case: shapes, chunks (one length per axis, or explicit lists), axes. */
    record Case(String label, long[] shapeA, long[][] chunksA, long[] shapeB, long[][] chunksB, int[] axesA,
                int[] axesB) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static long[] s(long... v) {
        return v;
    }

    private static int[] ax(int... v) {
        return v;
    }

    /** Uniform chunk lengths per axis as explicit chunk lists. */
    private static long[][] u(long[] shape, long... chunk) {
        return ChunkGrid.regular(shape, chunkOrWhole(shape, chunk)).chunks();
    }

    private static long[] chunkOrWhole(long[] shape, long[] chunk) {
        long[] c = chunk.clone();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == -1) {
                c[i] = Math.max(1, shape[i]);
            }
        }
        return c;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        long[] a = s(10, 13);
        long[] b = s(13, 7);
        c.add(new Case("matmul ragged 10x13 . 13x7", a, u(a, 4, 5), b, u(b, 5, 3), ax(1), ax(0)));
        c.add(new Case("matmul mismatched contracted chunks", a, u(a, 4, 3), b, u(b, 5, 2), ax(1), ax(0)));
        c.add(new Case("matmul explicit irregular chunks", a, new long[][] {{1, 6, 3}, {2, 9, 2}}, b,
                new long[][] {{7, 1, 5}, {7}}, ax(1), ax(0)));
        long[] a1 = s(5, 4);
        long[] b1 = s(4, 3);
        c.add(new Case("one-element chunks", a1, u(a1, 1, 1), b1, u(b1, 1, 1), ax(1), ax(0)));
        long[] a2 = s(6, 5);
        long[] b2 = s(5, 4);
        c.add(new Case("single chunk", a2, u(a2, -1, -1), b2, u(b2, -1, -1), ax(1), ax(0)));
        c.add(new Case("a transposed: a^T b", s(13, 10), u(s(13, 10), 5, 4), s(13, 7), u(s(13, 7), 4, 3), ax(0), ax(0)));
        c.add(new Case("b transposed: a b^T", a, u(a, 4, 5), s(7, 13), u(s(7, 13), 3, 6), ax(1), ax(1)));
        c.add(new Case("both transposed", s(13, 10), u(s(13, 10), 6, 4), s(7, 13), u(s(7, 13), 2, 5), ax(0), ax(1)));
        c.add(new Case("zero-length contracted axis", s(4, 0), u(s(4, 0), 2, 1), s(0, 3), u(s(0, 3), 1, 2), ax(1), ax(0)));
        c.add(new Case("zero-length free axis of a", s(0, 5), u(s(0, 5), 1, 2), s(5, 3), u(s(5, 3), 2, 2), ax(1), ax(0)));
        c.add(new Case("zero-length free axis of b", s(4, 5), u(s(4, 5), 3, 2), s(5, 0), u(s(5, 0), 3, 1), ax(1), ax(0)));
        long[] a3 = s(4, 5, 6);
        long[] b3 = s(6, 5, 3);
        c.add(new Case("3-D two axes, reversed pairing", a3, u(a3, 3, 2, 4), b3, u(b3, 5, 3, 2), ax(1, 2), ax(1, 0)));
        c.add(new Case("3-D negative axes", a3, u(a3, 2, 5, 3), b3, u(b3, 3, 5, 2), ax(-1, -2), ax(0, 1)));
        c.add(new Case("3-D last two with first two (copy-free)", s(3, 4, 5), u(s(3, 4, 5), 2, 3, 2), s(4, 5, 6),
                u(s(4, 5, 6), 3, 2, 4), ax(1, 2), ax(0, 1)));
        long[] a4 = s(3, 4, 5, 2);
        long[] b4 = s(5, 3, 2, 4);
        c.add(new Case("4-D three axes, non-adjacent", a4, u(a4, 2, 3, 2, 1), b4, u(b4, 3, 2, 2, 3), ax(2, 0, 3),
                ax(0, 1, 2)));
        c.add(new Case("4-D one middle axis", a4, u(a4, 2, 3, 4, 2), s(4, 6), u(s(4, 6), 3, 4), ax(1), ax(0)));
        c.add(new Case("outer product (no axes)", s(3, 4), u(s(3, 4), 2, 3), s(5), u(s(5), 2), ax(), ax()));
        c.add(new Case("1-D . 1-D long contraction (3 tree levels)", s(100), u(s(100), 3), s(100), u(s(100), 7), ax(0),
                ax(0)));
        c.add(new Case("contract everything of a 3-D pair", a3, u(a3, 2, 2, 2), s(4, 5, 6), u(s(4, 5, 6), 3, 3, 3),
                ax(0, 1, 2), ax(0, 1, 2)));
        return c;
    }

    enum Source { VIEWS, OWNED }

    static Stream<Arguments> float64Cases() {
        List<Arguments> out = new ArrayList<>();
        int i = 0;
        for (Case c : cases()) {
            out.add(Arguments.of(c, i % 2 == 0 ? Source.VIEWS : Source.OWNED, i % 3 == 0 ? "sync" : "threaded"));
            i++;
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}, {2}]")
    @MethodSource("float64Cases")
    void tensordotMatchesDenseFloat64(Case c, Source source, String scheduler) {
        check(c, DType.FLOAT64, DType.FLOAT64, source, scheduler.equals("sync") ? SYNC : THREADED, 1e-10, 11);
    }

    static Stream<Arguments> typedCases() {
        List<Case> all = cases();
        List<Arguments> out = new ArrayList<>();
        DType[][] pairs = {
            {DType.FLOAT32, DType.FLOAT32}, {DType.INT32, DType.INT32}, {DType.INT64, DType.INT16},
            {DType.BOOL, DType.BOOL}, {DType.FLOAT32, DType.INT64}, {DType.UINT8, DType.INT16},
            {DType.FLOAT32, DType.FLOAT64}, {DType.INT8, DType.UINT32},
        };
        int[] picks = {0, 1, 5, 9, 11, 14, 16, 17};
        int i = 0;
        for (DType[] p : pairs) {
            for (int k : picks) {
                out.add(Arguments.of(all.get(k), p[0], p[1], (i++ % 2 == 0) ? Source.VIEWS : Source.OWNED));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1} x {2}, {3}]")
    @MethodSource("typedCases")
    void tensordotPromotesAndMatches(Case c, DType ta, DType tb, Source source) {
        DType out = DType.promote(ta, tb);
        double tol = out == DType.FLOAT32 ? 1e-4 : out == DType.FLOAT64 ? 1e-10 : 0;
        check(c, ta, tb, source, THREADED, tol, 5);
    }

    private static void check(Case c, DType ta, DType tb, Source source, Scheduler scheduler, double tol, long seed) {
        INDArray da = random(c.shapeA, ta, seed);
        INDArray db = random(c.shapeB, tb, seed + 1);
        ChunkedArray a = wrap(da, c.chunksA, source);
        ChunkedArray b = wrap(db, c.chunksB, source);
        ChunkedArray r = ChunkedArray.tensordot(a, b, c.axesA, c.axesB);
        DType outType = DType.promote(ta, tb);
        assertEquals(outType, r.dtype());
        INDArray expected = reference(da, db, c.axesA, c.axesB, outType);
        assertArrayEquals(expected.shape(), r.shape(), "shape");
        INDArray got = computeBlocks(r, scheduler);
        assertClose(expected, got, bound(da, db, c.axesA, c.axesB), tol, c.label);
    }

    // ---------------------------------------------------------------- dot and matmul

    static Stream<Arguments> dotCases() {
        return Stream.of(
                Arguments.of("1-D . 1-D -> 0-d", s(11), s(4), s(11), s(3)),
                Arguments.of("2-D . 1-D -> 1-D", s(9, 11), s(4, 5), s(11), s(3)),
                Arguments.of("1-D . 2-D -> 1-D", s(11), s(5), s(11, 6), s(4, 4)),
                Arguments.of("2-D . 2-D -> 2-D", s(9, 11), s(4, 5), s(11, 6), s(3, 4)),
                Arguments.of("2-D . 2-D one block", s(9, 11), s(-1, -1), s(11, 6), s(-1, -1)),
                Arguments.of("1-D . 1-D empty", s(0), s(1), s(0), s(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dotCases")
    void dotAndMatmulFollowNumpy(String label, long[] shapeA, long[] chunkA, long[] shapeB, long[] chunkB) {
        INDArray da = random(shapeA, DType.FLOAT64, 3);
        INDArray db = random(shapeB, DType.FLOAT64, 4);
        ChunkedArray a = ChunkedArray.fromArray(da, Chunks.of(chunkA));
        ChunkedArray b = ChunkedArray.fromArray(db, Chunks.of(chunkB));
        // NumPy: promote 1-D a to a row and 1-D b to a column, multiply, drop the added axes
        INDArray a2 = shapeA.length == 1 ? da.reshape(1, shapeA[0]) : da;
        INDArray b2 = shapeB.length == 1 ? db.reshape(shapeB[0], 1) : db;
        INDArray m = a2.rows() == 0 || b2.columns() == 0 || a2.columns() == 0
                ? Nd4j.zeros(DataType.DOUBLE, a2.rows(), b2.columns()) : a2.mmul(b2);
        List<Long> dims = new ArrayList<>();
        if (shapeA.length == 2) {
            dims.add(shapeA[0]);
        }
        if (shapeB.length == 2) {
            dims.add(shapeB[1]);
        }
        long[] outShape = dims.stream().mapToLong(Long::longValue).toArray();
        INDArray expected = Nd4j.create(DataType.DOUBLE, outShape);
        expected.assign(m.dup('c').reshape(outShape));
        double scale = Math.max(1e-300, Math.abs(m.amaxNumber().doubleValue())) * shapeB[0];
        for (ChunkedArray r : List.of(a.dot(b), a.matmul(b))) {
            assertArrayEquals(outShape, r.shape(), label);
            assertClose(expected, computeBlocks(r, THREADED), scale, 1e-10, label);
        }
    }

    @Test
    void dotWithScalarMultiplies() {
        INDArray da = random(s(5, 3), DType.FLOAT64, 9);
        ChunkedArray a = ChunkedArray.fromArray(da, Chunks.of(2, 2));
        ChunkedArray two = ChunkedArray.full(new long[0], 2.0, DType.FLOAT64, Chunks.of());
        assertClose(da.mul(2), a.dot(two).compute(), 2, 1e-15, "a . 2");
        assertClose(da.mul(2), two.dot(a).compute(), 2, 1e-15, "2 . a");
    }

    @Test
    void dotOfHigherRankContractsLastWithSecondToLast() {
        INDArray da = random(s(3, 4, 5), DType.FLOAT64, 21);
        INDArray db = random(s(2, 5, 6), DType.FLOAT64, 22);
        ChunkedArray a = ChunkedArray.fromArray(da, Chunks.of(2, 3, 2));
        ChunkedArray b = ChunkedArray.fromArray(db, Chunks.of(1, 3, 4));
        ChunkedArray r = a.dot(b);
        assertArrayEquals(s(3, 4, 2, 6), r.shape());
        INDArray expected = Nd4j.tensorMmul(da, db, new int[][] {{2}, {1}});
        assertClose(expected, computeBlocks(r, SYNC), bound(da, db, ax(2), ax(1)), 1e-10, "3-D . 3-D");
    }

    @Test
    void tensordotWithCountContractsTrailingWithLeading() {
        INDArray da = random(s(3, 4, 5), DType.FLOAT64, 31);
        INDArray db = random(s(4, 5, 2), DType.FLOAT64, 32);
        ChunkedArray a = ChunkedArray.fromArray(da, Chunks.of(2, 3, 2));
        ChunkedArray b = ChunkedArray.fromArray(db, Chunks.of(2, 2, 1));
        INDArray expected = Nd4j.tensorMmul(da, db, new int[][] {{1, 2}, {0, 1}});
        assertClose(expected, computeBlocks(ChunkedArray.tensordot(a, b, 2), SYNC), bound(da, db, ax(1, 2), ax(0, 1)),
                1e-10, "n=2");
        ChunkedArray outer = ChunkedArray.tensordot(a, b, 0);
        assertArrayEquals(s(3, 4, 5, 4, 5, 2), outer.shape());
        assertClose(reference(da, db, ax(), ax(), DType.FLOAT64), computeBlocks(outer, THREADED), 1, 1e-12, "n=0");
    }

    @Test
    void deeperTreesWithSmallFanInGiveTheSameResult() {
        INDArray da = random(s(6, 50), DType.FLOAT64, 41);
        INDArray db = random(s(50, 5), DType.FLOAT64, 42);
        ChunkedArray a = ChunkedArray.fromArray(da, Chunks.of(3, 2));
        ChunkedArray b = ChunkedArray.fromArray(db, Chunks.of(2, 5));
        INDArray expected = da.mmul(db);
        for (int fanIn : new int[] {2, 3, 8, 25, 100}) {
            ChunkedArray r = Products.tensordot("tensordot", a, b, ax(1), ax(0), fanIn);
            assertClose(expected, computeBlocks(r, THREADED), bound(da, db, ax(1), ax(0)), 1e-10, "fan-in " + fanIn);
        }
    }

    @Test
    void chainedProductsAndElementwiseConsumersCompute() {
        INDArray da = random(s(8, 9), DType.FLOAT64, 51);
        INDArray db = random(s(9, 7), DType.FLOAT64, 52);
        INDArray dc = random(s(7, 5), DType.FLOAT64, 53);
        ChunkedArray a = ChunkedArray.fromArray(da, Chunks.of(3, 4));
        ChunkedArray b = ChunkedArray.fromArray(db, Chunks.of(4, 3));
        ChunkedArray c = ChunkedArray.fromArray(dc, Chunks.of(2, 5));
        ChunkedArray r = a.add(1).matmul(b).matmul(c).mul(2).sum(new int[] {0}, false);
        INDArray expected = da.add(1).mmul(db).mmul(dc).mul(2).sum(0);
        assertClose(expected, computeBlocks(r, THREADED), 200, 1e-10, "((a+1) @ b @ c * 2).sum(0)");
        assertEquals(r.name(), a.add(1).matmul(b).matmul(c).mul(2).sum(new int[] {0}, false).name(),
                "equal expressions get equal names");
    }

    // ---------------------------------------------------------------- helpers

    /** Random values of {@code type}: floats in [-1, 1), integers in [-5, 5] (unsigned [0, 9]), bools. */
    static INDArray random(long[] shape, DType type, long seed) {
        long n = 1;
        for (long e : shape) {
            n *= e;
        }
        if (n == 0) {
            return Nd4j.create(type.nd4j(), shape);
        }
        Random rnd = new Random(seed);
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (type) {
                case FLOAT64, FLOAT32 -> 2 * rnd.nextDouble() - 1;
                case BOOL -> rnd.nextInt(3) == 0 ? 1 : 0;
                case UINT8, UINT16, UINT32 -> rnd.nextInt(10);
                default -> rnd.nextInt(11) - 5;
            };
        }
        INDArray d = shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, 'c');
        return d.castTo(type.nd4j());
    }

    static ChunkedArray wrap(INDArray data, long[][] chunks, Source source) {
        ChunkedArray x = ChunkedArray.fromArray(data, Chunks.explicit(chunks));
        return source == Source.OWNED ? x.persist(SYNC) : x;
    }

    /** The dense result: ND4J's tensorMmul in float64, zeros for empty contractions, cast to {@code type}. */
    static INDArray reference(INDArray a, INDArray b, int[] axesA, int[] axesB, DType type) {
        long[] outShape = outShape(a.shape(), b.shape(), axesA, axesB);
        INDArray out = Nd4j.create(DataType.DOUBLE, outShape);
        long outLen = out.length();
        boolean emptyK = false;
        for (int ax : axesA) {
            emptyK |= a.size(ax) == 0;
        }
        if (outLen > 0 && !emptyK) {
            INDArray x = a.castTo(DataType.DOUBLE);
            INDArray y = b.castTo(DataType.DOUBLE);
            INDArray r;
            if (axesA.length == 0) {
                r = x.dup('c').reshape(x.length(), 1).mmul(y.dup('c').reshape(1, y.length()));
            } else {
                r = Nd4j.tensorMmul(x, y, new int[][] {axesA, axesB});
            }
            out.assign(r.dup('c').reshape(outShape));
        }
        if (outLen == 0) {
            return Nd4j.create(type.nd4j(), outShape);
        }
        return type == DType.BOOL ? out.neq(0).castTo(DataType.BOOL) : out.castTo(type.nd4j());
    }

    /** Error scale: max of |a| . |b| (the bound on the magnitude of every sum of products). */
    static double bound(INDArray a, INDArray b, int[] axesA, int[] axesB) {
        INDArray abs = reference(org.nd4j.linalg.ops.transforms.Transforms.abs(a.castTo(DataType.DOUBLE)),
                org.nd4j.linalg.ops.transforms.Transforms.abs(b.castTo(DataType.DOUBLE)), axesA, axesB, DType.FLOAT64);
        return abs.length() == 0 ? 1 : Math.max(1e-300, abs.maxNumber().doubleValue());
    }

    static long[] outShape(long[] sa, long[] sb, int[] axesA, int[] axesB) {
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < sa.length; i++) {
            if (!contains(axesA, i, sa.length)) {
                s.add(sa[i]);
            }
        }
        for (int i = 0; i < sb.length; i++) {
            if (!contains(axesB, i, sb.length)) {
                s.add(sb[i]);
            }
        }
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    private static boolean contains(int[] axes, int i, int ndim) {
        for (int a : axes) {
            if ((a < 0 ? a + ndim : a) == i) {
                return true;
            }
        }
        return false;
    }

    /** Computes every block, checks its shape and dtype against the grid, and assembles the array. */
    static INDArray computeBlocks(ChunkedArray x, Scheduler scheduler) {
        List<Key> keys = x.blockKeys();
        Scheduler.Result result = scheduler.compute(x.graph(), keys);
        INDArray full = Nd4j.create(x.dtype().nd4j(), x.shape());
        ChunkGrid grid = x.grid();
        for (int i = 0; i < keys.size(); i++) {
            INDArray block = (INDArray) result.value(i);
            int[] idx = keys.get(i).index();
            assertArrayEquals(grid.blockShape(idx), block.shape(), "shape of block " + keys.get(i));
            assertEquals(x.dtype().nd4j(), block.dataType(), "dtype of block " + keys.get(i));
            Regions.copy(block, new long[idx.length], full, grid.blockOffset(idx), grid.blockShape(idx));
            BlockPool.release(block);
        }
        return full;
    }

    static void assertClose(INDArray expected, INDArray actual, double scale, double tol, String label) {
        assertArrayEquals(expected.shape(), actual.shape(), label + ": shape");
        assertEquals(expected.dataType(), actual.dataType(), label + ": dtype");
        double[] e = flat(expected);
        double[] g = flat(actual);
        double limit = tol * scale;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - g[i]);
            if (!(err <= limit)) {
                throw new AssertionError(label + ": element " + i + " is " + g[i] + ", expected " + e[i] + " (error "
                        + err + " > " + limit + " = " + tol + " x " + scale + ")");
            }
        }
    }

    private static double[] flat(INDArray x) {
        if (x.length() == 0) {
            return new double[0];
        }
        INDArray d = x.castTo(DataType.DOUBLE).dup('c');
        return d.data().asDouble();
    }

    @Test
    void referenceHelperAgreesWithMmul() {
        INDArray da = random(s(4, 3), DType.FLOAT64, 1);
        INDArray db = random(s(3, 2), DType.FLOAT64, 2);
        assertTrue(reference(da, db, ax(1), ax(0), DType.FLOAT64).equalsWithEps(da.mmul(db), 1e-14));
        assertEquals(Arrays.toString(s(4, 2)), Arrays.toString(outShape(s(4, 3), s(3, 2), ax(-1), ax(0))));
    }
}
