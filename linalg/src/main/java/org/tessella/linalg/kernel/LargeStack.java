package org.tessella.linalg.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

import org.bytedeco.openblas.global.openblas;

/**
 * Runs native calls that need a deep C stack on a thread that has one.
 *
 * <p>OpenBLAS 0.3.19's multi-threaded {@code getrf} ({@code getrf_parallel}) keeps an array of per-thread jobs on
 * the stack at every level of its recursion; from a Java thread's default 1 MiB stack it overflows and kills the
 * JVM with SIGSEGV once BLAS runs on more than one thread and m·n &gt;= 10,000 (measured: n = 100 crashes at 1 MiB
 * and 2 threads; n = 4000 needs more than 2 MiB; with one BLAS thread 256 KiB is enough). Known upstream as
 * OpenMathLib/OpenBLAS issues 1082 and 3229. {@code potrf}, {@code getri}, {@code geqrf}, {@code gesdd},
 * {@code trsm} and gemm were measured safe at 1 MiB and 2 threads.
 *
 * <p>With one BLAS thread (how the scheduler runs, see {@link NativeThreads}) the call runs in the caller's thread
 * at no cost; otherwise it runs on a daemon thread with a {@value #STACK_BYTES}-byte stack (address space only;
 * pages are committed as touched) and the caller waits for it.
 */
final class LargeStack {
    /** Stack reserved for each helper thread: ample for any matrix LAPACK can index with 32-bit ints. */
    static final long STACK_BYTES = 64L << 20;

    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(null, task, "tessella-lapack-large-stack", STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    private LargeStack() {
    }

    /** Runs {@code call} where its stack cannot overflow and returns its result. */
    static int call(IntSupplier call) {
        if (openblas.blas_get_num_threads() <= 1) {
            return call.getAsInt();
        }
        Future<Integer> result = HELPERS.submit(call::getAsInt);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get(); // the native call cannot be cancelled: wait for it even if interrupted
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
