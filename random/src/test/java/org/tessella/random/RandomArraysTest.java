package org.tessella.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.Blocks;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.random.kernel.Distribution;
import org.tessella.random.kernel.Permutation;
import org.tessella.random.kernel.Sampler;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.ThreadedScheduler;

/**
 * Random ChunkedArrays: the same seed gives bit-identical arrays for six chunkings of the same shape (one chunk,
 * ragged chunks, rows, single elements, irregular explicit chunks, automatic chunks) under the synchronous
 * scheduler and the threaded scheduler with 1 and 2 workers, equal to the dense kernel reference; blocks have
 * their declared shapes and dtypes.
 */
class RandomArraysTest {

    static final long SEED = 20240611L;
    static final long[] SHAPE = {37, 23};

    static ThreadedScheduler oneWorker;
    static ThreadedScheduler twoWorkers;

    @BeforeAll
    static void schedulers() {
        oneWorker = Schedulers.threaded(1);
        twoWorkers = Schedulers.threaded(2);
    }

    @AfterAll
    static void close() {
        oneWorker.close();
        twoWorkers.close();
    }

    static List<Scheduler> allSchedulers() {
        return List.of(Schedulers.synchronous(), oneWorker, twoWorkers);
    }

    static List<Chunks> chunkings() {
        return List.of(
                Chunks.of(37, 23),                                             // one chunk
                Chunks.of(10, 7),                                              // ragged last chunks
                Chunks.of(1, 23),                                              // whole rows
                Chunks.of(1, 1),                                               // single elements
                Chunks.explicit(new long[] {5, 32}, new long[] {1, 2, 20}),    // irregular
                Chunks.auto());
    }

    /** A random array and its dense reference (the kernel over the whole flat range). */
    record Case(String label, Function<RandomArrays, ChunkedArray> make, Distribution distribution, DType dtype) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        Chunks c = Chunks.auto(); // placeholder: the test rebuilds with each chunking
        out.add(new Case("uniform f64", r -> r.uniform(-1, 3, SHAPE, c), Distribution.uniform(-1, 3), DType.FLOAT64));
        out.add(new Case("uniform f32", r -> r.uniform(0, 1, SHAPE, c, DType.FLOAT32), Distribution.uniform(0, 1), DType.FLOAT32));
        out.add(new Case("standardNormal f64", r -> r.standardNormal(SHAPE, c), Distribution.standardNormal(), DType.FLOAT64));
        out.add(new Case("normal f32", r -> r.normal(5, 2, SHAPE, c, DType.FLOAT32), Distribution.normal(5, 2), DType.FLOAT32));
        out.add(new Case("lognormal", r -> r.lognormal(0, 0.5, SHAPE, c), Distribution.lognormal(0, 0.5), DType.FLOAT64));
        out.add(new Case("exponential", r -> r.exponential(2, SHAPE, c), Distribution.exponential(2), DType.FLOAT64));
        out.add(new Case("gamma", r -> r.gamma(0.7, 3, SHAPE, c), Distribution.gamma(0.7, 3), DType.FLOAT64));
        out.add(new Case("beta f32", r -> r.beta(0.5, 2, SHAPE, c, DType.FLOAT32), Distribution.beta(0.5, 2), DType.FLOAT32));
        out.add(new Case("chisquare", r -> r.chisquare(3, SHAPE, c), Distribution.chisquare(3), DType.FLOAT64));
        out.add(new Case("integers", r -> r.integers(-10, 10, SHAPE, c), Distribution.integers(-10, 10), DType.INT64));
        out.add(new Case("binomial", r -> r.binomial(500, 0.4, SHAPE, c), Distribution.binomial(500, 0.4), DType.INT64));
        out.add(new Case("poisson", r -> r.poisson(42.5, SHAPE, c), Distribution.poisson(42.5), DType.INT64));
        out.add(new Case("choice(n)", r -> r.choice(9, SHAPE, c), Distribution.choice(9), DType.INT64));
        return out;
    }

    static Stream<Arguments> casesAndChunkings() {
        List<Arguments> out = new ArrayList<>();
        for (Case k : cases()) {
            for (Chunks ch : chunkings()) {
                out.add(Arguments.of(k, ch));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndChunkings")
    void sameSeedSameArrayForEveryChunkingAndScheduler(Case k, Chunks chunks) {
        RandomArrays r = RandomArrays.seeded(SEED);
        ChunkedArray x = r.sample(k.distribution(), SHAPE, chunks, k.dtype());
        assertEquals(k.make().apply(r).name().split("-")[0], x.name().split("-")[0], "same op name as the method");
        Object reference = dense(Sampler.of(SEED, k.distribution()), SHAPE, k.dtype());
        for (Scheduler s : allSchedulers()) {
            INDArray result = x.compute(s);
            assertArrayEquals(SHAPE, result.shape());
            assertEquals(k.dtype().nd4j(), result.dataType());
            assertFlatEquals(reference, result, k + " " + chunks + " on " + s.getClass().getSimpleName()
                    + " with " + s.workers() + " workers");
        }
    }

    @Test
    void convenienceMethodsEqualSample() {
        RandomArrays r = RandomArrays.seeded(SEED);
        Chunks chunks = Chunks.of(10, 7);
        for (Case k : cases()) {
            ChunkedArray viaMethod = k.make().apply(r).rechunk(chunks);
            INDArray a = viaMethod.compute(Schedulers.synchronous());
            assertFlatEquals(dense(Sampler.of(SEED, k.distribution()), SHAPE, k.dtype()), a, k.label());
        }
    }

    @Test
    void blocksHaveTheirDeclaredShapeAndDtype() throws Exception {
        ChunkedArray x = RandomArrays.seeded(1).gamma(2, 1, new long[] {7, 11, 13}, Chunks.of(3, 4, 5), DType.FLOAT32);
        assertEquals(DType.FLOAT32, x.dtype());
        ChunkedArray y = RandomArrays.seeded(1).gamma(2, 1, new long[] {7, 11, 13}, Chunks.of(7, 11, 13), DType.FLOAT32);
        INDArray a = x.compute(twoWorkers);
        INDArray b = y.compute(oneWorker);
        assertArrayEquals(new long[] {7, 11, 13}, a.shape());
        assertFlatEquals(dense(Sampler.of(1, Distribution.gamma(2, 1)), new long[] {7, 11, 13}, DType.FLOAT32), a, "3-d");
        assertTrue(a.equals(b));
        ChunkedArray empty = RandomArrays.seeded(1).normal(0, 1, new long[] {0, 5}, Chunks.of(2, 2));
        assertArrayEquals(new long[] {0, 5}, empty.compute(oneWorker).shape());
    }

    @Test
    void namesAreDeterministicAndIdentifyTheContent() {
        RandomArrays r = RandomArrays.seeded(7);
        Chunks c = Chunks.of(10, 10);
        String base = r.normal(0, 1, SHAPE, c).name();
        assertEquals(base, RandomArrays.seeded(7).normal(0, 1, SHAPE, c).name());
        assertEquals(base, r.standardNormal(SHAPE, c).name());
        assertTrue(base.startsWith("normal-"), base);
        assertNotEquals(base, RandomArrays.seeded(8).normal(0, 1, SHAPE, c).name());
        assertNotEquals(base, r.normal(0, 2, SHAPE, c).name());
        assertNotEquals(base, r.normal(0, 1, new long[] {37, 24}, c).name());
        assertNotEquals(base, r.normal(0, 1, SHAPE, c, DType.FLOAT32).name());
        assertNotEquals(r.integers(0, 9, SHAPE, c).name(), r.choice(9, SHAPE, c).name());
    }

    @Test
    void permutationIsChunkIndependentAndABijection() {
        long n = 1000;
        long[] expected = new long[(int) n];
        Permutation.of(SEED, n).fill(0, expected, 0, (int) n);
        for (Chunks chunks : List.of(Chunks.of(1000), Chunks.of(7), Chunks.of(1), Chunks.explicit(new long[] {1, 998, 1}),
                Chunks.of(333), Chunks.auto())) {
            ChunkedArray p = RandomArrays.seeded(SEED).permutation(n, chunks);
            for (Scheduler s : allSchedulers()) {
                INDArray a = p.compute(s);
                assertEquals(DType.INT64.nd4j(), a.dataType());
                assertArrayEquals(expected, a.toLongVector(), chunks + " " + s.workers());
            }
        }
        BitSet seen = new BitSet();
        for (long v : expected) {
            seen.set((int) v);
        }
        assertEquals(n, seen.cardinality());
        assertEquals(0, RandomArrays.seeded(1).permutation(0, Chunks.of(5)).compute(oneWorker).length());
    }

    /** choice from values: values[choice indices], values' dtype, values computed once and only on compute. */
    @Test
    void choiceFromAnArrayGathersLazilyAndOnce() {
        AtomicInteger loads = new AtomicInteger();
        long m = 50;
        ChunkedArray values = ChunkedArray.fromBlocks("counted", List.of("choice-test"), new long[] {m}, Chunks.of(8),
                DType.FLOAT32, block -> {
                    loads.incrementAndGet();
                    INDArray out = Blocks.allocate(DType.FLOAT32, block.shape());
                    for (int i = 0; i < block.shape()[0]; i++) {
                        out.putScalar(i, 0.5f + block.offset()[0] + i);
                    }
                    return out;
                });
        ChunkedArray picked = RandomArrays.seeded(SEED).choice(values, SHAPE, Chunks.of(10, 7));
        assertEquals(0, loads.get(), "nothing runs before compute");
        assertEquals(DType.FLOAT32, picked.dtype());
        long[] idx = new long[(int) (SHAPE[0] * SHAPE[1])];
        Sampler.of(SEED, Distribution.choice(m)).fill(0, idx, 0, idx.length);
        float[] expected = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            expected[i] = 0.5f + idx[i];
        }
        for (Scheduler s : allSchedulers()) {
            INDArray a = picked.compute(s);
            assertArrayEquals(SHAPE, a.shape());
            assertArrayEquals(expected, a.reshape('c', new long[] {idx.length}).toFloatVector(), s.workers() + " workers");
        }
        assertEquals(7, loads.get(), "values' 7 blocks were computed once for all 24 result blocks and 3 runs");

        INDArray ints = Nd4j.createFromArray(new long[] {10, 20, 30});
        INDArray fromInts = RandomArrays.seeded(3).choice(ChunkedArray.fromArray(ints, Chunks.of(2)), new long[] {9},
                Chunks.of(4)).compute(oneWorker);
        long[] three = new long[9];
        Sampler.of(3, Distribution.choice(3)).fill(0, three, 0, 9);
        long[] want = Arrays.stream(three).map(i -> 10 * (i + 1)).toArray();
        assertArrayEquals(want, fromInts.toLongVector());
    }

    /** choice from int8 and uint32 values keeps their dtype and their values at the ends of the ranges. */
    @Test
    void choiceFromInt8AndUint32Values() {
        long[] s = {9};
        long[] idx = new long[9];
        Sampler.of(4, Distribution.choice(4)).fill(0, idx, 0, 9);
        for (DType d : new DType[] {DType.INT8, DType.UINT32}) {
            long[] v = d == DType.INT8 ? new long[] {-128, -1, 5, 127} : new long[] {0, 2147483647L, 2147483648L, 4294967295L};
            ChunkedArray values = ChunkedArray.fromArray(Nd4j.createFromArray(v).castTo(d.nd4j()), Chunks.of(3));
            ChunkedArray picked = RandomArrays.seeded(4).choice(values, s, Chunks.of(4));
            assertEquals(d, picked.dtype());
            long[] want = Arrays.stream(idx).map(i -> v[(int) i]).toArray();
            for (Scheduler sch : allSchedulers()) {
                INDArray a = picked.compute(sch);
                assertEquals(d.nd4j(), a.dataType());
                assertArrayEquals(want, a.castTo(org.nd4j.linalg.api.buffer.DataType.LONG).toLongVector(), d + " " + sch);
            }
        }
    }

    @Test
    void badArgumentsAreRejectedWhenTheArrayIsDefined() {
        RandomArrays r = RandomArrays.seeded(1);
        Chunks c = Chunks.of(4);
        long[] s = {10};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.normal(0, -1, s, c));
        assertTrue(e.getMessage().startsWith("std is not positive and finite: -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.uniform(1, 0, s, c));
        assertTrue(e.getMessage().startsWith("high is not greater than low"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.binomial(10, Double.NaN, s, c));
        assertTrue(e.getMessage().startsWith("p is outside [0, 1]: NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.normal(0, 1, s, c, DType.INT32));
        assertTrue(e.getMessage().startsWith("dtype is not supported for normal(mean=0.0, std=1.0): INT32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> r.sample(Distribution.poisson(2), s, c, DType.FLOAT64));
        assertTrue(e.getMessage().contains("expected INT64"), e.getMessage());
        // integer dtypes other than int64 are refused with the remedy, for integral and continuous distributions
        for (DType d : new DType[] {DType.INT8, DType.UINT32}) {
            e = assertThrows(IllegalArgumentException.class, () -> r.sample(Distribution.integers(-5, 5), s, c, d));
            assertTrue(e.getMessage().startsWith("dtype is not supported for " + Distribution.integers(-5, 5) + ": " + d
                    + "; expected INT64"), e.getMessage());
            assertTrue(e.getMessage().contains("astype"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> r.uniform(0, 1, s, c, d));
            assertTrue(e.getMessage().contains("expected FLOAT64 or FLOAT32"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> r.choice(
                ChunkedArray.zeros(new long[] {2, 2}, DType.FLOAT64, Chunks.of(2, 2)), s, c));
        assertTrue(e.getMessage().startsWith("values is not a 1-D array"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.permutation(-1, c));
        assertTrue(e.getMessage().startsWith("n is out of range: -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.normal(0, 1, null, c));
        assertTrue(e.getMessage().startsWith("shape is null"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static Object dense(Sampler s, long[] shape, DType dtype) {
        int n = (int) Arrays.stream(shape).reduce(1, Math::multiplyExact);
        switch (dtype) {
            case FLOAT64: {
                double[] d = new double[n];
                s.fill(0, d, 0, n);
                return d;
            }
            case FLOAT32: {
                float[] f = new float[n];
                s.fill(0, f, 0, n);
                return f;
            }
            default: {
                long[] l = new long[n];
                s.fill(0, l, 0, n);
                return l;
            }
        }
    }

    static void assertFlatEquals(Object reference, INDArray result, String message) {
        INDArray flat = result.reshape('c', new long[] {result.length()});
        if (reference instanceof double[]) {
            assertArrayEquals((double[]) reference, flat.toDoubleVector(), message);
        } else if (reference instanceof float[]) {
            assertArrayEquals((float[]) reference, flat.toFloatVector(), message);
        } else {
            assertArrayEquals((long[]) reference, flat.toLongVector(), message);
        }
    }
}
