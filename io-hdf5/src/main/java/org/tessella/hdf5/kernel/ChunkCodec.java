package org.tessella.hdf5.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The HDF5 deflate and shuffle filters in Java, run outside {@link H5Lock} so that the scheduler's workers
 * decode and encode chunks in parallel.
 *
 * <ul>
 *   <li>Deflate ({@code H5Z_FILTER_DEFLATE}) stores a zlib stream (RFC 1950: header, deflate data, Adler-32),
 *       which {@link Inflater} and {@link Deflater} read and write in their default (wrapped) mode.</li>
 *   <li>Shuffle ({@code H5Z_FILTER_SHUFFLE}) regroups the bytes of {@code n} elements of {@code s} bytes by
 *       significance: output byte {@code j * n + i} is byte {@code j} of element {@code i}; bytes past the
 *       last whole element are copied as they are. It is a no-op for one-byte elements.</li>
 * </ul>
 */
public final class ChunkCodec {
    /** Elements per tile of the (un)shuffle loops: the tile's output stays in the L1/L2 cache. */
    private static final int SHUFFLE_TILE = 2048;
    /** Per-thread staging for the fused (un)shuffles: small enough for L2, large enough for long bulk copies. */
    private static final ThreadLocal<byte[]> TILE = ThreadLocal.withInitial(() -> new byte[64 << 10]);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private ChunkCodec() {
    }

    /**
     * Inflates a zlib stream into exactly {@code expected} bytes of {@code out}.
     *
     * @throws DataFormatException if the stream is corrupt or does not hold exactly {@code expected} bytes
     */
    public static void inflate(byte[] in, int inLength, byte[] out, int expected) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, 0, inLength);
            int total = 0;
            while (total < expected) {
                int n = inflater.inflate(out, total, expected - total);
                if (n == 0) {
                    if (inflater.finished() || inflater.needsInput()) {
                        break;
                    }
                    if (inflater.needsDictionary()) {
                        throw new DataFormatException("deflate stream needs a preset dictionary; HDF5 never writes one");
                    }
                }
                total += n;
            }
            if (total != expected) {
                throw new DataFormatException("deflate stream holds " + total + " bytes; expected " + expected
                        + " (the chunk is truncated or corrupt)");
            }
            if (!inflater.finished()) {
                // A valid stream ends exactly here: try one more byte to tell "more data" from "trailer pending".
                byte[] probe = new byte[1];
                if (inflater.inflate(probe) > 0) {
                    throw new DataFormatException("deflate stream holds more than " + expected
                            + " bytes (the chunk is corrupt)");
                }
            }
        } finally {
            inflater.end();
        }
    }

    /**
     * Deflates {@code in[0, length)} at {@code level} into {@code out} from its position.
     *
     * @return the number of bytes written, or -1 if the stream does not fit in {@code out.remaining()} (give
     *     {@code out} {@code length - 1} bytes to learn whether deflate makes the data smaller at all)
     */
    public static int deflate(byte[] in, int length, int level, ByteBuffer out) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(in, 0, length);
            deflater.finish();
            int start = out.position();
            while (!deflater.finished()) {
                if (!out.hasRemaining()) {
                    return -1;
                }
                deflater.deflate(out);
            }
            return out.position() - start;
        } finally {
            deflater.end();
        }
    }

    /** HDF5 shuffle of {@code length} bytes of {@code itemSize}-byte elements from {@code in} to {@code out}. */
    public static void shuffle(byte[] in, byte[] out, int length, int itemSize) {
        int n = length / itemSize;
        if (itemSize == 1 || n <= 1) {
            System.arraycopy(in, 0, out, 0, length);
            return;
        }
        if (itemSize == 8) {
            for (int i = 0; i < n; i++) {
                long v = (long) LONGS.get(in, 8 * i);
                for (int j = 0; j < 8; j++) {
                    out[j * n + i] = (byte) (v >>> (8 * j));
                }
            }
        } else if (itemSize == 4) {
            for (int i = 0; i < n; i++) {
                int v = (int) INTS.get(in, 4 * i);
                out[i] = (byte) v;
                out[n + i] = (byte) (v >>> 8);
                out[2 * n + i] = (byte) (v >>> 16);
                out[3 * n + i] = (byte) (v >>> 24);
            }
        } else {
            for (int t = 0; t < n; t += SHUFFLE_TILE) {
                int end = Math.min(n, t + SHUFFLE_TILE);
                for (int j = 0; j < itemSize; j++) {
                    int o = j * n;
                    for (int i = t; i < end; i++) {
                        out[o + i] = in[i * itemSize + j];
                    }
                }
            }
        }
        int rest = n * itemSize;
        System.arraycopy(in, rest, out, rest, length - rest);
    }

    /** Inverse of {@link #shuffle}. */
    public static void unshuffle(byte[] in, byte[] out, int length, int itemSize) {
        int n = length / itemSize;
        if (itemSize == 1 || n <= 1) {
            System.arraycopy(in, 0, out, 0, length);
            return;
        }
        if (itemSize == 8) {
            unshuffle8(in, out, n);
        } else if (itemSize == 4) {
            unshuffle4(in, out, n);
        } else {
            for (int t = 0; t < n; t += SHUFFLE_TILE) {
                int end = Math.min(n, t + SHUFFLE_TILE);
                for (int j = 0; j < itemSize; j++) {
                    int o = j * n;
                    for (int i = t; i < end; i++) {
                        out[i * itemSize + j] = in[o + i];
                    }
                }
            }
        }
        int rest = n * itemSize;
        System.arraycopy(in, rest, out, rest, length - rest);
    }

    /**
     * Un-shuffles elements {@code [first, first + count)} of a shuffled chunk of {@code n} elements straight into
     * {@code dst} at byte {@code dstByte}: un-shuffle and copy in one pass. Elements are assembled in a small
     * per-thread tile of a heap array and bulk-copied: per-element {@code putLong} into a direct buffer ran at
     * 0.3–0.65 GB/s against 1 GB/s for the array.
     */
    static void unshuffleInto(byte[] planes, int n, int itemSize, int first, int count, ByteBuffer dst, int dstByte) {
        if (itemSize == 1) {
            dst.put(dstByte, planes, first, count);
            return;
        }
        byte[] tile = TILE.get();
        int perTile = tile.length / itemSize;
        for (int done = 0; done < count; done += perTile) {
            int m = Math.min(perTile, count - done);
            int base = first + done;
            switch (itemSize) {
                case 8 -> {
                    for (int k = 0; k < m; k++) {
                        int i = base + k;
                        long v = (planes[i] & 0xffL)
                                | (planes[n + i] & 0xffL) << 8
                                | (planes[2 * n + i] & 0xffL) << 16
                                | (planes[3 * n + i] & 0xffL) << 24
                                | (planes[4 * n + i] & 0xffL) << 32
                                | (planes[5 * n + i] & 0xffL) << 40
                                | (planes[6 * n + i] & 0xffL) << 48
                                | (planes[7 * n + i] & 0xffL) << 56;
                        LONGS.set(tile, 8 * k, v);
                    }
                }
                case 4 -> {
                    for (int k = 0; k < m; k++) {
                        int i = base + k;
                        INTS.set(tile, 4 * k, (planes[i] & 0xff) | (planes[n + i] & 0xff) << 8
                                | (planes[2 * n + i] & 0xff) << 16 | (planes[3 * n + i] & 0xff) << 24);
                    }
                }
                case 2 -> {
                    for (int k = 0; k < m; k++) {
                        tile[2 * k] = planes[base + k];
                        tile[2 * k + 1] = planes[n + base + k];
                    }
                }
                default -> throw new IllegalArgumentException("itemSize is not 1, 2, 4 or 8: " + itemSize
                        + "; expected one of those");
            }
            dst.put(dstByte + done * itemSize, tile, 0, m * itemSize);
        }
    }

    /**
     * Shuffles {@code count} elements read from {@code src} at byte {@code srcByte} into element positions
     * {@code [first, first + count)} of a shuffled chunk of {@code n} elements: copy and shuffle in one pass,
     * through the same per-thread tile as {@link #unshuffleInto}.
     */
    static void shuffleFrom(ByteBuffer src, int srcByte, int count, byte[] planes, int n, int itemSize, int first) {
        if (itemSize == 1) {
            src.get(srcByte, planes, first, count);
            return;
        }
        byte[] tile = TILE.get();
        int perTile = tile.length / itemSize;
        for (int done = 0; done < count; done += perTile) {
            int m = Math.min(perTile, count - done);
            int base = first + done;
            src.get(srcByte + done * itemSize, tile, 0, m * itemSize);
            switch (itemSize) {
                case 8 -> {
                    for (int k = 0; k < m; k++) {
                        long v = (long) LONGS.get(tile, 8 * k);
                        int i = base + k;
                        for (int j = 0; j < 8; j++) {
                            planes[j * n + i] = (byte) (v >>> (8 * j));
                        }
                    }
                }
                case 4 -> {
                    for (int k = 0; k < m; k++) {
                        int v = (int) INTS.get(tile, 4 * k);
                        int i = base + k;
                        planes[i] = (byte) v;
                        planes[n + i] = (byte) (v >>> 8);
                        planes[2 * n + i] = (byte) (v >>> 16);
                        planes[3 * n + i] = (byte) (v >>> 24);
                    }
                }
                case 2 -> {
                    for (int k = 0; k < m; k++) {
                        planes[base + k] = tile[2 * k];
                        planes[n + base + k] = tile[2 * k + 1];
                    }
                }
                default -> throw new IllegalArgumentException("itemSize is not 1, 2, 4 or 8: " + itemSize
                        + "; expected one of those");
            }
        }
    }

    /** Eight byte planes into whole longs: one 8-byte store per element instead of eight byte stores. */
    private static void unshuffle8(byte[] in, byte[] out, int n) {
        for (int i = 0; i < n; i++) {
            long v = (in[i] & 0xffL)
                    | (in[n + i] & 0xffL) << 8
                    | (in[2 * n + i] & 0xffL) << 16
                    | (in[3 * n + i] & 0xffL) << 24
                    | (in[4 * n + i] & 0xffL) << 32
                    | (in[5 * n + i] & 0xffL) << 40
                    | (in[6 * n + i] & 0xffL) << 48
                    | (in[7 * n + i] & 0xffL) << 56;
            LONGS.set(out, 8 * i, v);
        }
    }

    private static void unshuffle4(byte[] in, byte[] out, int n) {
        for (int i = 0; i < n; i++) {
            int v = (in[i] & 0xff)
                    | (in[n + i] & 0xff) << 8
                    | (in[2 * n + i] & 0xff) << 16
                    | (in[3 * n + i] & 0xff) << 24;
            INTS.set(out, 4 * i, v);
        }
    }
}
