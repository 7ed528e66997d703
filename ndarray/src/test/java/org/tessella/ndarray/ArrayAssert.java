package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.NativeThreads;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;

/**
 * Checks a {@link ChunkedArray} against a dense expected result, as dask's {@code assert_eq} does:
 * shape and dtype; every block computed on its own has exactly the shape the grid declares, the
 * array's dtype and the expected values of its region; and {@code compute()} gives the expected
 * values. Both the threaded and the synchronous scheduler run everything.
 *
 * <p>Tolerance: values {@code a} (actual) and {@code e} (expected) agree when both are NaN, when
 * they are equal (so infinities must match exactly), or when
 * {@code |a - e| <= relTol * max(1, |e|)}: relative for magnitudes of 1 and above, absolute
 * below (so results near zero such as {@code sin(pi)} do not need an absolute tolerance of their
 * own). {@code relTol = 0} demands exact equality, which integer and bool results get.
 */
public final class ArrayAssert {
    /** Two workers, like the machines the suite runs on. */
    static final Scheduler THREADED = Schedulers.threaded(2);
    static final Scheduler SYNCHRONOUS = Schedulers.synchronous();
    static final List<Scheduler> SCHEDULERS = List.of(THREADED, SYNCHRONOUS);

    static {
        oneNativeThread();
    }

    /**
     * Test blocks are tiny and the test machines are shared (load far above the core count):
     * OpenMP threads inside ND4J's broadcast kernels then cost milliseconds per call (measured:
     * a 4x5 + 1x5 add took 6-9 ms with 2 OpenMP threads, 0.25 ms with 1). Tests run every task
     * with one native thread; how many native threads tasks get is not what they check.
     */
    static void oneNativeThread() {
        ChunkedArray.zeros(new long[0], DType.FLOAT64, Chunks.of()); // installs the block runtime first
        NativeThreads.install(n -> {
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
        });
    }

    private ArrayAssert() {
    }

    /** See the class comment. */
    public static void assertEquals(ChunkedArray actual, INDArray expected, double relTol) {
        assertAllEquals(List.of(actual), List.of(expected), new double[] {relTol});
    }

    /**
     * {@link #assertEquals} for several arrays at once: the blocks of all of them are computed in
     * one scheduler run, and {@code ChunkedArray.compute(scheduler, arrays...)} computes them
     * together (so work they share runs once, as it must give the same results).
     */
    public static void assertAllEquals(List<ChunkedArray> actual, List<INDArray> expected, double[] relTol) {
        int n = actual.size();
        if (expected.size() != n || relTol.length != n) {
            throw new IllegalArgumentException("expected and relTol must have one entry per actual array");
        }
        List<double[]> e = new ArrayList<>(n);
        List<Key> keys = new ArrayList<>();
        Graph[] graphs = new Graph[n];
        for (int k = 0; k < n; k++) {
            ChunkedArray x = actual.get(k);
            INDArray exp = expected.get(k);
            assertArrayEquals(exp.shape(), x.shape(), () -> "shape of " + x);
            DType want = DType.of(exp.dataType());
            if (want != x.dtype()) {
                fail("dtype of " + x + " is " + x.dtype().numpyName() + "; expected " + want.numpyName());
            }
            if (x.blockKeys().size() != x.grid().totalBlocks()) {
                fail(x + " has " + x.blockKeys().size() + " block keys; expected " + x.grid().totalBlocks());
            }
            e.add(values(exp));
            keys.addAll(x.blockKeys());
            graphs[k] = x.graph();
        }
        Graph all = Graph.merge(graphs);
        for (Scheduler s : SCHEDULERS) {
            String sname = s.getClass().getSimpleName();
            Scheduler.Result r = s.compute(all, keys);
            int pos = 0;
            for (int k = 0; k < n; k++) {
                ChunkedArray x = actual.get(k);
                ChunkGrid grid = x.grid();
                for (Key key : x.blockKeys()) {
                    int[] idx = key.index();
                    INDArray block = (INDArray) r.value(pos++);
                    String where = x + " block " + Arrays.toString(idx) + " (" + sname + ")";
                    assertArrayEquals(grid.blockShape(idx), block.shape(), () -> "shape of " + where);
                    if (block.dataType() != x.dtype().nd4j()) {
                        fail("dtype of " + where + " is " + block.dataType() + "; expected " + x.dtype().nd4j());
                    }
                    compareRegion(block, grid.blockOffset(idx), x.shape(), e.get(k), relTol[k], where);
                }
            }
            List<INDArray> computed = ChunkedArray.compute(s, actual.toArray(new ChunkedArray[0]));
            for (int k = 0; k < n; k++) {
                ChunkedArray x = actual.get(k);
                INDArray c = computed.get(k);
                String where = x + " compute() (" + sname + ")";
                assertArrayEquals(x.shape(), c.shape(), () -> "shape of " + where);
                if (c.dataType() != x.dtype().nd4j()) {
                    fail("dtype of " + where + " is " + c.dataType() + "; expected " + x.dtype().nd4j());
                }
                compare(values(c), e.get(k), relTol[k], where);
            }
        }
    }

    /** Asserts {@code actual} agrees with {@code expected} under the class tolerance rule. */
    public static void assertClose(double expected, double actual, double relTol, String what) {
        if (!close(actual, expected, relTol)) {
            fail(what + ": got " + actual + "; expected " + expected + " (relTol " + relTol + ")");
        }
    }

    static boolean close(double a, double e, double relTol) {
        if (Double.isNaN(a) || Double.isNaN(e)) {
            return Double.isNaN(a) && Double.isNaN(e);
        }
        if (a == e) {
            return true;
        }
        if (Double.isInfinite(a) || Double.isInfinite(e)) {
            return false;
        }
        return Math.abs(a - e) <= relTol * Math.max(1, Math.abs(e));
    }

    private static void compare(double[] a, double[] e, double relTol, String where) {
        if (a.length != e.length) {
            fail(where + " has " + a.length + " elements; expected " + e.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!close(a[i], e[i], relTol)) {
                fail(where + " differs at flat index " + i + ": got " + a[i] + "; expected " + e[i]
                        + " (relTol " + relTol + ")\n got      " + preview(a) + "\n expected " + preview(e));
            }
        }
    }

    private static void compareRegion(INDArray block, long[] offset, long[] fullShape, double[] e, double relTol,
                                      String where) {
        double[] b = values(block);
        long[] bs = block.shape();
        long[] idx = new long[bs.length];
        long[] g = new long[bs.length];
        for (int i = 0; i < b.length; i++) {
            for (int a = 0; a < bs.length; a++) {
                g[a] = offset[a] + idx[a];
            }
            double want = e[(int) Ref.flat(g, fullShape)];
            if (!close(b[i], want, relTol)) {
                fail(where + " differs at block element " + Arrays.toString(idx) + ": got " + b[i] + "; expected "
                        + want + " (relTol " + relTol + ")");
            }
            Ref.increment(idx, bs);
        }
    }

    private static String preview(double[] a) {
        return Arrays.toString(a.length <= 40 ? a : Arrays.copyOf(a, 40));
    }

    /**
     * The elements of {@code a} in C order as doubles, read one by one through its strides (so a
     * view or an F-order array reads correctly without going through ND4J's copy kernels).
     */
    static double[] values(INDArray a) {
        int n = (int) a.length();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        if (a.rank() == 0) {
            out[0] = a.getDouble(0);
            return out;
        }
        long[] shape = a.shape();
        long[] idx = new long[shape.length];
        for (int i = 0; i < n; i++) {
            out[i] = a.getDouble(idx);
            Ref.increment(idx, shape);
        }
        return out;
    }
}
