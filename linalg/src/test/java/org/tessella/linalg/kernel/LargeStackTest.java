package org.tessella.linalg.kernel;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Regression test for OpenBLAS's stack-hungry multi-threaded getrf: without {@link LargeStack} this test kills the
 * test JVM with SIGSEGV (measured: n = 100, two BLAS threads, 1 MiB Java stack).
 */
class LargeStackTest {

    @Test
    void luSolveAndInverseRunFromASmallStackWithTwoBlasThreads() throws Exception {
        int before = NativeThreads.blasThreads();
        NativeThreads.setBlasThreads(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Double> error = new AtomicReference<>();
        try {
            Thread t = new Thread(null, () -> {
                try {
                    int n = 200;
                    double[][] a = Dense.withSpectrum(n, n, Dense.geometric(n, 100), 8);
                    INDArray an = Dense.nd(a, DataType.DOUBLE);
                    LapackKernels.lu(an);
                    LapackKernels.inv(an);
                    double[][] xTrue = Dense.gaussian(n, 1, 2);
                    INDArray x = LapackKernels.solve(an, Dense.nd(Dense.multiply(a, xTrue), DataType.DOUBLE));
                    error.set(Dense.relativeError(Dense.java(x), xTrue));
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "small-stack", 512 << 10);
            t.start();
            t.join();
        } finally {
            NativeThreads.setBlasThreads(before);
        }
        assertNull(failure.get());
        assertTrue(error.get() < 1e-10, "forward error " + error.get());
    }
}
