package org.tessella.ndarray.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Recycles the native buffers of released blocks. Fresh native memory page-faults at under 1 GB/s
 * on our machines while writing into an existing buffer runs at 16+ GB/s, so a block released by
 * the scheduler goes back here, keyed by (data type, length), and serves the next block of the same
 * size. The pool holds at most {@link #capacityBytes()} bytes (system property
 * {@code tessella.pool.bytes}, default 256 MiB); beyond that, released buffers are freed at once.
 *
 * <p>Ownership: a block that is not a view owns its buffer; releasing it hands the buffer to the
 * pool, and the released {@code INDArray} object must not be used again. Views never own memory
 * and are never pooled.
 */
public final class BlockPool {
    /** Default bound on pooled bytes, set from the out-of-core runs (-Xmx1g, 1.5 GB native). */
    public static final long DEFAULT_CAPACITY = 256L << 20;
    private static final long CAPACITY = Long.getLong("tessella.pool.bytes", DEFAULT_CAPACITY);
    private static final Map<Long, ConcurrentLinkedDeque<DataBuffer>> FREE = new ConcurrentHashMap<>();
    /** Native addresses of the buffers in the pool: a second release of the same memory is ignored. */
    private static final Map<Long, Boolean> IN_POOL = new ConcurrentHashMap<>();
    private static final AtomicLong DUPLICATES = new AtomicLong();
    private static final AtomicLong POOLED = new AtomicLong();
    private static final AtomicLong HITS = new AtomicLong();
    private static final AtomicLong MISSES = new AtomicLong();

    private BlockPool() {
    }

    public static long capacityBytes() {
        return CAPACITY;
    }

    public static long pooledBytes() {
        return POOLED.get();
    }

    /** Releases ignored because the memory was already pooled (a double release upstream). */
    public static long duplicateReleases() {
        return DUPLICATES.get();
    }

    /** Allocations served from the pool and fresh ones, since start. */
    public static long[] hitsAndMisses() {
        return new long[] {HITS.get(), MISSES.get()};
    }

    private static long key(DataType type, long length) {
        return (length << 5) | type.ordinal();
    }

    /** An uninitialized C-order array, recycled when possible. */
    public static INDArray allocate(DataType type, long[] shape) {
        long length = 1;
        for (long s : shape) {
            length *= s;
        }
        if (length == 0) {
            return Nd4j.create(type, shape);
        }
        ConcurrentLinkedDeque<DataBuffer> q = FREE.get(key(type, length));
        DataBuffer buf = q == null ? null : q.pollFirst();
        if (buf != null) {
            IN_POOL.remove(buf.address());
            POOLED.addAndGet(-length * type.width());
            HITS.incrementAndGet();
            return Nd4j.create(buf, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', type);
        }
        MISSES.incrementAndGet();
        return Nd4j.createUninitialized(type, shape);
    }

    /** Bytes a block owns (0 for views and empty arrays). */
    public static long sizeOf(INDArray a) {
        if (a == null || a.isView() || a.isEmpty()) {
            return 0;
        }
        return a.length() * a.dataType().width();
    }

    /** Takes back a block's buffer; the array must not be used afterwards. Views are ignored. */
    public static void release(INDArray a) {
        if (a == null || a.isView() || a.isEmpty() || a.wasClosed()) {
            return;
        }
        DataBuffer buf = a.data();
        long length = a.length();
        if (buf.length() != length) {
            return;
        }
        long bytes = length * a.dataType().width();
        if (IN_POOL.putIfAbsent(buf.address(), Boolean.TRUE) != null) {
            // Already pooled: two owners released the same memory (e.g. an array and a
            // whole-buffer view of it). Pooling it twice would hand one buffer to two blocks.
            DUPLICATES.incrementAndGet();
            return;
        }
        if (POOLED.addAndGet(bytes) <= CAPACITY) {
            FREE.computeIfAbsent(key(a.dataType(), length), k -> new ConcurrentLinkedDeque<>()).addFirst(buf);
        } else {
            POOLED.addAndGet(-bytes);
            IN_POOL.remove(buf.address());
            a.close();
        }
    }

    /** Frees every pooled buffer. */
    public static void clear() {
        for (ConcurrentLinkedDeque<DataBuffer> q : FREE.values()) {
            DataBuffer b;
            while ((b = q.pollFirst()) != null) {
                POOLED.addAndGet(-b.length() * b.dataType().width());
                IN_POOL.remove(b.address());
                b.close();
            }
        }
    }
}
