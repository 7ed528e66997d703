package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessella.ndarray.TestShapes.Case;

/**
 * Every elementwise operation against the plain-Java reference: array-array (broadcasting,
 * operands chunked differently, every pair of dtypes), array-scalar and scalar-array, unary
 * functions, comparisons, where, clip and astype, with NumPy's result dtypes.
 */
class ElementwiseTest {
    /** Binary operations: Tessella's array and scalar forms and the reference function. */
    enum Bin {
        ADD(ChunkedArray::add, ChunkedArray::add, (a, b) -> a + b),
        SUB(ChunkedArray::sub, ChunkedArray::sub, (a, b) -> a - b),
        MUL(ChunkedArray::mul, ChunkedArray::mul, (a, b) -> a * b),
        DIV(ChunkedArray::div, ChunkedArray::div, (a, b) -> a / b),
        POW(ChunkedArray::pow, ChunkedArray::pow, Math::pow),
        MAXIMUM(ChunkedArray::maximum, ChunkedArray::maximum, Math::max),
        MINIMUM(ChunkedArray::minimum, ChunkedArray::minimum, Math::min),
        LT(ChunkedArray::lt, ChunkedArray::lt, (a, b) -> a < b ? 1 : 0),
        LE(ChunkedArray::le, ChunkedArray::le, (a, b) -> a <= b ? 1 : 0),
        GT(ChunkedArray::gt, ChunkedArray::gt, (a, b) -> a > b ? 1 : 0),
        GE(ChunkedArray::ge, ChunkedArray::ge, (a, b) -> a >= b ? 1 : 0),
        EQ(ChunkedArray::eq, ChunkedArray::eq, (a, b) -> a == b ? 1 : 0),
        NE(ChunkedArray::ne, ChunkedArray::ne, (a, b) -> a != b ? 1 : 0);

        final BiFunction<ChunkedArray, ChunkedArray, ChunkedArray> arrays;
        final BiFunction<ChunkedArray, Double, ChunkedArray> scalar;
        final DoubleBinaryOperator f;

        Bin(BiFunction<ChunkedArray, ChunkedArray, ChunkedArray> arrays,
            BiFunction<ChunkedArray, Double, ChunkedArray> scalar, DoubleBinaryOperator f) {
            this.arrays = arrays;
            this.scalar = scalar;
            this.f = f;
        }

        boolean comparison() {
            return ordinal() >= LT.ordinal();
        }

        /**
         * NumPy's result dtype of {@code a op b} for arrays; null where NumPy raises (bool - bool).
         * bool + bool is logical or, bool * bool logical and (NumPy's bool loops); bool ** bool is
         * int8 (NumPy has no bool power loop and takes the int8 one).
         */
        DType resultType(DType a, DType b) {
            DType p = NumpyTypes.resultType(a, b);
            if (comparison()) {
                return DType.BOOL;
            }
            if (this == DIV) {
                return p.isFloating() ? p : DType.FLOAT64;
            }
            if (p == DType.BOOL) {
                return switch (this) {
                    case ADD, MUL, MAXIMUM, MINIMUM -> DType.BOOL;
                    case POW -> DType.INT8;
                    default -> null;
                };
            }
            return p;
        }

        /** The type NumPy computes {@code a op b} in. */
        DType computeType(DType a, DType b) {
            return comparison() ? NumpyTypes.resultType(a, b) : resultType(a, b);
        }

        DType scalarResultType(DType a, double s) {
            DType p = NumpyTypes.withScalar(a, isFloat(s));
            if (comparison()) {
                return DType.BOOL;
            }
            if (this == DIV) {
                return p.isFloating() ? p : DType.FLOAT64;
            }
            return p;
        }

        DType scalarComputeType(DType a, double s) {
            return comparison() ? NumpyTypes.withScalar(a, isFloat(s)) : scalarResultType(a, s);
        }
    }

    /** Unary operations, their reference, and whether they give floats. */
    enum Un {
        NEG(ChunkedArray::neg, x -> -x, false),
        ABS(ChunkedArray::abs, Math::abs, false),
        EXP(ChunkedArray::exp, Math::exp, true),
        LOG(ChunkedArray::log, Math::log, true),
        SQRT(ChunkedArray::sqrt, Math::sqrt, true),
        SIN(ChunkedArray::sin, Math::sin, true),
        COS(ChunkedArray::cos, Math::cos, true),
        TANH(ChunkedArray::tanh, Math::tanh, true);

        final Function<ChunkedArray, ChunkedArray> op;
        final DoubleUnaryOperator f;
        final boolean floating;

        Un(Function<ChunkedArray, ChunkedArray> op, DoubleUnaryOperator f, boolean floating) {
            this.op = op;
            this.f = f;
            this.floating = floating;
        }
    }

    /** Relative tolerance for results of {@code dtype}: a few ulps for floats, exact otherwise. */
    static double tol(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> 1e-12;
            case FLOAT32 -> 2e-6;
            default -> 0;
        };
    }

    /** Operands for {@code op}: pow gets small bases and exponents 0..3 for integers, so nothing overflows. */
    static Ref[] operands(Bin op, long[] sa, DType da, long[] sb, DType db, long seed) {
        Ref a = Ref.random(sa, da, seed);
        Ref b = Ref.random(sb, db, seed + 1);
        if (op == Bin.POW) {
            if (da.isInteger()) {
                a = a.map(x -> x % 6, DType.FLOAT64, da);
            }
            if (db.isInteger()) {
                b = b.map(x -> Math.abs(x) % 4, DType.FLOAT64, db);
            }
        }
        return new Ref[] {a, b};
    }

    /** Adds {@code a op b} to {@code batch}, or checks at once that it is refused where NumPy raises. */
    static void checkBinary(Batch batch, Bin op, Ref a, Chunks ca, boolean sourceA, Ref b, Chunks cb, boolean sourceB) {
        ChunkedArray x = a.chunked(ca, sourceA);
        ChunkedArray y = b.chunked(cb, sourceB);
        DType out = op.resultType(a.dtype, b.dtype);
        if (out == null) {
            assertThrows(IllegalArgumentException.class, () -> op.arrays.apply(x, y));
            return;
        }
        Ref expected = Ref.zip(a, b, op.f, op.computeType(a.dtype, b.dtype), out);
        batch.add(op.arrays.apply(x, y), expected.nd(), tol(out));
    }

    // ------------------------------------------------------------------ array op array

    /** Every case and op; the second operand is cut into 3s along every axis, so chunks differ. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.ndarray.TestShapes#all")
    void binaryOnCatalogue(Case c) {
        Batch batch = new Batch();
        for (Bin op : Bin.values()) {
            Ref[] ab = operands(op, c.shape(), DType.FLOAT64, c.shape(), DType.FLOAT64, 11);
            long[] threes = new long[c.ndim()];
            java.util.Arrays.fill(threes, 3);
            checkBinary(batch, op, ab[0], c.chunks(), true, ab[1], Chunks.of(threes), false);
            checkBinary(batch, op, ab[0], c.chunks(), false, ab[1], c.chunks(), true);
        }
        batch.check();
    }

    static Stream<Arguments> dtypePairs() {
        return Stream.of(DType.values()).flatMap(a -> Stream.of(DType.values()).map(b -> Arguments.of(a, b)));
    }

    /** Every pair of dtypes and every op: NumPy's result dtype and values (blocks from sources, so donation runs). */
    @ParameterizedTest(name = "{0} op {1}")
    @MethodSource("dtypePairs")
    void binaryDtypeMatrix(DType da, DType db) {
        long[] shape = {7};
        Batch batch = new Batch();
        for (Bin op : Bin.values()) {
            Ref[] ab = operands(op, shape, da, shape, db, 21);
            checkBinary(batch, op, ab[0], Chunks.of(3), true, ab[1], Chunks.of(4), true);
        }
        batch.check();
    }

    static Stream<Arguments> broadcasts() {
        return Stream.of(
                Arguments.of(new long[] {10, 13}, Chunks.of(4, 5), new long[] {13}, Chunks.of(3)),
                Arguments.of(new long[] {10, 1}, Chunks.of(3, 1), new long[] {1, 13}, Chunks.of(1, 6)),
                Arguments.of(new long[] {4, 1, 6}, Chunks.of(3, 1, 4), new long[] {5, 1}, Chunks.of(2, 1)),
                Arguments.of(new long[] {2, 3, 4, 5}, Chunks.of(1, 2, 3, 2), new long[] {4, 1}, Chunks.of(-1, -1)),
                Arguments.of(new long[] {2, 3, 4, 5}, Chunks.of(1, 2, 3, 2), new long[] {3, 1, 5}, Chunks.of(1, 1, 4)),
                Arguments.of(new long[] {}, Chunks.of(), new long[] {10, 13}, Chunks.of(4, 5)),
                Arguments.of(new long[] {10, 13}, Chunks.of(4, 5), new long[] {10, 13}, Chunks.of(3, 7)),
                Arguments.of(new long[] {10, 13}, Chunks.of(1, 1), new long[] {10, 13}, Chunks.of(-1, -1)),
                Arguments.of(new long[] {10, 13}, Chunks.explicit(new long[] {3, 7}, new long[] {1, 11, 1}),
                        new long[] {10, 13}, Chunks.explicit(new long[] {6, 4}, new long[] {12, 1})),
                Arguments.of(new long[] {0, 5}, Chunks.of(2, 2), new long[] {5}, Chunks.of(3)),
                Arguments.of(new long[] {7, 0, 3}, Chunks.of(2, 1, 2), new long[] {1, 3}, Chunks.of(1, 1)),
                Arguments.of(new long[] {1}, Chunks.of(1), new long[] {0}, Chunks.of(2)),
                Arguments.of(new long[] {1, 1}, Chunks.of(1, 1), new long[] {}, Chunks.of()));
    }

    @ParameterizedTest(name = "{0} with {2}")
    @MethodSource("broadcasts")
    void broadcasting(long[] sa, Chunks ca, long[] sb, Chunks cb) {
        Batch batch = new Batch();
        for (Bin op : List.of(Bin.ADD, Bin.SUB, Bin.DIV, Bin.POW, Bin.LT, Bin.MAXIMUM)) {
            Ref[] ab = operands(op, sa, DType.FLOAT64, sb, DType.INT32, 31);
            checkBinary(batch, op, ab[0], ca, true, ab[1], cb, false);
            checkBinary(batch, op, ab[1], cb, true, ab[0], ca, true);
        }
        batch.check();
    }

    /** Blocks of F-order data are strided views: broadcasting, casts and in-place kernels must read them right. */
    @Test
    void stridedBlocksInEveryKernel() {
        Ref a = Ref.random(new long[] {6, 7}, DType.FLOAT32, 42);
        Ref b = Ref.random(new long[] {7}, DType.INT32, 43);
        Ref c = Ref.random(new long[] {6, 1}, DType.FLOAT64, 44);
        ChunkedArray x = ChunkedArray.fromArray(a.nd().dup('f'), Chunks.of(4, 3));
        ChunkedArray y = ChunkedArray.fromArray(b.nd(), Chunks.of(2));
        ChunkedArray z = ChunkedArray.fromArray(c.nd().dup('f'), Chunks.of(5, 1));
        ArrayAssert.assertAllEquals(
                List.of(x.add(y), x.mul(z), y.sub(x).exp(), x.astype(DType.INT16), x.gt(z),
                        ChunkedArray.where(x.gt(0), y, z), x.pow(2).sqrt(), z.rdiv(1).add(x)),
                List.of(Ref.zip(a, b, (p, q) -> p + q, DType.FLOAT64, DType.FLOAT64).nd(),
                        Ref.zip(a, c, (p, q) -> p * q, DType.FLOAT64, DType.FLOAT64).nd(),
                        Ref.zip(b, a, (p, q) -> Math.exp(p - q), DType.FLOAT64, DType.FLOAT64).nd(),
                        a.astype(DType.INT16).nd(),
                        Ref.zip(a, c, (p, q) -> p > q ? 1 : 0, DType.FLOAT64, DType.BOOL).nd(),
                        Ref.where(a.map(v -> v > 0 ? 1 : 0, DType.FLOAT64, DType.BOOL), b, c, DType.FLOAT64).nd(),
                        a.map(v -> Math.sqrt(v * v), DType.FLOAT32, DType.FLOAT32).nd(),
                        Ref.zip(c, a, (p, q) -> 1 / p + q, DType.FLOAT64, DType.FLOAT64).nd()),
                new double[] {1e-12, 1e-12, 1e-12, 0, 0, 0, 2e-6, 1e-12});
    }

    @Test
    void sameArrayOnBothSides() {
        Ref a = Ref.random(new long[] {10, 13}, DType.FLOAT64, 41);
        for (boolean source : new boolean[] {true, false}) {
            ChunkedArray x = a.chunked(Chunks.of(4, 5), source);
            ArrayAssert.assertEquals(x.mul(x), Ref.zip(a, a, (p, q) -> p * q, DType.FLOAT64, DType.FLOAT64).nd(), 1e-12);
            ArrayAssert.assertEquals(x.add(1).mul(x.add(1)),
                    Ref.zip(a, a, (p, q) -> (p + 1) * (q + 1), DType.FLOAT64, DType.FLOAT64).nd(), 1e-12);
        }
    }

    // ------------------------------------------------------------------ scalars

    static Stream<Arguments> someByDtype() {
        return TestShapes.some().flatMap(c -> Stream.of(DType.values()).map(d -> Arguments.of(c, d)));
    }

    /** 0-d, empty and ragged 3-d, every dtype: the scalar matrices are the largest. */
    static Stream<Arguments> fewByDtype() {
        return TestShapes.few().filter(c -> c.ndim() != 1 || c.size() == 0)
                .flatMap(c -> Stream.of(DType.values()).map(d -> Arguments.of(c, d)));
    }

    /** {@code x op s} and {@code s op x} (rsub, rdiv) for integer-valued, negative and fractional scalars. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fewByDtype")
    void scalarOps(Case c, DType d) {
        Batch batch = new Batch();
        for (double s : new double[] {2, -1.5}) {
            for (Bin op : Bin.values()) {
                Ref a = operands(op, c.shape(), d, c.shape(), d, 51)[0];
                DType out = op.scalarResultType(d, s);
                DType compute = op.scalarComputeType(d, s);
                double sc = Ref.convert(s, compute);
                Ref expected = a.map(x -> op.f.applyAsDouble(x, sc), compute, out);
                batch.add(op.scalar.apply(a.chunked(c.chunks(), true), s), expected.nd(), tol(out));
            }
            Ref a = Ref.random(c.shape(), d, 52);
            DType out = Bin.SUB.scalarResultType(d, s);
            double sc = Ref.convert(s, out);
            batch.add(a.chunked(c.chunks(), false).rsub(s), a.map(x -> sc - x, out, out).nd(), tol(out));
            DType outDiv = Bin.DIV.scalarResultType(d, s);
            double scd = Ref.convert(s, outDiv);
            batch.add(a.chunked(c.chunks(), true).rdiv(s), a.map(x -> scd / x, outDiv, outDiv).nd(), tol(outDiv));
        }
        batch.check();
    }

    /** NumPy's maximum/minimum (and so clip) propagate NaN from either side; comparisons with NaN are false. */
    @Test
    void maximumAndMinimumPropagateNaN() {
        Ref a = Ref.random(new long[] {4, 6}, DType.FLOAT64, 65).map(v -> v > 2 ? Double.NaN : v, DType.FLOAT64, DType.FLOAT64);
        Ref b = Ref.random(new long[] {4, 6}, DType.FLOAT32, 66).map(v -> v < -2 ? Double.NaN : v, DType.FLOAT32, DType.FLOAT32);
        ChunkedArray x = a.chunked(Chunks.of(3, 4), true);
        ChunkedArray y = b.chunked(Chunks.of(2, 2), false);
        ArrayAssert.assertAllEquals(
                List.of(x.maximum(y), y.maximum(x), x.minimum(y), y.minimum(x), x.maximum(0.5), x.minimum(Double.NaN),
                        x.clip(-1, 1), y.clip(-0.5, 0.5), x.gt(y), x.le(y)),
                List.of(Ref.zip(a, b, Math::max, DType.FLOAT64, DType.FLOAT64).nd(),
                        Ref.zip(b, a, Math::max, DType.FLOAT64, DType.FLOAT64).nd(),
                        Ref.zip(a, b, Math::min, DType.FLOAT64, DType.FLOAT64).nd(),
                        Ref.zip(b, a, Math::min, DType.FLOAT64, DType.FLOAT64).nd(),
                        a.map(v -> Math.max(v, 0.5), DType.FLOAT64, DType.FLOAT64).nd(),
                        a.map(v -> Double.NaN, DType.FLOAT64, DType.FLOAT64).nd(),
                        a.map(v -> Math.min(Math.max(v, -1), 1), DType.FLOAT64, DType.FLOAT64).nd(),
                        b.map(v -> Math.min(Math.max(v, -0.5), 0.5), DType.FLOAT32, DType.FLOAT32).nd(),
                        Ref.zip(a, b, (p, q) -> p > q ? 1 : 0, DType.FLOAT64, DType.BOOL).nd(),
                        Ref.zip(a, b, (p, q) -> p <= q ? 1 : 0, DType.FLOAT64, DType.BOOL).nd()),
                new double[10]);
    }

    @Test
    void scalarsWithNaNAndInfinity() {
        Ref a = Ref.random(new long[] {10}, DType.FLOAT64, 61);
        ChunkedArray x = a.chunked(Chunks.of(3), true);
        ArrayAssert.assertEquals(x.add(Double.NaN), a.map(v -> v + Double.NaN, DType.FLOAT64, DType.FLOAT64).nd(), 0);
        ArrayAssert.assertEquals(x.mul(Double.POSITIVE_INFINITY),
                a.map(v -> v * Double.POSITIVE_INFINITY, DType.FLOAT64, DType.FLOAT64).nd(), 0);
        ArrayAssert.assertEquals(x.div(0), a.map(v -> v / 0.0, DType.FLOAT64, DType.FLOAT64).nd(), 0);
        ArrayAssert.assertEquals(x.lt(Double.NaN), a.map(v -> 0, DType.FLOAT64, DType.BOOL).nd(), 0);
        ArrayAssert.assertEquals(x.ne(Double.NaN), a.map(v -> 1, DType.FLOAT64, DType.BOOL).nd(), 0);
        // an integer array with a float scalar becomes float64 (NEP 50)
        Ref i = Ref.random(new long[] {10}, DType.INT32, 62);
        ArrayAssert.assertEquals(i.chunked(Chunks.of(4), true).add(Double.POSITIVE_INFINITY),
                i.map(v -> Double.POSITIVE_INFINITY, DType.FLOAT64, DType.FLOAT64).nd(), 0);
    }

    /**
     * Integer scalars beyond the array's integer range: comparisons are exact (as NumPy 2 compares
     * out-of-range Python ints), arithmetic is refused (BadInputTest), clip moves such bounds to
     * the range's ends.
     */
    @Test
    void integerScalarsOutsideTheArraysRange() {
        Ref u = Ref.random(new long[] {10}, DType.UINT8, 63);
        ChunkedArray x = u.chunked(Chunks.of(4), true);
        ArrayAssert.assertEquals(x.lt(300), u.map(v -> 1, DType.FLOAT64, DType.BOOL).nd(), 0);
        ArrayAssert.assertEquals(x.eq(-1), u.map(v -> 0, DType.FLOAT64, DType.BOOL).nd(), 0);
        ArrayAssert.assertEquals(x.ne(256), u.map(v -> 1, DType.FLOAT64, DType.BOOL).nd(), 0);
        ArrayAssert.assertEquals(x.ge(-5), u.map(v -> 1, DType.FLOAT64, DType.BOOL).nd(), 0);
        ArrayAssert.assertEquals(x.clip(-1, 300), u.nd(), 0);
        ArrayAssert.assertEquals(x.clip(-1, 50), u.map(v -> Math.min(v, 50), DType.UINT8, DType.UINT8).nd(), 0);
        Ref i = Ref.random(new long[] {10}, DType.INT32, 64);
        ChunkedArray y = i.chunked(Chunks.of(3), false);
        ArrayAssert.assertEquals(y.gt(3e9), i.map(v -> 0, DType.FLOAT64, DType.BOOL).nd(), 0);
        ArrayAssert.assertEquals(y.gt(-3e9), i.map(v -> 1, DType.FLOAT64, DType.BOOL).nd(), 0);
        ArrayAssert.assertEquals(y.clip(-3e9, 3e9), i.nd(), 0);
        Ref l = Ref.random(new long[] {10}, DType.INT64, 65);
        ArrayAssert.assertEquals(l.chunked(Chunks.of(3), true).clip(0, 1e19),
                l.map(v -> Math.max(v, 0), DType.INT64, DType.INT64).nd(), 0);
    }

    // ------------------------------------------------------------------ unary

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.ndarray.TestShapes#all")
    void unaryOnCatalogue(Case c) {
        Ref a = Ref.random(c.shape(), DType.FLOAT64, 71);
        Batch batch = new Batch();
        for (Un op : Un.values()) {
            for (boolean source : new boolean[] {true, false}) {
                batch.add(op.op.apply(a.chunked(c.chunks(), source)), a.map(op.f, DType.FLOAT64, DType.FLOAT64).nd(), 1e-12);
            }
        }
        batch.check();
    }

    static Stream<Arguments> unaryByDtype() {
        return Stream.of(DType.values()).flatMap(d -> Stream.of(Un.values()).map(op -> Arguments.of(d, op)));
    }

    /**
     * NumPy's dtypes: float functions as {@link NumpyTypes#floatFunction}; neg and abs keep the
     * dtype (unsigned neg wraps); abs of bool is bool; neg of bool raises in NumPy.
     */
    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("unaryByDtype")
    void unaryDtypes(DType d, Un op) {
        Ref a = Ref.random(new long[] {3, 4, 5}, d, 72);
        ChunkedArray x = a.chunked(Chunks.of(2, 3, 2), true);
        if (op == Un.NEG && d == DType.BOOL) {
            assertThrows(IllegalArgumentException.class, x::neg);
            return;
        }
        DType out = op.floating ? NumpyTypes.floatFunction(d) : d;
        ArrayAssert.assertEquals(op.op.apply(x), a.map(op.f, out, out).nd(), tol(out));
    }

    // ------------------------------------------------------------------ where, clip, astype

    static Stream<Arguments> wheres() {
        return Stream.of(
                Arguments.of(new long[] {10, 13}, Chunks.of(4, 5), new long[] {10, 13}, Chunks.of(3, 3),
                        new long[] {10, 13}, Chunks.of(-1, 2)),
                Arguments.of(new long[] {10, 1}, Chunks.of(3, 1), new long[] {13}, Chunks.of(4),
                        new long[] {}, Chunks.of()),
                Arguments.of(new long[] {3, 4, 5}, Chunks.of(2, 3, 2), new long[] {4, 1}, Chunks.of(1, 1),
                        new long[] {5}, Chunks.of(5)),
                Arguments.of(new long[] {7, 0, 3}, Chunks.of(2, 1, 2), new long[] {3}, Chunks.of(2),
                        new long[] {7, 1, 1}, Chunks.of(3, 1, 1)),
                Arguments.of(new long[] {}, Chunks.of(), new long[] {}, Chunks.of(), new long[] {}, Chunks.of()));
    }

    @ParameterizedTest(name = "where({0}, {2}, {4})")
    @MethodSource("wheres")
    void where(long[] sc, Chunks cc, long[] sx, Chunks cx, long[] sy, Chunks cy) {
        DType[][] types = {
            {DType.BOOL, DType.FLOAT64, DType.FLOAT64},
            {DType.BOOL, DType.INT32, DType.FLOAT32},
            {DType.FLOAT64, DType.UINT8, DType.INT16},
            {DType.INT32, DType.BOOL, DType.BOOL},
        };
        for (DType[] t : types) {
            Ref c = Ref.random(sc, t[0], 81);
            Ref x = Ref.random(sx, t[1], 82);
            Ref y = Ref.random(sy, t[2], 83);
            DType out = NumpyTypes.resultType(t[1], t[2]);
            ChunkedArray r = ChunkedArray.where(c.chunked(cc, true), x.chunked(cx, true), y.chunked(cy, false));
            ArrayAssert.assertEquals(r, Ref.where(c, x, y, out).nd(), tol(out));
        }
    }

    @Test
    void whereTreatsNonZeroAndNaNAsTrue() {
        // NumPy: bool(nan) is True, so where(nan, x, y) takes x
        Ref c = Ref.random(new long[] {10}, DType.FLOAT64, 84).map(v -> v > 1 ? Double.NaN : v > 0 ? 0 : v,
                DType.FLOAT64, DType.FLOAT64);
        Ref x = Ref.random(new long[] {10}, DType.INT16, 85);
        Ref y = Ref.random(new long[] {10}, DType.INT16, 86);
        ArrayAssert.assertEquals(ChunkedArray.where(c.chunked(Chunks.of(3), true), x.chunked(Chunks.of(4), true),
                y.chunked(Chunks.of(10), false)), Ref.where(c, x, y, DType.INT16).nd(), 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fewByDtype")
    void clip(Case c, DType d) {
        Ref a = Ref.random(c.shape(), d, 91);
        double[][] bounds = {{-1, 2}, {-0.5, 0.5}, {2, 2}, {Double.NEGATIVE_INFINITY, 10}};
        for (double[] b : bounds) {
            boolean isFloat = isFloat(b[0]) || isFloat(b[1]);
            if (d == DType.BOOL && !isFloat) {
                continue; // bool with integer bounds: clipBoolWithIntegerBounds
            }
            // np.clip(x, lo, hi) == minimum(maximum(x, lo), hi); dtype by NEP 50 with Python scalars;
            // whole bounds outside an unsigned range clip nothing on that side (ChunkedArray.clip)
            DType out = NumpyTypes.withScalar(d, isFloat);
            boolean unsigned = NumpyTypes.isUnsigned(out);
            double lo = Ref.convert(unsigned && !isFloat ? Math.max(b[0], 0) : b[0], out);
            double hi = Ref.convert(b[1], out);
            ArrayAssert.assertEquals(a.chunked(c.chunks(), true).clip(b[0], b[1]),
                    a.map(x -> Math.min(Math.max(x, lo), hi), out, out).nd(), tol(out));
        }
    }

    /** How NumPy sees a Python number: a float unless it is a finite whole number. */
    static boolean isFloat(double s) {
        return !(Double.isFinite(s) && s == Math.rint(s));
    }

    @Test
    void clipBoolWithIntegerBounds() {
        Ref a = Ref.random(new long[] {10}, DType.BOOL, 92);
        ArrayAssert.assertEquals(a.chunked(Chunks.of(3), true).clip(0, 0),
                a.map(x -> 0, DType.INT64, DType.INT64).nd(), 0);
    }

    static Stream<Arguments> astypeSources() {
        return TestShapes.few().flatMap(c -> Stream.of(DType.values()).map(d -> Arguments.of(c, d)));
    }

    /**
     * astype between every pair: floats truncate toward zero (values kept in [0, 100) so every
     * target holds them), signed to unsigned wraps, anything to bool is {@code != 0}.
     */
    @ParameterizedTest(name = "{0} {1} to every dtype")
    @MethodSource("astypeSources")
    void astype(Case c, DType from) {
        Ref r = Ref.random(c.shape(), from, 101);
        Ref a = from.isFloating() ? r.map(x -> Math.abs(x) * 33, DType.FLOAT64, from) : r;
        Batch batch = new Batch();
        for (DType to : DType.values()) {
            batch.add(a.chunked(c.chunks(), true).astype(to), a.astype(to).nd(), 0);
            batch.add(a.chunked(c.chunks(), false).astype(to), a.astype(to).nd(), 0);
        }
        batch.check();
    }

    @Test
    void astypeOfNegativeFloatsTruncatesTowardZero() {
        Ref a = Ref.random(new long[] {4, 5}, DType.FLOAT64, 102).map(x -> x * 20, DType.FLOAT64, DType.FLOAT64);
        for (DType to : List.of(DType.INT16, DType.INT32, DType.INT64, DType.FLOAT32, DType.BOOL)) {
            ArrayAssert.assertEquals(a.chunked(Chunks.of(3, 2), true).astype(to), a.astype(to).nd(), 0);
        }
    }

    @Test
    void astypeToSameDtypeIsTheSameArray() {
        ChunkedArray x = Ref.random(new long[] {4}, DType.INT32, 103).chunked(Chunks.of(3), true);
        assertTrue(x.astype(DType.INT32) == x);
    }

    @Test
    void longChainsOfOperations() {
        // a chain of 12 elementwise ops over differently chunked inputs: fused into few tasks per block
        Ref a = Ref.random(new long[] {10, 13}, DType.FLOAT64, 111);
        Ref b = Ref.random(new long[] {13}, DType.FLOAT32, 112);
        ChunkedArray x = a.chunked(Chunks.of(4, 5), true);
        ChunkedArray y = b.chunked(Chunks.of(6), true);
        ChunkedArray r = x.add(1).mul(y).sub(x).abs().sqrt().add(y.exp()).maximum(0.5).minimum(x.add(3))
                .div(2).neg().tanh().mul(x);
        Ref expected = Ref.zip(a, b, (p, q) -> {
            double v = Math.sqrt(Math.abs((p + 1) * q - p)) + Math.exp(q);
            v = Math.min(Math.max(v, 0.5), p + 3);
            return Math.tanh(-(v / 2)) * p;
        }, DType.FLOAT64, DType.FLOAT64);
        ArrayAssert.assertEquals(r, expected.nd(), 1e-6);
    }
}
