package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.TaskFailedException;

/**
 * What the graph promises beyond values: laziness (nothing loads before compute), shared work
 * (a block several outputs need loads once), persist (blocks load once, later computations do not
 * reload them and cannot change them), deterministic names, fusion (a chain of blockwise
 * operations is one task per block), block keys, and prompt failures.
 */
class GraphTest {
    static final long[] SHAPE = {10, 13};
    static final Chunks CHUNKS = Chunks.of(4, 5);
    static final int BLOCKS = 9;

    static CountingSource counting(Ref ref) {
        return new CountingSource(ref::block);
    }

    static ChunkedArray source(String op, Object token, Ref ref, Chunks chunks, CountingSource src) {
        return ChunkedArray.fromBlocks(op, token, ref.shape, chunks, ref.dtype, src);
    }

    // ------------------------------------------------------------------ laziness

    @Test
    void buildingAnExpressionLoadsNothing() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 1);
        Ref b = Ref.random(new long[] {13}, DType.FLOAT32, 2);
        CountingSource sa = counting(a);
        CountingSource sb = counting(b);
        ChunkedArray x = source("a", null, a, CHUNKS, sa);
        ChunkedArray y = source("b", null, b, Chunks.of(6), sb);
        List<ChunkedArray> exprs = List.of(
                x.add(1).mul(y).exp(),
                x.rechunk(Chunks.of(3, 3)).sum(new int[] {0}, false),
                x.var(new int[] {1}, true, 1),
                x.argmax(0, false),
                ChunkedArray.where(x.gt(0), x, y).astype(DType.INT32),
                x.clip(-1, 1).rechunk(Chunks.of(-1, -1)).max());
        for (ChunkedArray e : exprs) {
            assertTrue(e.graph().layerCount() > 0);
            e.blockKeys();
            e.graph().keys();
        }
        assertEquals(0, sa.total() + sb.total(), "loads before compute");

        INDArray r = exprs.get(0).compute(ArrayAssert.THREADED);
        assertEquals(BLOCKS, sa.total(), "each block of a loaded once");
        assertEquals(BLOCKS, sa.distinct());
        assertEquals(3, sb.total(), "each block of b loaded once");
        assertArrayEquals(ArrayAssert.values(Ref.zip(a, b, (p, q) -> Math.exp((p + 1) * q), DType.FLOAT64,
                DType.FLOAT64).nd()), ArrayAssert.values(r), 1e-9);
    }

    @Test
    void sourcesSeeTheirBlocksGeometry() throws Exception {
        Ref a = Ref.random(SHAPE, DType.INT16, 3);
        CountingSource s = counting(a);
        source("geo", null, a, CHUNKS, s).compute(ArrayAssert.SYNCHRONOUS);
        BlockInfo last = s.info(2, 2);
        assertArrayEquals(new int[] {2, 2}, last.index());
        assertArrayEquals(new long[] {8, 10}, last.offset());
        assertArrayEquals(new long[] {2, 3}, last.shape());
        assertEquals(6, last.size());
    }

    // ------------------------------------------------------------------ shared work

    @Test
    void severalArraysSharingWorkLoadEachBlockOnce() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 4);
        for (Scheduler sch : ArrayAssert.SCHEDULERS) {
            CountingSource s = counting(a);
            ChunkedArray x = source("shared", null, a, CHUNKS, s);
            ChunkedArray y = x.add(1);
            List<INDArray> r = ChunkedArray.compute(sch, x.sum(), x.mean(new int[] {0}, false), y.max(), y.mul(2),
                    x.rechunk(Chunks.of(3, 3)), x.argmin());
            assertEquals(BLOCKS, s.total(), "every block loaded exactly once for all six outputs");
            assertEquals(1, s.maxPerBlock());
            assertEquals(Ref.sum(a.v), r.get(0).getDouble(0), 1e-9);
            assertEquals(Ref.max(a.v) + 1, r.get(2).getDouble(0), 1e-12);
            assertEquals((long) Ref.argmin(a.v), r.get(5).getLong(0));
        }
    }

    @Test
    void theSameExpressionBuiltTwiceRunsOnce() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 5);
        CountingSource s = counting(a);
        ChunkedArray x1 = source("twice", "token-5", a, CHUNKS, s);
        ChunkedArray x2 = source("twice", "token-5", a, CHUNKS, s);
        ChunkedArray e1 = x1.add(1).sum(new int[] {1}, false);
        ChunkedArray e2 = x2.add(1).sum(new int[] {1}, false);
        assertEquals(e1.name(), e2.name());
        assertEquals(e1.blockKeys(), e2.blockKeys());
        Scheduler.Result r = ArrayAssert.THREADED.compute(org.tessella.scheduler.Graph.merge(e1.graph(), e2.graph()),
                concat(e1.blockKeys(), e2.blockKeys()));
        assertEquals(BLOCKS, s.total(), "the two equal expressions are one set of tasks");
        assertEquals(r.value(0), r.value(e1.blockKeys().size()));
    }

    static List<Key> concat(List<Key> a, List<Key> b) {
        List<Key> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ------------------------------------------------------------------ persist

    @Test
    void persistLoadsOnceAndLaterComputationsDoNotReload() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 6);
        for (Scheduler sch : ArrayAssert.SCHEDULERS) {
            CountingSource s = counting(a);
            ChunkedArray x = source("persist", null, a, CHUNKS, s);
            ChunkedArray p = x.exp().persist(sch);
            assertEquals(BLOCKS, s.total(), "persist computes every block once");
            Ref e = a.map(Math::exp, DType.FLOAT64, DType.FLOAT64);
            // many later computations, some of which would write into donated blocks if they could
            for (int i = 0; i < 2; i++) {
                ArrayAssert.assertEquals(p.add(1), e.map(v -> v + 1, DType.FLOAT64, DType.FLOAT64).nd(), 1e-12);
                ArrayAssert.assertEquals(p.neg().exp(), e.map(v -> Math.exp(-v), DType.FLOAT64, DType.FLOAT64).nd(), 1e-12);
                ArrayAssert.assertEquals(p.sum(new int[] {0}, true), e.reduce(new int[] {0}, true, Ref::sum, DType.FLOAT64).nd(), 1e-12);
                ArrayAssert.assertEquals(p.rechunk(Chunks.of(3, 3)), e.nd(), 1e-12);
                ArrayAssert.assertEquals(p.astype(DType.FLOAT32), e.astype(DType.FLOAT32).nd(), 1e-6);
            }
            INDArray c = p.compute(sch);
            c.addi(1000); // the caller owns what compute returns: the persisted blocks stay as they were
            ArrayAssert.assertEquals(p, e.nd(), 1e-12);
            assertEquals(BLOCKS, s.total(), "no reload after persist");
            assertEquals(p.name(), x.exp().name(), "persist keeps the name");
        }
    }

    @Test
    void persistOfWrappedDataCopiesTheBlocks() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 7);
        for (Chunks chunks : List.of(CHUNKS, Chunks.of(-1, -1))) {
            INDArray data = a.nd();
            ChunkedArray p = ChunkedArray.fromArray(data, chunks).persist(ArrayAssert.THREADED);
            data.addi(100); // the persisted array is independent of the wrapped data
            ArrayAssert.assertEquals(p, a.nd(), 0);
            INDArray single = ChunkedArray.fromArray(a.nd(), Chunks.of(-1, -1)).persist().compute();
            single.addi(1);
            ArrayAssert.assertEquals(p, a.nd(), 0);
        }
    }

    // ------------------------------------------------------------------ names

    @Test
    void namesAreDeterministic() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 8);
        ChunkedArray x = source("named", "seed-8", a, CHUNKS, counting(a));
        ChunkedArray y = source("named", "seed-8", a, CHUNKS, counting(a));
        assertEquals(x.name(), y.name(), "equal tokens give equal names");
        assertEquals(x.add(1).mul(x).exp().sum(new int[] {1}, true).name(),
                y.add(1).mul(y).exp().sum(new int[] {1}, true).name());
        assertEquals(x.rechunk(Chunks.of(3, 3)).name(), y.rechunk(Chunks.of(3, 3)).name());
        assertEquals(ChunkedArray.zeros(SHAPE, DType.INT32, CHUNKS).name(), ChunkedArray.zeros(SHAPE, DType.INT32, CHUNKS).name());
        assertEquals(ChunkedArray.arange(0, 10, 0.5, DType.FLOAT64, Chunks.of(3)).name(),
                ChunkedArray.arange(0, 10, 0.5, DType.FLOAT64, Chunks.of(3)).name());
        assertEquals(ChunkedArray.where(x.gt(0), x, y).name(), ChunkedArray.where(y.gt(0), y, x).name());
        // a null token is unique
        assertNotEquals(source("named", null, a, CHUNKS, counting(a)).name(),
                source("named", null, a, CHUNKS, counting(a)).name());
        assertNotEquals(x.name(), source("named", "seed-9", a, CHUNKS, counting(a)).name());
        assertNotEquals(ChunkedArray.fromArray(a.nd(), CHUNKS).name(), ChunkedArray.fromArray(a.nd(), CHUNKS).name());
    }

    @Test
    void differentOperationsOrParametersGiveDifferentNames() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 9);
        ChunkedArray x = source("names", "t", a, CHUNKS, counting(a));
        ChunkedArray z = source("names", "u", a, CHUNKS, counting(a));
        List<ChunkedArray> distinct = List.of(
                x.add(1), x.add(2), x.add(0.1), x.add(Math.nextUp(0.1)), x.add(0.0), x.add(-0.0), x.add(Double.NaN),
                x.sub(1), x.rsub(1), x.mul(1), x.div(1), x.rdiv(1), x.pow(1), x.maximum(1), x.minimum(1),
                x.lt(1), x.le(1), x.gt(1), x.ge(1), x.eq(1), x.ne(1),
                x.add(z), z.add(x), x.sub(z), x.mul(z),
                x.exp(), x.log(), x.neg(), x.abs(), x.sqrt(), x.sin(), x.cos(), x.tanh(),
                x.astype(DType.FLOAT32), x.astype(DType.INT32), x.clip(0, 1), x.clip(0, 2),
                x.sum(), x.sum(new int[] {0}, false), x.sum(new int[] {0}, true), x.sum(new int[] {1}, false),
                x.prod(), x.mean(), x.var(), x.var(null, false, 1), x.std(), x.std(null, false, 1), x.min(), x.max(),
                x.any(), x.all(), x.argmax(), x.argmin(), x.argmax(0, false), x.argmax(1, false), x.argmax(0, true),
                x.rechunk(Chunks.of(3, 3)), x.rechunk(Chunks.of(3, 4)), ChunkedArray.where(x.gt(0), x, z),
                ChunkedArray.full(SHAPE, 1, DType.FLOAT64, CHUNKS), ChunkedArray.full(SHAPE, 2, DType.FLOAT64, CHUNKS),
                ChunkedArray.full(SHAPE, 1, DType.FLOAT32, CHUNKS), ChunkedArray.full(SHAPE, 1, DType.FLOAT64, Chunks.of(5, 5)),
                ChunkedArray.full(new long[] {13, 10}, 1, DType.FLOAT64, CHUNKS),
                ChunkedArray.arange(0, 10, 1, DType.FLOAT64, Chunks.of(3)), ChunkedArray.arange(0, 10, 2, DType.FLOAT64, Chunks.of(3)),
                ChunkedArray.linspace(0, 1, 10, Chunks.of(3)), ChunkedArray.linspace(0, 1, 10, false, DType.FLOAT64, Chunks.of(3)),
                ChunkedArray.eye(5, 5, 0, DType.FLOAT64, Chunks.of(2, 2)), ChunkedArray.eye(5, 5, 1, DType.FLOAT64, Chunks.of(2, 2)));
        Set<String> names = new HashSet<>();
        for (ChunkedArray c : distinct) {
            assertTrue(names.add(c.name()), "name " + c.name() + " of " + c + " is not unique");
        }
    }

    // ------------------------------------------------------------------ fusion

    @Test
    void aChainOfBlockwiseOperationsIsOneTaskPerBlock() {
        Ref a = Ref.random(SHAPE, DType.FLOAT64, 10);
        Ref b = Ref.random(SHAPE, DType.FLOAT64, 11);
        for (Scheduler sch : ArrayAssert.SCHEDULERS) {
            ChunkedArray x = source("fa", null, a, CHUNKS, counting(a));
            ChunkedArray y = source("fb", null, b, CHUNKS, counting(b));
            ChunkedArray e = x.add(1).mul(y).exp();
            Scheduler.Result r = sch.compute(e.graph(), e.blockKeys());
            assertEquals(BLOCKS, r.stats().tasks(), "((a + 1) * b).exp(): one task per block, sources included");
            Ref expected = Ref.zip(a, b, (p, q) -> Math.exp((p + 1) * q), DType.FLOAT64, DType.FLOAT64);
            for (int i = 0; i < BLOCKS; i++) {
                int[] idx = e.blockKeys().get(i).index();
                INDArray block = (INDArray) r.value(i);
                assertArrayEquals(e.grid().blockShape(idx), block.shape());
            }
            ArrayAssert.assertEquals(e, expected.nd(), 1e-12);

            // a reduction of the chain: one partial per block (with the chain inlined), then the tree
            ChunkedArray s = e.sum();
            Scheduler.Result rs = sch.compute(s.graph(), s.blockKeys());
            // 3 x 3 blocks merge 2 x 2 at a time: 9 partials (the chain and the sources inlined), 4 merges,
            // then the last merge inlined into the finishing task
            assertEquals(BLOCKS + 4 + 1, rs.stats().tasks());
            assertEquals(Ref.sum(expected.v), ((INDArray) rs.value(0)).getDouble(0), 1e-9 * Math.abs(Ref.sum(expected.v)));
        }
    }

    // ------------------------------------------------------------------ keys

    @Test
    void blockKeysAreInCOrderAndMatchBlockKey() {
        ChunkedArray x = ChunkedArray.zeros(new long[] {5, 0, 7}, DType.FLOAT64, Chunks.of(2, 3, 3));
        List<Key> keys = x.blockKeys();
        assertEquals(x.grid().totalBlocks(), keys.size());
        for (int i = 0; i < keys.size(); i++) {
            int[] idx = x.grid().unravel(i);
            assertEquals(x.blockKey(idx), keys.get(i));
            assertEquals(x.name(), keys.get(i).name());
        }
        ChunkedArray scalar = ChunkedArray.full(new long[0], 2, DType.INT64, Chunks.of());
        assertEquals(List.of(scalar.blockKey()), scalar.blockKeys());
    }

    // ------------------------------------------------------------------ scale, concurrency, ownership

    /** Building on a million blocks costs no per-block work; computing one output block expands only what it needs. */
    @Test
    void aGraphOfAMillionBlocksIsCheapAndCulled() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long t0 = System.nanoTime();
            ChunkedArray x = ChunkedArray.ones(new long[] {1000, 1000}, DType.FLOAT64, Chunks.of(1, 1));
            ChunkedArray s = x.add(1).mul(2).rechunk(Chunks.of(1, 1)).sum(new int[] {0}, false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 5, "building took " + seconds + " s");
            assertEquals(1000, s.grid().totalBlocks());
            Scheduler.Result r = ArrayAssert.THREADED.compute(s.graph(), List.of(s.blockKey(7)));
            assertEquals(4000.0, ((INDArray) r.value(0)).getDouble(0));
            assertTrue(r.stats().tasks() < 1300, "one column: " + r.stats().tasks() + " tasks, not a million");
        });
    }

    /** One threaded scheduler serves several computations at once from different threads. */
    @Test
    void concurrentComputationsOnOneScheduler() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int n = 4;
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < n; t++) {
                int seed = 20 + t;
                Thread th = new Thread(() -> {
                    try {
                        Ref a = Ref.random(SHAPE, DType.FLOAT64, seed);
                        for (int rep = 0; rep < 5; rep++) {
                            ChunkedArray x = a.chunked(Chunks.of(2, 3), rep % 2 == 0);
                            INDArray r = x.add(rep).exp().compute(ArrayAssert.THREADED);
                            int k = rep;
                            assertArrayEquals(ArrayAssert.values(a.map(v -> Math.exp(v + k), DType.FLOAT64, DType.FLOAT64).nd()),
                                    ArrayAssert.values(r), 1e-9);
                            double m = x.mean().compute(ArrayAssert.THREADED).getDouble(0);
                            assertEquals(Ref.mean(a.v), m, 1e-12);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            if (!errors.isEmpty()) {
                throw new AssertionError(errors.size() + " computations failed; first: " + errors.get(0), errors.get(0));
            }
        });
    }

    /** Interrupting the caller cancels the computation promptly (no hang, no further loads). */
    @Test
    void interruptingTheCallerCancels() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (Scheduler s : ArrayAssert.SCHEDULERS) {
                CountingSource slow = new CountingSource(info -> {
                    Thread.sleep(100);
                    INDArray out = Blocks.allocate(DType.FLOAT64, info.shape());
                    out.assign(1);
                    return out;
                });
                ChunkedArray x = ChunkedArray.fromBlocks("slow", null, new long[] {100}, Chunks.of(1), DType.FLOAT64, slow);
                Thread caller = Thread.currentThread();
                Thread interrupter = new Thread(() -> {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                    caller.interrupt();
                });
                interrupter.start();
                long t0 = System.nanoTime();
                RuntimeException e = assertThrows(RuntimeException.class, () -> x.sum().compute(s));
                double seconds = (System.nanoTime() - t0) / 1e9;
                boolean wasInterrupted = Thread.interrupted(); // clear the flag for the next tests
                interrupter.join();
                assertTrue(e instanceof java.util.concurrent.CancellationException || e instanceof TaskFailedException,
                        s + ": " + e);
                assertTrue(seconds < 5, s + " took " + seconds + " s to stop");
                assertTrue(slow.total() < 100, s + " loaded " + slow.total() + " of 100 blocks after the interrupt");
                assertTrue(wasInterrupted || e instanceof TaskFailedException, "the interrupt status is kept");
            }
        });
    }

    /** Each array compute() returns is the caller's own, also when the same array is asked for twice. */
    @Test
    void computeOfTheSameArrayTwiceGivesTwoArrays() {
        for (Chunks chunks : List.of(Chunks.of(-1, -1), CHUNKS)) {
            ChunkedArray x = ChunkedArray.full(SHAPE, 3, DType.FLOAT64, chunks).add(1);
            for (Scheduler s : ArrayAssert.SCHEDULERS) {
                List<INDArray> r = ChunkedArray.compute(s, x, x);
                r.get(0).addi(1);
                assertEquals(4.0, r.get(1).getDouble(0, 0), chunks + " " + s);
                assertEquals(5.0, r.get(0).getDouble(0, 0));
            }
        }
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aFailingSourceFailsPromptlyNamingTheKey() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Ref a = Ref.random(SHAPE, DType.FLOAT64, 12);
            ChunkedArray x = ChunkedArray.fromBlocks("broken", null, SHAPE, CHUNKS, DType.FLOAT64, info -> {
                if (info.index()[0] == 1 && info.index()[1] == 2) {
                    throw new java.io.IOException("disk on fire");
                }
                return a.block(info);
            });
            for (Scheduler sch : ArrayAssert.SCHEDULERS) {
                TaskFailedException direct = assertThrows(TaskFailedException.class, () -> sch.compute(x.graph(), x.blockKeys()));
                assertEquals(x.blockKey(1, 2), direct.key());
                assertInstanceOf(java.io.IOException.class, direct.getCause());
                // fused into other tasks, the failure names the task that ran the load (same block
                // index where the grids agree) and keeps the source's exception as the cause
                for (ChunkedArray e : List.of(x, x.add(1).exp(), x.sum(), x.rechunk(Chunks.of(-1, -1)))) {
                    TaskFailedException f = assertThrows(TaskFailedException.class, () -> e.compute(sch));
                    assertInstanceOf(java.io.IOException.class, f.getCause(), f.toString());
                    assertTrue(f.getMessage().contains("disk on fire"), f.getMessage());
                    assertTrue(f.key() != null && f.getMessage().contains(f.key().toString()), f.getMessage());
                }
            }
            // the threaded scheduler is still usable afterwards
            ArrayAssert.assertEquals(Ref.random(SHAPE, DType.FLOAT64, 13).chunked(CHUNKS, true).add(1),
                    Ref.random(SHAPE, DType.FLOAT64, 13).map(v -> v + 1, DType.FLOAT64, DType.FLOAT64).nd(), 0);
        });
    }
}
