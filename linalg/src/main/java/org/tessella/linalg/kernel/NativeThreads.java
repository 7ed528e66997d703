package org.tessella.linalg.kernel;

import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The thread count of the native BLAS/LAPACK that ND4J's gemm and the LAPACKE kernels share.
 *
 * <p>Measured facts (ND4J 1.0.0-M2.1, OpenBLAS 0.3.19 pthreads build from {@code org.bytedeco:openblas:0.3.19-1.5.7};
 * details in docs/design-notes.md, section "linalg"):
 * <ul>
 *   <li>There is one {@code libopenblas.so.0}; ND4J's gemm (through {@code openblas_nolapack}) and LAPACKE (through
 *       {@code openblas}) call into it, so one thread setting governs both.</li>
 *   <li>{@code openblas_set_num_threads} is process-wide (OpenBLAS 0.3.19 has no per-thread setting); with 1 thread
 *       every call runs in the calling thread, so N scheduler workers use N cores.</li>
 *   <li>ND4J's backend initialization ({@code Nd4jBlas}'s constructor) sets the BLAS threads to
 *       {@code OMP_NUM_THREADS} or the core count, overwriting any earlier setting (unless the environment variable
 *       {@code ND4J_SKIP_BLAS_THREADS} is set). {@link #setBlasThreads} therefore initializes ND4J first.</li>
 *   <li>{@code Nd4j.getEnvironment().setMaxThreads} sets libnd4j's own OpenMP threads (elementwise ops) and does not
 *       change the BLAS threads.</li>
 * </ul>
 */
public final class NativeThreads {
    private NativeThreads() {
    }

    /**
     * Sets the number of threads every later BLAS and LAPACKE call may use, process-wide. A scheduler running
     * {@code w} workers should set {@code max(1, cores / w)}; with one worker per core, 1.
     *
     * @param threads at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setBlasThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is not positive: " + threads + "; expected at least 1");
        }
        Nd4j.getBlasWrapper(); // Nd4j's initialization resets the BLAS thread count; make it happen before ours.
        openblas.blas_set_num_threads(threads);
    }

    /** The number of threads BLAS and LAPACKE calls may use now. */
    public static int blasThreads() {
        Nd4j.getBlasWrapper();
        return openblas.blas_get_num_threads();
    }
}
