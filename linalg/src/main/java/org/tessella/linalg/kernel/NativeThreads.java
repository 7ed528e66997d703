package org.tessella.linalg.kernel;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The thread counts of the native code under the block kernels: OpenBLAS (gemm, LAPACKE) and libnd4j (ND4J's
 * elementwise operations, copies and layout changes). A scheduler running one worker per core sets both to 1 with
 * {@link #limit(int)}, so that threads inside a task times worker threads never exceed the cores.
 *
 * <p>Measured facts (ND4J 1.0.0-M2.1, OpenBLAS 0.3.19 pthreads build from {@code org.bytedeco:openblas:0.3.19-1.5.7},
 * by counting which native threads accumulate CPU time; details in docs/design-notes.md, section "linalg"):
 * <ul>
 *   <li>There is one {@code libopenblas.so.0}; ND4J's gemm (through {@code openblas_nolapack}) and LAPACKE (through
 *       {@code openblas}) both call into it, so one setting, {@code blas_set_num_threads} (which calls
 *       {@code openblas_set_num_threads}), governs both. It is process-wide: OpenBLAS 0.3.19 has no per-thread
 *       setting. With 1 thread every call runs in the calling thread.</li>
 *   <li>ND4J's backend initialization ({@code Nd4jBlas}'s constructor) sets the BLAS threads to
 *       {@code OMP_NUM_THREADS} or the core count, overwriting any earlier setting (unless the environment variable
 *       {@code ND4J_SKIP_BLAS_THREADS} is set), so the setters here initialize ND4J first.</li>
 *   <li>libnd4j's elementwise ops ({@code dup}, transforms) run on their own threads, not OpenBLAS's; the BLAS
 *       setting does not touch them. {@code Environment.setMaxMasterThreads(1)} makes them single-threaded;
 *       {@code Environment.setMaxThreads(1)} does not (it is ignored: {@code maxThreads()} still reads 2). On an oversubscribed machine a two-thread
 *       {@code dup('f')} of a 48 x 48 block often waited a whole time slice (2-20 ms) for a preempted helper.</li>
 *   <li>{@code OMP_NUM_THREADS=1} in the environment at JVM start has the same effect as {@code limit(1)}.</li>
 * </ul>
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /**
     * Sets both the BLAS/LAPACKE threads and libnd4j's elementwise threads, process-wide. With {@code w} scheduler
     * workers on {@code c} cores, {@code max(1, c / w)}; with one worker per core, 1.
     *
     * @param threads at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void limit(int threads) {
        setBlasThreads(threads);
        setElementwiseThreads(threads);
    }

    /**
     * Sets the number of threads every later BLAS and LAPACKE call may use, process-wide.
     *
     * @param threads at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setBlasThreads(int threads) {
        requirePositive(threads);
        Nd4j.getBlasWrapper(); // ND4J's initialization resets the BLAS thread count; make it happen before ours.
        openblas.blas_set_num_threads(threads);
    }

    /** The number of threads BLAS and LAPACKE calls may use now. */
    public static int blasThreads() {
        Nd4j.getBlasWrapper();
        return openblas.blas_get_num_threads();
    }

    /**
     * Sets the number of threads libnd4j's elementwise operations (copies, layout changes, transforms, reductions)
     * may use, process-wide.
     *
     * @param threads at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setElementwiseThreads(int threads) {
        requirePositive(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /** The number of threads libnd4j's elementwise operations may use now. */
    public static int elementwiseThreads() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    private static void requirePositive(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is not positive: " + threads + "; expected at least 1");
        }
    }
}
