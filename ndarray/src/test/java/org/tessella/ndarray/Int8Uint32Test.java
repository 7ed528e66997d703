package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.TaskFailedException;

/**
 * int8 and uint32 over their whole ranges (the other suites draw small values for every dtype):
 * int8 from -128 to 127, uint32 from 0 to 2^32 - 1 with about half the values above 2^31, on
 * ragged chunks, against the plain-Java reference. Wrapping results (products, negation,
 * conversions) are computed in the reference with Java's exact integer arithmetic, so the doubles
 * the reference holds are exact (below 2^53). Integer powers, which ND4J computes through float32,
 * are checked exactly for every integer dtype.
 */
class Int8Uint32Test {
    static final DType[] WIDE = {DType.INT8, DType.UINT32};

    /** Shapes with ragged last chunks, and a second chunking that cuts the first. */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType d : WIDE) {
            out.add(Arguments.of(d, new long[] {37}, Chunks.of(10), Chunks.of(6)));
            out.add(Arguments.of(d, new long[] {11, 13}, Chunks.of(4, 5), Chunks.of(3, 6)));
            out.add(Arguments.of(d, new long[] {5, 4, 7}, Chunks.of(2, 3, 4), Chunks.of(5, 1, 3)));
        }
        return out.stream();
    }

    /**
     * Seeded values over the whole range: the extremes first (int8 -128, 127, -1, 0; uint32 2^32 - 1,
     * 0, 2^31, 2^31 - 1), then spread by a multiplicative hash.
     */
    static Ref values(long[] shape, DType d, long seed) {
        long[] first = d == DType.INT8 ? new long[] {-128, 127, -1, 0} : new long[] {0xFFFF_FFFFL, 0, 1L << 31, (1L << 31) - 1};
        return Ref.filled(shape, d, idx -> {
            long k = Ref.flat(idx, shape);
            if (k < first.length) {
                return first[(int) ((k + seed) % first.length)];
            }
            long h = (k + seed * 7919) * 2654435761L + seed;
            return d == DType.INT8 ? (byte) h : h & 0xFFFF_FFFFL;
        });
    }

    /** {@code v} wrapped to {@code d} as NumPy's fixed-width integers wrap (low bits kept). */
    static double wrap(long v, DType d) {
        return switch (d) {
            case INT8 -> (byte) v;
            case UINT8 -> v & 0xFF;
            case INT16 -> (short) v;
            case UINT16 -> v & 0xFFFF;
            case INT32 -> (int) v;
            case UINT32 -> v & 0xFFFF_FFFFL;
            case INT64 -> v; // callers keep int64 results below 2^53 or compare them as longs
            default -> throw new IllegalArgumentException("not an integer dtype: " + d);
        };
    }

    // ------------------------------------------------------------------ elementwise, same dtype

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void elementwiseOverTheWholeRange(DType d, long[] shape, Chunks ca, Chunks cb) {
        Ref a = values(shape, d, 1);
        Ref b = values(shape, d, 2);
        ChunkedArray x = a.chunked(ca, true);
        ChunkedArray y = b.chunked(cb, false);
        Batch batch = new Batch();
        DoubleBinaryOperator mul = (p, q) -> wrap((long) p * (long) q, d); // long products wrap mod 2^64
        batch.add(x.add(y), Ref.zip(a, b, (p, q) -> p + q, d, d).nd(), 0);
        batch.add(x.sub(y), Ref.zip(a, b, (p, q) -> p - q, d, d).nd(), 0);
        batch.add(x.mul(y), Ref.zip(a, b, mul, d, d).nd(), 0);
        batch.add(x.div(y), Ref.zip(a, b, (p, q) -> p / q, DType.FLOAT64, DType.FLOAT64).nd(), 1e-15);
        batch.add(x.maximum(y), Ref.zip(a, b, Math::max, d, d).nd(), 0);
        batch.add(x.minimum(y), Ref.zip(a, b, Math::min, d, d).nd(), 0);
        batch.add(x.lt(y), Ref.zip(a, b, (p, q) -> p < q ? 1 : 0, d, DType.BOOL).nd(), 0);
        batch.add(x.le(y), Ref.zip(a, b, (p, q) -> p <= q ? 1 : 0, d, DType.BOOL).nd(), 0);
        batch.add(x.gt(y), Ref.zip(a, b, (p, q) -> p > q ? 1 : 0, d, DType.BOOL).nd(), 0);
        batch.add(x.ge(y), Ref.zip(a, b, (p, q) -> p >= q ? 1 : 0, d, DType.BOOL).nd(), 0);
        batch.add(x.eq(x), a.map(p -> 1, d, DType.BOOL).nd(), 0);
        batch.add(x.ne(y), Ref.zip(a, b, (p, q) -> p != q ? 1 : 0, d, DType.BOOL).nd(), 0);
        batch.add(x.neg(), a.map(p -> -p, d, d).nd(), 0); // int8: -(-128) == -128; uint32: 2^32 - p
        batch.add(x.abs(), a.map(Math::abs, d, d).nd(), 0); // int8: abs(-128) == -128, as NumPy
        batch.add(x.sqrt().abs(), a.map(p -> Math.abs(Math.sqrt(p)), d.toFloating(), d.toFloating()).nd(), 1e-6);
        batch.add(ChunkedArray.where(x.gt(y), x, y), Ref.zip(a, b, Math::max, d, d).nd(), 0);
        // a chain of fused ops: wraps at every step, as NumPy's loops do
        batch.add(x.add(y).mul(x).sub(y),
                Ref.zip(Ref.zip(Ref.zip(a, b, (p, q) -> p + q, d, d), a, mul, d, d), b, (p, q) -> p - q, d, d).nd(), 0);
        batch.check();
    }

    /** NEP 50: Python ints keep the array's dtype and must fit it; comparisons with any int are exact. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void scalarsAtTheEdgesOfTheRange(DType d, long[] shape, Chunks ca, Chunks cb) {
        Ref a = values(shape, d, 3);
        ChunkedArray x = a.chunked(ca, true);
        double lo = d == DType.INT8 ? -128 : 0;
        double hi = d == DType.INT8 ? 127 : 4294967295.0;
        double mid = d == DType.INT8 ? -100 : 3e9;
        Batch batch = new Batch();
        batch.add(x.add(hi), a.map(p -> p + hi, d, d).nd(), 0);
        batch.add(x.add(mid), a.map(p -> p + mid, d, d).nd(), 0);
        batch.add(x.sub(hi), a.map(p -> p - hi, d, d).nd(), 0);
        batch.add(x.rsub(lo), a.map(p -> lo - p, d, d).nd(), 0);
        batch.add(x.mul(hi), a.map(p -> wrap((long) p * (long) hi, d), d, d).nd(), 0);
        batch.add(x.maximum(mid), a.map(p -> Math.max(p, mid), d, d).nd(), 0);
        batch.add(x.minimum(mid), a.map(p -> Math.min(p, mid), d, d).nd(), 0);
        batch.add(x.gt(mid), a.map(p -> p > mid ? 1 : 0, d, DType.BOOL).nd(), 0);
        batch.add(x.eq(hi), a.map(p -> p == hi ? 1 : 0, d, DType.BOOL).nd(), 0);
        batch.add(x.ge(lo - 1), a.map(p -> 1, d, DType.BOOL).nd(), 0); // out of range: compared exactly
        batch.add(x.lt(hi + 1), a.map(p -> 1, d, DType.BOOL).nd(), 0);
        batch.add(x.eq(hi + 1), a.map(p -> 0, d, DType.BOOL).nd(), 0);
        batch.add(x.add(0.5), a.map(p -> p + 0.5, DType.FLOAT64, DType.FLOAT64).nd(), 0);
        batch.add(x.clip(lo - 1, hi + 1), a.nd(), 0); // whole bounds beyond the range clip nothing
        batch.add(x.clip(mid, hi), a.map(p -> Math.min(Math.max(p, mid), hi), d, d).nd(), 0);
        batch.check();
        for (double bad : new double[] {lo - 1, hi + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.add(bad));
            assertTrue(e.getMessage().contains(d == DType.INT8 ? "-128..127" : "0..4294967295"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ mixed dtypes, astype

    static Stream<Arguments> mixedPairs() {
        DType[] others = {DType.BOOL, DType.UINT8, DType.INT8, DType.UINT16, DType.INT16, DType.UINT32, DType.INT32,
            DType.INT64, DType.FLOAT32, DType.FLOAT64};
        List<Arguments> out = new ArrayList<>();
        for (DType d : WIDE) {
            for (DType o : others) {
                out.add(Arguments.of(d, o));
            }
        }
        return out.stream();
    }

    /**
     * int8 or uint32 (whole range) with every dtype (small values): NumPy's result dtype, and values
     * computed in it (int8 + uint8 is int16, int8 + uint32 and uint32 + int32 are int64, uint32 with
     * float32 is float64).
     */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("mixedPairs")
    void withEveryOtherDtype(DType d, DType o) {
        long[] shape = {9, 14};
        Ref a = values(shape, d, 4);
        Ref b = Ref.random(new long[] {14}, o, 5); // broadcast along the first axis
        DType p = NumpyTypes.resultType(d, o);
        ChunkedArray x = a.chunked(Chunks.of(4, 5), true);
        ChunkedArray y = b.chunked(Chunks.of(6), false);
        double tol = p == DType.FLOAT32 ? 1e-6 : p == DType.FLOAT64 ? 1e-15 : 0;
        Batch batch = new Batch();
        batch.add(x.add(y), Ref.zip(a, b, (u, v) -> u + v, p, p).nd(), tol);
        batch.add(y.sub(x), Ref.zip(b, a, (u, v) -> u - v, p, p).nd(), tol);
        batch.add(x.maximum(y), Ref.zip(a, b, Math::max, p, p).nd(), tol);
        batch.add(x.lt(y), Ref.zip(a, b, (u, v) -> u < v ? 1 : 0, p, DType.BOOL).nd(), 0);
        batch.add(x.eq(y), Ref.zip(a, b, (u, v) -> u == v ? 1 : 0, p, DType.BOOL).nd(), 0);
        batch.add(ChunkedArray.where(x.gt(0), x, y), Ref.where(a.map(u -> u > 0 ? 1 : 0, d, DType.BOOL), a, b, p).nd(), tol);
        batch.check();
        assertEquals(p, x.mul(y).dtype());
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("mixedPairs")
    void astypeWrapsAndRounds(DType d, DType to) {
        Ref a = values(new long[] {6, 11}, d, 6);
        // uint32 to float32 rounds to nearest; to narrower integers keeps the low bits; to bool is != 0
        ArrayAssert.assertEquals(a.chunked(Chunks.of(4, 3), true).astype(to), a.astype(to).nd(), 0);
        // and back from every dtype (small values; negative integers wrap into uint32; floats are kept in
        // [0, 100), as a negative float to an unsigned type is undefined in C and so in NumPy)
        Ref r = Ref.random(new long[] {6, 11}, to, 7);
        Ref b = to.isFloating() ? r.map(v -> Math.abs(v) * 33, DType.FLOAT64, to) : r;
        ArrayAssert.assertEquals(b.chunked(Chunks.of(5, 5), false).astype(d), b.astype(d).nd(), 0);
    }

    // ------------------------------------------------------------------ reductions

    /**
     * Every reduction over all axes, the last, the first and two out of order; sums and products
     * are int64 (NumPy: uint64 for uint32, the same bits).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void reductionsOverTheWholeRange(DType d, long[] shape, Chunks ca, Chunks cb) {
        Ref a = values(shape, d, 8);
        List<ReductionTest.Red> reds = new ArrayList<>(List.of(ReductionTest.Red.values()));
        reds.remove(ReductionTest.Red.PROD); // checked exactly below: products leave the doubles' exact range
        List<Object[]> variants = new ArrayList<>();
        variants.add(new Object[] {null, false});
        variants.add(new Object[] {new int[] {-1}, true});
        variants.add(new Object[] {new int[] {0}, false});
        if (shape.length > 2) {
            variants.add(new Object[] {new int[] {2, 0}, true});
        }
        for (Object[] v : variants) {
            int[] axes = (int[]) v[0];
            boolean keep = (Boolean) v[1];
            ReductionTest.check(a, ca, keep, reds, axes, keep);
            checkProductExactly(a, cb, axes, keep);
        }
        ReductionTest.checkArg(a, ca, true);
        ReductionTest.checkArg(values(shape, d, 9), cb, false);
    }

    /** prod as int64 against products of the reference values in exact arithmetic, wrapped modulo 2^64. */
    private static void checkProductExactly(Ref a, Chunks chunks, int[] axes, boolean keep) {
        int[] norm = ReductionTest.sorted(axes, a.ndim());
        Ref expected = a.reduce(norm, keep, g -> 0, DType.INT64); // only for the shape
        long[] want = new long[expected.v.length];
        boolean[] red = new boolean[a.ndim()];
        for (int ax : norm) {
            red[ax] = true;
        }
        BigInteger[] prods = new BigInteger[want.length];
        java.util.Arrays.fill(prods, BigInteger.ONE);
        long[] idx = new long[a.ndim()];
        long[] keepShape = a.shape.clone();
        for (int ax : norm) {
            keepShape[ax] = 1;
        }
        long[] o = new long[a.ndim()];
        for (int i = 0; i < a.v.length; i++) {
            for (int ax = 0; ax < o.length; ax++) {
                o[ax] = red[ax] ? 0 : idx[ax];
            }
            int k = (int) Ref.flat(o, keepShape);
            prods[k] = prods[k].multiply(BigInteger.valueOf((long) a.v[i]));
            Ref.increment(idx, a.shape);
        }
        for (int k = 0; k < want.length; k++) {
            want[k] = prods[k].longValue(); // the low 64 bits, two's complement: int64's wrap-around
        }
        ChunkedArray p = ReductionTest.Red.PROD.apply(a.chunked(chunks, !keep), axes, keep);
        assertEquals(DType.INT64, p.dtype());
        for (Scheduler s : ArrayAssert.SCHEDULERS) {
            INDArray got = p.compute(s);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected.shape, got.shape());
            org.junit.jupiter.api.Assertions.assertArrayEquals(want, longs(got), p.toString());
        }
    }

    // ------------------------------------------------------------------ creation

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"INT8", "UINT32"})
    void creationAtTheEdgesOfTheRange(DType d) {
        long[] shape = {7, 5};
        Chunks c = Chunks.of(3, 2);
        double lo = d == DType.INT8 ? -128 : 0;
        double hi = d == DType.INT8 ? 127 : 4294967295.0;
        Batch batch = new Batch();
        // ND4J's assign(double) saturates at 2^31 - 1 for UINT32: full() must not go through it
        batch.add(ChunkedArray.full(shape, hi, d, c), Ref.filled(shape, d, i -> hi).nd(), 0);
        batch.add(ChunkedArray.full(shape, lo, d, c), Ref.filled(shape, d, i -> lo).nd(), 0);
        batch.add(ChunkedArray.full(shape, hi - 0.75, d, c), Ref.filled(shape, d, i -> hi - 1).nd(), 0);
        batch.add(ChunkedArray.ones(shape, d, c), Ref.filled(shape, d, i -> 1).nd(), 0);
        batch.add(ChunkedArray.eye(7, 5, -1, d, c), Ref.filled(shape, d, i -> i[0] - i[1] == 1 ? 1 : 0).nd(), 0);
        long n = d == DType.INT8 ? 256 : 300;
        double start = d == DType.INT8 ? -128 : 4294967296.0 - n;
        batch.add(ChunkedArray.arange(start, start + n, 1, d, Chunks.of(70)),
                Ref.filled(new long[] {n}, d, i -> start + i[0]).nd(), 0);
        batch.add(ChunkedArray.full(shape, hi, d, c).sum(), Nd4j.scalar((long) (hi * 35)), 0);
        batch.check();
        for (double bad : new double[] {lo - 1, hi + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChunkedArray.full(shape, bad, d, c));
            assertTrue(e.getMessage().contains(d == DType.INT8 ? "-128..127" : "0..4294967295"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ integer powers, every integer dtype

    static Stream<DType> integerDtypes() {
        return Stream.of(DType.values()).filter(DType::isInteger);
    }

    /** {@code base ** exp} wrapped to {@code d}, from the exact power's low 64 bits. */
    static long exactPower(long base, long exp, DType d) {
        long low = BigInteger.valueOf(base).pow((int) exp).longValue();
        return d == DType.INT64 ? low : (long) wrap(low, d);
    }

    /**
     * ND4J's Pow computes integer powers in float32 (16777217 ** 1 is 16777216 for INT, UINT32 and
     * LONG; 4294967295 ** 1 is 0 for UINT32); Tessella's are exact and wrap as NumPy's.
     */
    @ParameterizedTest
    @MethodSource("integerDtypes")
    void integerPowersAreExactAndWrap(DType d) {
        long max = (long) d.integerLimit(true);
        long min = (long) d.integerLimit(false);
        if (d == DType.INT64) {
            max = Long.MAX_VALUE; // integerLimit is the largest double below 2^63
        }
        long[] bases = {max, max - 1, Math.min(max, 16777217), 3, 7, 0, 1, 2, min == 0 ? 5 : -3, min,
            Math.min(max, 9007199254740993L), Math.min(max, 46341)};
        long[] exps = {1, 1, 1, 20, 9, 0, 100, 40, 3, 2, 1, 2}; // all fit int8
        long[] want = new long[bases.length];
        long[] cubes = new long[bases.length];
        for (int i = 0; i < bases.length; i++) {
            want[i] = exactPower(bases[i], exps[i], d);
            cubes[i] = exactPower(bases[i], 3, d);
        }
        ChunkedArray x = fromLongs(bases, d, Chunks.of(5));
        ChunkedArray r = x.pow(fromLongs(exps, d, Chunks.of(7)));
        ChunkedArray c = x.pow(3); // a Python int exponent keeps the dtype (NEP 50) and wraps in it
        assertEquals(d, r.dtype());
        assertEquals(d, c.dtype());
        for (Scheduler s : ArrayAssert.SCHEDULERS) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(want, longs(r.compute(s)), d + " ** array");
            org.junit.jupiter.api.Assertions.assertArrayEquals(cubes, longs(c.compute(s)), d + " ** 3");
        }
    }

    @Test
    void negativeIntegerExponentsFailAtCompute() {
        ChunkedArray x = fromLongs(new long[] {2, 3, 4, 5}, DType.INT8, Chunks.of(2));
        ChunkedArray e = fromLongs(new long[] {1, 2, -1, 0}, DType.INT8, Chunks.of(2));
        ChunkedArray r = x.pow(e); // lazy: nothing is checked before compute, as NumPy checks values
        for (Scheduler s : ArrayAssert.SCHEDULERS) {
            TaskFailedException f = assertThrows(TaskFailedException.class, () -> r.compute(s));
            IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, f.getCause());
            assertTrue(cause.getMessage().contains("negative"), cause.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> x.pow(-1)); // a scalar is checked at once
    }

    @Test
    void boolPowerBoolIsInt8() {
        Ref a = Ref.filled(new long[] {4}, DType.BOOL, i -> i[0] % 2);
        Ref b = Ref.filled(new long[] {4}, DType.BOOL, i -> i[0] / 2);
        ChunkedArray r = a.chunked(Chunks.of(3), true).pow(b.chunked(Chunks.of(2), false));
        ArrayAssert.assertEquals(r, Ref.zip(a, b, Math::pow, DType.INT8, DType.INT8).nd(), 0); // 0**0 == 1
    }

    static ChunkedArray fromLongs(long[] v, DType d, Chunks chunks) {
        return ChunkedArray.fromArray(Nd4j.createFromArray(v).castTo(d.nd4j()), chunks);
    }

    /** Elements in C order as longs: UINT32 zero-extended, LONG exact (no detour through double). */
    static long[] longs(INDArray a) {
        if (a.length() == 0) {
            return new long[0];
        }
        return a.castTo(DataType.LONG).dup('c').data().asLong();
    }
}
