package org.tessella.linalg.kernel;

import java.util.concurrent.TimeUnit;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where EJML stops being faster than LAPACKE, for the constants in {@link Thresholds}. Each benchmark runs one
 * kernel on one float64 matrix with one BLAS thread and one libnd4j thread (how the scheduler runs kernels, see
 * {@link NativeThreads#limit}), and frees its results at once.
 * Sample mode, compared at the median: on the shared 2-core machine other processes preempt a call now and then for
 * a whole time slice (7-20 ms), which ruins means of calls that take 10-1000 µs but leaves medians alone.
 *
 * <p>Run (from the repository root, after {@code mvn -pl linalg -am test-compile}; the machine is shared, keep it
 * short):
 * <pre>
 * java -cp linalg/target/test-classes:linalg/target/classes:$(cat cp.txt) org.openjdk.jmh.Main KernelCrossover
 * </pre>
 * where cp.txt comes from {@code mvn -pl linalg dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=cp.txt}. Figures and the chosen constants: docs/design-notes.md, section "linalg".
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class KernelCrossoverBenchmark {

    /** Rectangular factorizations: squares, tall blocks, and stacked R factors of TSQR. */
    @State(Scope.Benchmark)
    public static class Rect {
        @Param({"8x8", "16x16", "24x24", "32x32", "48x48", "64x64", "96x96", "128x128", "256x256",
                "100x10", "1000x10", "10000x10", "100x30", "300x30", "1000x30", "3000x30",
                "200x100", "500x100", "2000x100"})
        public String shape;

        INDArray a;

        @Setup
        public void setUp() {
            NativeThreads.limit(1);
            String[] mn = shape.split("x");
            a = Dense.nd(Dense.gaussian(Integer.parseInt(mn[0]), Integer.parseInt(mn[1]), 1), DataType.DOUBLE);
        }

        @TearDown
        public void tearDown() {
            a.close();
        }
    }

    /** Square factorizations and solves. */
    @State(Scope.Benchmark)
    public static class Square {
        @Param({"8", "16", "32", "48", "64", "96", "128", "256"})
        public int n;

        INDArray a;
        INDArray spd;
        INDArray b;

        @Setup
        public void setUp() {
            NativeThreads.limit(1);
            double[][] g = Dense.gaussian(n, n, 2);
            a = Dense.nd(g, DataType.DOUBLE);
            double[][] s = Dense.multiply(g, Dense.transpose(g));
            for (int i = 0; i < n; i++) {
                s[i][i] += n;
            }
            spd = Dense.nd(s, DataType.DOUBLE);
            b = Dense.nd(Dense.gaussian(n, 1, 3), DataType.DOUBLE);
        }

        @TearDown
        public void tearDown() {
            a.close();
            spd.close();
            b.close();
        }
    }

    @Benchmark
    public void qrLapack(Rect s, Blackhole bh) {
        Kernels.Qr r = LapackKernels.qr(s.a);
        bh.consume(r.r().data().getDouble(0));
        r.q().close();
        r.r().close();
    }

    @Benchmark
    public void qrEjml(Rect s, Blackhole bh) {
        Kernels.Qr r = EjmlKernels.qr(s.a);
        bh.consume(r.r().data().getDouble(0));
        r.q().close();
        r.r().close();
    }

    @Benchmark
    public void svdLapack(Rect s, Blackhole bh) {
        Kernels.Svd r = LapackKernels.svd(s.a);
        bh.consume(r.s().data().getDouble(0));
        r.u().close();
        r.s().close();
        r.vt().close();
    }

    @Benchmark
    public void svdEjml(Rect s, Blackhole bh) {
        Kernels.Svd r = EjmlKernels.svd(s.a);
        bh.consume(r.s().data().getDouble(0));
        r.u().close();
        r.s().close();
        r.vt().close();
    }

    @Benchmark
    public void solveLapack(Square s, Blackhole bh) {
        INDArray x = LapackKernels.solve(s.a, s.b);
        bh.consume(x.data().getDouble(0));
        x.close();
    }

    @Benchmark
    public void solveEjml(Square s, Blackhole bh) {
        INDArray x = EjmlKernels.solve(s.a, s.b);
        bh.consume(x.data().getDouble(0));
        x.close();
    }

    @Benchmark
    public void choleskyLapack(Square s, Blackhole bh) {
        INDArray l = LapackKernels.cholesky(s.spd);
        bh.consume(l.data().getDouble(0));
        l.close();
    }

    @Benchmark
    public void choleskyEjml(Square s, Blackhole bh) {
        INDArray l = EjmlKernels.cholesky(s.spd);
        bh.consume(l.data().getDouble(0));
        l.close();
    }
}
