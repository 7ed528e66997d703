package org.tessella.hdf5.kernel;

import static org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5E_WALK_DOWNWARD;
import static org.bytedeco.hdf5.global.hdf5.H5Eclose_stack;
import static org.bytedeco.hdf5.global.hdf5.H5Eget_current_stack;
import static org.bytedeco.hdf5.global.hdf5.H5Eset_auto2;
import static org.bytedeco.hdf5.global.hdf5.H5Ewalk2;
import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.bytedeco.hdf5.H5E_error2_t;
import org.bytedeco.hdf5.H5E_walk2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The one JVM-wide lock around every call into the HDF5 C library.
 *
 * <p>The library bundled by the JavaCPP presets is built without its thread-safety option: two threads in
 * {@code H5Dread} crashed the JVM every time (see DEPENDENCIES.md). Every native call in this package therefore
 * runs inside {@link #call(Supplier)}; the lock is reentrant so that helpers may nest. The first call
 * initializes the library ({@code H5open}) and switches off its automatic printing of error stacks; the
 * error stack of a failed call is read back with {@link #errorStack()} while the lock is still held.
 *
 * <p>Only native calls belong inside: inflating, shuffling and copying run outside so that the scheduler's
 * workers overlap them. {@link #heldNanos()} and {@link #acquisitions()} measure how long the lock was held.
 */
public final class H5Lock {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final LongAdder ACQUISITIONS = new LongAdder();
    private static final LongAdder HELD_NANOS = new LongAdder();
    private static boolean initialized; // guarded by LOCK
    private static ErrorWalker walker;   // guarded by LOCK; one native callback for the life of the JVM

    private H5Lock() {
    }

    /**
     * Runs {@code body} holding the lock, initializing the library on first use.
     *
     * @param body native calls; must not block on anything but the library itself
     * @return what {@code body} returns
     */
    public static <T> T call(Supplier<T> body) {
        LOCK.lock();
        long start = System.nanoTime();
        try {
            ensureInitialized();
            return body.get();
        } finally {
            if (LOCK.getHoldCount() == 1) {
                HELD_NANOS.add(System.nanoTime() - start);
                ACQUISITIONS.increment();
            }
            LOCK.unlock();
        }
    }

    /** Runs {@code body} holding the lock. */
    public static void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** @return whether the current thread holds the lock */
    public static boolean isHeldByCurrentThread() {
        return LOCK.isHeldByCurrentThread();
    }

    /** @return how many times the lock was taken (outermost acquisitions only) since the JVM started */
    public static long acquisitions() {
        return ACQUISITIONS.sum();
    }

    /** @return total nanoseconds the lock was held since the JVM started */
    public static long heldNanos() {
        return HELD_NANOS.sum();
    }

    /**
     * Describes the library's current error stack as {@code "<outermost>: <innermost>"}, for example
     * {@code "unable to open dataset: object 'x' doesn't exist"}. Must be called holding the lock, right after
     * the failed call.
     *
     * @return the description, or "no HDF5 error stack" when the stack is empty
     */
    static String errorStack() {
        requireHeld();
        long stack = H5Eget_current_stack();
        if (stack < 0) {
            return "no HDF5 error stack";
        }
        try {
            walker.reset();
            H5Ewalk2(stack, H5E_WALK_DOWNWARD, walker, null);
            return walker.describe();
        } finally {
            H5Eclose_stack(stack);
        }
    }

    static void requireHeld() {
        if (!LOCK.isHeldByCurrentThread()) {
            throw new IllegalStateException("HDF5 call outside H5Lock; expected every native call inside H5Lock.call");
        }
    }

    private static void ensureInitialized() {
        if (initialized) {
            return;
        }
        if (H5open() < 0) {
            throw new IllegalStateException("H5open failed: the HDF5 native library did not initialize");
        }
        // Errors are reported through exceptions built from the stack, not printed to stderr.
        H5Eset_auto2(H5E_DEFAULT, null, null);
        walker = new ErrorWalker();
        initialized = true;
    }

    /** Collects the outermost and innermost descriptions of an error stack. */
    private static final class ErrorWalker extends H5E_walk2_t {
        private String outer;
        private String inner;

        void reset() {
            outer = null;
            inner = null;
        }

        String describe() {
            if (outer == null) {
                return "no HDF5 error stack";
            }
            return outer.equals(inner) ? outer : outer + ": " + inner;
        }

        @Override
        public int call(int n, H5E_error2_t error, Pointer clientData) {
            BytePointer desc = error.desc();
            String text = desc == null || desc.isNull() ? "?" : desc.getString();
            if (n == 0) {
                outer = text;
            }
            inner = text;
            return 0;
        }
    }
}
