package org.tessella.hdf5.kernel;

/**
 * Per-thread scratch arrays for decoding and encoding chunks, reused across chunks so that a stream of chunks
 * does not allocate (and zero) a fresh array each time.
 *
 * <p>Arrays up to {@link #RETAIN_MAX_BYTES} are kept per thread and slot; larger ones are allocated for one use
 * and left to the collector, which bounds what an idle worker holds to 16 MiB. Shuffling and un-shuffling are
 * fused with the copy between chunk and block, and deflate writes to native memory, so a worker needs one
 * chunk-sized array at a time in either direction.
 */
final class Scratch {
    /**
     * Largest array kept per thread and slot. Chunks written by h5py and most tools are well under 1 MiB;
     * Tessella writes chunks the size of its blocks (up to ~128 MiB), for which one allocation per chunk is
     * small beside inflating it (an allocation zeroes at several GB/s, inflate runs at ~0.3–0.5 GB/s).
     */
    static final int RETAIN_MAX_BYTES = 16 << 20;

    /** Slot for a decoded or gathered chunk (shuffled or not): the one chunk-sized array per thread. */
    static final int CHUNK = 0;

    private static final ThreadLocal<byte[][]> SLOTS = ThreadLocal.withInitial(() -> new byte[1][]);

    private Scratch() {
    }

    /** @return an array of at least {@code size} bytes for {@code slot}; its contents are undefined */
    static byte[] get(int slot, int size) {
        byte[][] slots = SLOTS.get();
        byte[] a = slots[slot];
        if (a != null && a.length >= size) {
            return a;
        }
        byte[] fresh = new byte[size];
        if (size <= RETAIN_MAX_BYTES) {
            slots[slot] = fresh;
        }
        return fresh;
    }
}
