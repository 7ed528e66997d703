package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.TestShapes.Case;

/**
 * Every reduction against the plain-Java reference over the shape catalogue: all axes, single
 * axes, several axes, negative axes, no axes, keepDims true and false, the input dtypes NumPy
 * distinguishes, empty reductions, NaN, ties, deep trees, and a variance that sum-of-squares gets
 * wrong.
 */
class ReductionTest {
    /** A reduction over a set of axes (null: all), with its reference and NumPy's result dtype. */
    enum Red {
        SUM, PROD, MEAN, VAR0, VAR1, STD0, STD1, MIN, MAX, ANY, ALL;

        ChunkedArray apply(ChunkedArray x, int[] axes, boolean keepDims) {
            if (axes == null && !keepDims) {
                return switch (this) { // the no-argument forms
                    case SUM -> x.sum();
                    case PROD -> x.prod();
                    case MEAN -> x.mean();
                    case VAR0 -> x.var();
                    case VAR1 -> x.var(null, false, 1);
                    case STD0 -> x.std();
                    case STD1 -> x.std(null, false, 1);
                    case MIN -> x.min();
                    case MAX -> x.max();
                    case ANY -> x.any();
                    case ALL -> x.all();
                };
            }
            return switch (this) {
                case SUM -> x.sum(axes, keepDims);
                case PROD -> x.prod(axes, keepDims);
                case MEAN -> x.mean(axes, keepDims);
                case VAR0 -> x.var(axes, keepDims, 0);
                case VAR1 -> x.var(axes, keepDims, 1);
                case STD0 -> x.std(axes, keepDims, 0);
                case STD1 -> x.std(axes, keepDims, 1);
                case MIN -> x.min(axes, keepDims);
                case MAX -> x.max(axes, keepDims);
                case ANY -> x.any(axes, keepDims);
                case ALL -> x.all(axes, keepDims);
            };
        }

        double reference(double[] g) {
            return switch (this) {
                case SUM -> Ref.sum(g);
                case PROD -> Ref.prod(g);
                case MEAN -> Ref.mean(g);
                case VAR0 -> Ref.var(g, 0);
                case VAR1 -> Ref.var(g, 1);
                case STD0 -> Math.sqrt(Ref.var(g, 0));
                case STD1 -> Math.sqrt(Ref.var(g, 1));
                case MIN -> Ref.min(g);
                case MAX -> Ref.max(g);
                case ANY -> Ref.any(g);
                case ALL -> Ref.all(g);
            };
        }

        /**
         * NumPy's result dtype: sum and prod of bool and integers give int64 (NumPy gives uint64
         * for unsigned inputs, uint8 to uint32, which Tessella does not have), mean/var/std of
         * non-floats give float64, min/max keep the dtype, any/all give bool.
         */
        DType resultType(DType in) {
            return switch (this) {
                case SUM, PROD -> in.isFloating() ? in : DType.INT64;
                case MEAN, VAR0, VAR1, STD0, STD1 -> in.isFloating() ? in : DType.FLOAT64;
                case MIN, MAX -> in;
                case ANY, ALL -> DType.BOOL;
            };
        }

        /** min and max have no identity: NumPy raises on an empty reduction. */
        boolean needsElements() {
            return this == MIN || this == MAX;
        }
    }

    static double tol(DType out) {
        return switch (out) {
            case FLOAT64 -> 1e-10;
            case FLOAT32 -> 1e-4;
            default -> 0;
        };
    }

    /** Inputs for a dtype; prod gets values whose products neither overflow nor underflow. */
    static Ref input(long[] shape, DType d, Red r, long seed) {
        Ref a = Ref.random(shape, d, seed);
        if (r == Red.PROD) {
            if (d.isFloating()) {
                return a.map(x -> 1 + x / 6, DType.FLOAT64, d);
            }
            if (d.isInteger()) {
                // +-1 (1 or 2 for unsigned), 2 rarely: no overflow over the largest case
                boolean unsigned = NumpyTypes.isUnsigned(d);
                return a.map(x -> Math.floorMod((long) x, 7) == 0 ? (unsigned ? 2 : -1) : 1, DType.FLOAT64, d);
            }
        }
        return a;
    }

    static int[] sorted(int[] axes, int ndim) {
        if (axes == null) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axes[i] < 0 ? axes[i] + ndim : axes[i];
        }
        Arrays.sort(out);
        return out;
    }

    static boolean reducesNothing(long[] shape, int[] axes) {
        long n = 1;
        for (int a : axes) {
            n *= shape[a];
        }
        return n == 0;
    }

    /**
     * The axis choices for an array of {@code ndim} axes: {axes (null = all), keepDims}: all axes
     * both ways, no axes (for 1 and 2 axes), each single axis (the last one negative), two axes
     * given out of order and negative, three axes out of order.
     */
    static List<Object[]> variants(int ndim) {
        List<Object[]> v = new ArrayList<>();
        v.add(new Object[] {null, false});
        v.add(new Object[] {null, true});
        if (ndim == 1 || ndim == 2) {
            v.add(new Object[] {new int[0], false});
        }
        for (int a = 0; a < ndim; a++) {
            v.add(new Object[] {new int[] {a == ndim - 1 ? -1 : a}, a % 2 == 0});
        }
        if (ndim >= 2) {
            v.add(new Object[] {new int[] {-1, 0}, false});
        }
        if (ndim >= 3) {
            v.add(new Object[] {new int[] {2, 0, 1}, true});
        }
        return v;
    }

    /** Checks every reduction in {@code reds} of {@code a} for one axis choice, in one batch. */
    static void check(Ref a, Chunks chunks, boolean source, List<Red> reds, int[] axes, boolean keepDims) {
        check(a, null, chunks, source, reds, axes, keepDims);
    }

    /** As above; prod reduces {@code prodInput} if given (values whose products stay in range). */
    static void check(Ref a, Ref prodInput, Chunks chunks, boolean source, List<Red> reds, int[] axes, boolean keepDims) {
        ChunkedArray xa = a.chunked(chunks, source);
        ChunkedArray xp = prodInput == null ? xa : prodInput.chunked(chunks, !source);
        int[] norm = sorted(axes, a.ndim());
        List<ChunkedArray> actual = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        List<Double> tols = new ArrayList<>();
        for (Red r : reds) {
            Ref in = r == Red.PROD && prodInput != null ? prodInput : a;
            ChunkedArray x = r == Red.PROD ? xp : xa;
            if (r.needsElements() && reducesNothing(a.shape, norm)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.apply(x, axes, keepDims),
                        r + " over " + Arrays.toString(axes) + " of " + x);
                assertTrue(e.getMessage().contains(Arrays.toString(a.shape)), e.getMessage());
                continue;
            }
            DType out = r.resultType(a.dtype);
            actual.add(r.apply(x, axes, keepDims));
            expected.add(in.reduce(norm, keepDims, r::reference, out).nd());
            tols.add(tol(out));
        }
        ArrayAssert.assertAllEquals(actual, expected, tols.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** argmin/argmax: flattened, and along each axis (also negative), keepDims both ways. */
    static void checkArg(Ref a, Chunks chunks, boolean source) {
        ChunkedArray x = a.chunked(chunks, source);
        List<ChunkedArray> actual = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        boolean empty = a.v.length == 0;
        if (empty) {
            assertThrows(IllegalArgumentException.class, x::argmax);
            assertThrows(IllegalArgumentException.class, x::argmin);
        } else {
            int[] all = sorted(null, a.ndim());
            actual.add(x.argmax());
            expected.add(a.reduce(all, false, Ref::argmax, DType.INT64).nd());
            actual.add(x.argmin());
            expected.add(a.reduce(all, false, Ref::argmin, DType.INT64).nd());
        }
        for (int axis = -1; axis < a.ndim(); axis++) {
            if (axis == -1 && a.ndim() == 0) {
                continue;
            }
            int ax = axis < 0 ? axis + a.ndim() : axis;
            boolean keep = axis % 2 != 0;
            int axisArg = axis;
            if (a.shape[ax] == 0) {
                assertThrows(IllegalArgumentException.class, () -> x.argmax(axisArg, keep));
                continue;
            }
            actual.add(x.argmax(axis, keep));
            expected.add(a.reduce(new int[] {ax}, keep, Ref::argmax, DType.INT64).nd());
            actual.add(x.argmin(axis, keep));
            expected.add(a.reduce(new int[] {ax}, keep, Ref::argmin, DType.INT64).nd());
        }
        double[] tols = new double[actual.size()];
        ArrayAssert.assertAllEquals(actual, expected, tols);
    }

    // ------------------------------------------------------------------ float64 over the catalogue

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.ndarray.TestShapes#reductions")
    void float64OnCatalogue(Case c) {
        for (Object[] v : variants(c.ndim())) {
            int[] axes = (int[]) v[0];
            boolean keep = (Boolean) v[1];
            check(Ref.random(c.shape(), DType.FLOAT64, 7), input(c.shape(), DType.FLOAT64, Red.PROD, 8), c.chunks(),
                    !keep, List.of(Red.values()), axes, keep);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.tessella.ndarray.TestShapes#reductions")
    void argOnCatalogue(Case c) {
        checkArg(Ref.random(c.shape(), DType.FLOAT64, 9), c.chunks(), true);
        checkArg(Ref.random(c.shape(), DType.INT16, 10), c.chunks(), false); // many ties
    }

    // ------------------------------------------------------------------ dtypes

    static Stream<Arguments> fewByDtype() {
        return TestShapes.few().flatMap(c -> Stream.of(DType.values()).map(d -> Arguments.of(c, d)));
    }

    /** Result dtypes as NumPy (sum of int32 is int64, mean of int is float64, ...) and values. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fewByDtype")
    void dtypes(Case c, DType d) {
        List<Object[]> vs = new ArrayList<>();
        vs.add(new Object[] {null, false});
        if (c.ndim() > 0) {
            vs.add(new Object[] {new int[] {-1}, true});
        }
        for (Object[] v : vs) {
            int[] axes = (int[]) v[0];
            boolean keep = (Boolean) v[1];
            check(Ref.random(c.shape(), d, 11), input(c.shape(), d, Red.PROD, 12), c.chunks(), true,
                    List.of(Red.values()), axes, keep);
        }
        checkArg(Ref.random(c.shape(), d, 13), c.chunks(), true);
    }

    // ------------------------------------------------------------------ empty, NaN, ties, trees

    @Test
    void emptyReductions() {
        // np.sum([]) == 0, np.prod([]) == 1, np.mean([]) is nan, np.var([]) is nan, any([]) False, all([]) True
        for (Chunks chunks : List.of(Chunks.of(3), Chunks.of(-1))) {
            ChunkedArray e = ChunkedArray.zeros(new long[] {0}, DType.FLOAT64, chunks);
            ArrayAssert.assertEquals(e.sum(), Nd4j.scalar(0.0), 0);
            ArrayAssert.assertEquals(e.prod(), Nd4j.scalar(1.0), 0);
            ArrayAssert.assertEquals(e.mean(), Nd4j.scalar(Double.NaN), 0);
            ArrayAssert.assertEquals(e.var(), Nd4j.scalar(Double.NaN), 0);
            ArrayAssert.assertEquals(e.std(), Nd4j.scalar(Double.NaN), 0);
            ArrayAssert.assertEquals(e.any(), Nd4j.scalar(false), 0);
            ArrayAssert.assertEquals(e.all(), Nd4j.scalar(true), 0);
            ChunkedArray ei = ChunkedArray.zeros(new long[] {0}, DType.INT32, chunks);
            ArrayAssert.assertEquals(ei.sum(), Nd4j.scalar(0L), 0);
            ArrayAssert.assertEquals(ei.mean(), Nd4j.scalar(Double.NaN), 0);
            IllegalArgumentException max = assertThrows(IllegalArgumentException.class, e::max);
            assertTrue(max.getMessage().contains("[0]"), max.getMessage());
            assertThrows(IllegalArgumentException.class, e::min);
            assertThrows(IllegalArgumentException.class, e::argmax);
            assertThrows(IllegalArgumentException.class, e::argmin);
        }
        // a 5 x 0 array: reducing the empty axis gives 5 identities (or NaNs), reducing the other an empty result
        ChunkedArray z = ChunkedArray.ones(new long[] {5, 0}, DType.FLOAT64, Chunks.of(2, 2));
        Ref zr = new Ref(new long[] {5, 0}, new double[0], DType.FLOAT64);
        ArrayAssert.assertEquals(z.sum(new int[] {1}, false), Ref.filled(new long[] {5}, DType.FLOAT64, i -> 0).nd(), 0);
        ArrayAssert.assertEquals(z.mean(new int[] {1}, true),
                Ref.filled(new long[] {5, 1}, DType.FLOAT64, i -> Double.NaN).nd(), 0);
        ArrayAssert.assertEquals(z.max(new int[] {0}, false), zr.reduce(new int[] {0}, false, Ref::max, DType.FLOAT64).nd(), 0);
        ArrayAssert.assertEquals(z.argmax(0, false), zr.reduce(new int[] {0}, false, Ref::argmax, DType.INT64).nd(), 0);
        assertThrows(IllegalArgumentException.class, () -> z.max(new int[] {1}, false));
        assertThrows(IllegalArgumentException.class, () -> z.argmin(1, true));
    }

    @Test
    void varianceWithTooFewDegreesOfFreedom() {
        // NumPy divides by max(n - ddof, 0): 0/0 is nan, a positive M2 over 0 is inf
        ChunkedArray one = ChunkedArray.full(new long[] {1}, 4, DType.FLOAT64, Chunks.of(1));
        ArrayAssert.assertEquals(one.var(null, false, 1), Nd4j.scalar(Double.NaN), 0);
        ChunkedArray two = ChunkedArray.fromArray(Nd4j.createFromArray(1.0, 2.0), Chunks.of(1));
        ArrayAssert.assertEquals(two.var(null, false, 2), Nd4j.scalar(Double.POSITIVE_INFINITY), 0);
        ArrayAssert.assertEquals(two.var(null, false, 5), Nd4j.scalar(Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void nanPropagatesAsInNumpy() {
        // np.sum/np.max/np.min/np.mean propagate NaN; np.argmax/argmin return the first NaN
        Ref a = Ref.random(new long[] {4, 6}, DType.FLOAT64, 14);
        a.v[9] = Double.NaN;   // (1, 3)
        a.v[22] = Double.NaN;  // (3, 4)
        for (Chunks chunks : List.of(Chunks.of(3, 4), Chunks.of(1, 1))) {
            for (Object[] v : variants(2)) {
                check(a, chunks, true, List.of(Red.SUM, Red.MEAN, Red.VAR0, Red.MIN, Red.MAX, Red.ANY, Red.ALL),
                        (int[]) v[0], (Boolean) v[1]);
            }
            checkArg(a, chunks, true);
        }
    }

    @Test
    void argTiesGiveTheFirstIndexAcrossBlocks() {
        Ref a = Ref.filled(new long[] {4, 5}, DType.FLOAT64, i -> (i[0] * 5 + i[1]) % 3 == 2 ? 9 : -9);
        for (Chunks chunks : List.of(Chunks.of(2, 3), Chunks.of(1, 1), Chunks.of(-1, -1))) {
            checkArg(a, chunks, true);
            checkArg(Ref.filled(new long[] {4, 5}, DType.INT64, i -> 5), chunks, false);
        }
    }

    @ParameterizedTest(name = "splitEvery {0}")
    @ValueSource(ints = {2, 3, 100})
    void treesOfEveryFanIn(int splitEvery) {
        // 1-element chunks on 5 x 4 x 3 (40 blocks): many levels for small split factors
        Ref a = Ref.random(new long[] {5, 4, 3}, DType.FLOAT64, 15);
        ChunkedArray x = a.chunked(Chunks.of(1, 1, 2), true);
        int[][] axesList = {{0, 1, 2}, {0}, {1}, {0, 2}};
        for (int v = 0; v < axesList.length; v++) {
            int[] axes = axesList[v];
            boolean keep = v % 2 == 1;
            {
                List<ChunkedArray> actual = new ArrayList<>();
                List<INDArray> expected = new ArrayList<>();
                for (Reductions.Kind k : List.of(Reductions.Kind.SUM, Reductions.Kind.MEAN, Reductions.Kind.VAR,
                        Reductions.Kind.MAX, Reductions.Kind.ALL)) {
                    actual.add(Reductions.reduce(x, k, axes, keep, 1, splitEvery));
                    Red r = switch (k) {
                        case SUM -> Red.SUM;
                        case MEAN -> Red.MEAN;
                        case VAR -> Red.VAR1;
                        case MAX -> Red.MAX;
                        default -> Red.ALL;
                    };
                    expected.add(a.reduce(axes, keep, r::reference, r.resultType(DType.FLOAT64)).nd());
                }
                if (axes.length == 1) {
                    actual.add(Reductions.reduce(x, Reductions.Kind.ARGMAX, axes, keep, 0, splitEvery));
                    expected.add(a.reduce(axes, keep, Ref::argmax, DType.INT64).nd());
                }
                double[] tols = new double[actual.size()];
                Arrays.fill(tols, 1e-10);
                ArrayAssert.assertAllEquals(actual, expected, tols);
            }
        }
        ArrayAssert.assertEquals(Reductions.reduce(x, Reductions.Kind.ARGMIN, new int[0], false, 0, splitEvery),
                a.reduce(new int[] {0, 1, 2}, false, Ref::argmin, DType.INT64).nd(), 0);
        assertTrue(Reductions.reduce(x, Reductions.Kind.SUM, new int[] {0, 1, 2}, false, 0, splitEvery).graph()
                .layerCount() >= (splitEvery <= 3 ? 6 : 4), "source, partials, merge levels, finish");
    }

    /** Blocks of F-order data and of a strided view are strided views themselves: reductions must read them right. */
    @Test
    void reductionsOfStridedBlocks() {
        Ref a = Ref.random(new long[] {7, 9}, DType.FLOAT64, 19);
        INDArray f = a.nd().dup('f');
        Ref big = Ref.random(new long[] {9, 20}, DType.FLOAT64, 20);
        INDArray strided = Nd4j.create(big.nd().data(), new long[] {7, 9}, new long[] {20, 2}, 21, 'c',
                org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        Ref s = Ref.filled(new long[] {7, 9}, DType.FLOAT64, i -> big.v[(int) ((i[0] + 1) * 20 + 1 + 2 * i[1])]);
        for (Object[] in : new Object[][] {{f, a}, {strided, s}}) {
            INDArray data = (INDArray) in[0];
            Ref r = (Ref) in[1];
            for (Chunks chunks : List.of(Chunks.of(3, 4), Chunks.of(-1, -1), Chunks.of(1, 9))) {
                ChunkedArray x = ChunkedArray.fromArray(data, chunks);
                ArrayAssert.assertAllEquals(
                        List.of(x.sum(new int[] {0}, false), x.var(new int[] {1}, true, 1), x.max(), x.argmax(),
                                x.argmin(0, false), x.argmax(1, true), x.any(new int[] {1}, false), x.add(1).mean()),
                        List.of(r.reduce(new int[] {0}, false, Ref::sum, DType.FLOAT64).nd(),
                                r.reduce(new int[] {1}, true, g -> Ref.var(g, 1), DType.FLOAT64).nd(),
                                r.reduce(new int[] {0, 1}, false, Ref::max, DType.FLOAT64).nd(),
                                r.reduce(new int[] {0, 1}, false, Ref::argmax, DType.INT64).nd(),
                                r.reduce(new int[] {0}, false, Ref::argmin, DType.INT64).nd(),
                                r.reduce(new int[] {1}, true, Ref::argmax, DType.INT64).nd(),
                                r.reduce(new int[] {1}, false, Ref::any, DType.BOOL).nd(),
                                r.map(v -> v + 1, DType.FLOAT64, DType.FLOAT64)
                                        .reduce(new int[] {0, 1}, false, Ref::mean, DType.FLOAT64).nd()),
                        new double[] {1e-12, 1e-12, 0, 0, 0, 0, 0, 1e-12});
            }
        }
    }

    @Test
    void reductionOfAnExpression() {
        // reductions over fused elementwise inputs, several at once
        Ref a = Ref.random(new long[] {10, 13}, DType.FLOAT32, 16);
        Ref b = Ref.random(new long[] {13}, DType.INT32, 17);
        ChunkedArray x = a.chunked(Chunks.of(4, 5), true).mul(b.chunked(Chunks.of(6), true)).add(1);
        Ref xr = Ref.zip(a, b, (p, q) -> p * q + 1, DType.FLOAT64, DType.FLOAT64);
        ArrayAssert.assertAllEquals(List.of(x.sum(new int[] {0}, false), x.std(new int[] {1}, true, 1), x.argmax(1, false)),
                List.of(xr.reduce(new int[] {0}, false, Ref::sum, DType.FLOAT64).nd(),
                        xr.reduce(new int[] {1}, true, g -> Math.sqrt(Ref.var(g, 1)), DType.FLOAT64).nd(),
                        xr.reduce(new int[] {1}, false, Ref::argmax, DType.INT64).nd()),
                new double[] {1e-10, 1e-10, 0});
    }

    // ------------------------------------------------------------------ numerical soundness

    /**
     * Values 1e9 + U(0, 1): the textbook one-pass formula {@code E[x^2] - E[x]^2} loses every
     * digit (the squares are 1e18, float64 resolves 128 there), while the Chan et al. merges of
     * (count, mean, M2) must match the dense two-pass variance to 1e-6 relative.
     */
    @Test
    void varianceIsNumericallySound() {
        int n = 20_000;
        java.util.Random r = new java.util.Random(18);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1e9 + r.nextDouble();
        }
        double twoPass = Ref.var(v, 0);
        double sum = 0;
        double sumSq = 0;
        for (double x : v) {
            sum += x;
            sumSq += x * x;
        }
        double naive = sumSq / n - (sum / n) * (sum / n);
        assertTrue(Math.abs(naive - twoPass) > 1e-3 * twoPass, "the naive formula should fail here: " + naive);
        Ref a = new Ref(new long[] {n}, v, DType.FLOAT64);
        for (Chunks chunks : List.of(Chunks.of(1000), Chunks.of(77), Chunks.of(-1))) {
            ChunkedArray x = a.chunked(chunks, true);
            for (var s : ArrayAssert.SCHEDULERS) {
                List<INDArray> res = ChunkedArray.compute(s, x.var(), x.std(null, false, 1), x.mean());
                assertEquals(twoPass, res.get(0).getDouble(0), 1e-6 * twoPass, "var by " + chunks);
                assertEquals(Math.sqrt(Ref.var(v, 1)), res.get(1).getDouble(0), 1e-6 * Math.sqrt(twoPass));
                assertEquals(Ref.mean(v), res.get(2).getDouble(0), 1e-12 * 1e9); // the reference sums naively
            }
        }
    }
}
