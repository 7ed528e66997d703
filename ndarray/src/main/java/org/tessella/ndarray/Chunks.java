package org.tessella.ndarray;

import java.util.Arrays;

/**
 * How to cut an array into chunks, before the shape is known: explicit lengths per axis, one chunk
 * shape for every block ({@code -1} for a whole axis), or {@code auto}: blocks of about a byte
 * budget (default {@value #DEFAULT_BYTES} bytes, 128 MiB), as equal in extent along every axis as
 * the shape allows. {@link #resolve} turns a specification into a {@link ChunkGrid}.
 * This class is immutable.
 */
public final class Chunks {
    /** The default block budget of {@code auto} chunks: 128 MiB. */
    public static final long DEFAULT_BYTES = 128L << 20;

    private final long[] uniform;
    private final long[][] explicit;
    private final long bytes;

    private Chunks(long[] uniform, long[][] explicit, long bytes) {
        this.uniform = uniform;
        this.explicit = explicit;
        this.bytes = bytes;
    }

    /** Blocks of about 128 MiB. */
    public static Chunks auto() {
        return new Chunks(null, null, DEFAULT_BYTES);
    }

    /** Blocks of about {@code bytes} bytes. */
    public static Chunks bytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes is not positive: " + bytes + "; expected a block budget > 0");
        }
        return new Chunks(null, null, bytes);
    }

    /**
     * The same chunk shape for every block; {@code -1} on an axis means the whole axis. The last
     * chunk of an axis is shorter when the chunk length does not divide the extent.
     */
    public static Chunks of(long... chunkShape) {
        for (int a = 0; a < chunkShape.length; a++) {
            if (chunkShape[a] <= 0 && chunkShape[a] != -1) {
                throw new IllegalArgumentException("chunks has a non-positive length on axis " + a + ": "
                        + Arrays.toString(chunkShape) + "; expected lengths > 0, or -1 for a whole axis");
            }
        }
        return new Chunks(chunkShape.clone(), null, 0);
    }

    /** Explicit chunk lengths per axis; they must add up to the shape. */
    public static Chunks explicit(long[]... perAxis) {
        long[][] c = new long[perAxis.length][];
        for (int a = 0; a < c.length; a++) {
            if (perAxis[a] == null) {
                throw new IllegalArgumentException("chunks on axis " + a + " is null; expected chunk lengths");
            }
            c[a] = perAxis[a].clone();
        }
        return new Chunks(null, c, 0);
    }

    /** The grid these chunks give an array of {@code shape} and {@code dtype}. */
    public ChunkGrid resolve(long[] shape, DType dtype) {
        if (explicit != null) {
            return new ChunkGrid(shape, explicit);
        }
        if (uniform != null) {
            if (uniform.length != shape.length) {
                throw new IllegalArgumentException("chunks has " + uniform.length + " axes: "
                        + Arrays.toString(uniform) + "; expected " + shape.length + " for shape " + Arrays.toString(shape));
            }
            long[] c = new long[shape.length];
            for (int a = 0; a < c.length; a++) {
                c[a] = uniform[a] == -1 ? Math.max(shape[a], 1) : uniform[a];
            }
            return ChunkGrid.regular(shape, c);
        }
        return ChunkGrid.regular(shape, autoShape(shape, dtype.itemSize(), bytes));
    }

    /**
     * A chunk shape of at most {@code budget} bytes: axes small enough to fit whole are kept whole,
     * the others get equal lengths, then lengths are evened out so blocks along an axis are as equal
     * as possible.
     */
    static long[] autoShape(long[] shape, int itemSize, long budget) {
        int n = shape.length;
        long[] c = new long[n];
        long target = Math.max(1, budget / itemSize);
        boolean[] fixed = new boolean[n];
        double fixedProduct = 1;
        for (int a = 0; a < n; a++) {
            if (shape[a] <= 1) {
                c[a] = Math.max(shape[a], 1);
                fixed[a] = true;
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            int free = 0;
            for (int a = 0; a < n; a++) {
                if (!fixed[a]) {
                    free++;
                }
            }
            if (free == 0) {
                break;
            }
            double side = Math.pow(target / fixedProduct, 1.0 / free);
            for (int a = 0; a < n; a++) {
                if (!fixed[a] && shape[a] <= side) {
                    c[a] = shape[a];
                    fixed[a] = true;
                    fixedProduct *= shape[a];
                    changed = true;
                }
            }
            if (!changed) {
                for (int a = 0; a < n; a++) {
                    if (!fixed[a]) {
                        c[a] = Math.max(1, (long) Math.floor(side));
                    }
                }
            }
        }
        for (int a = 0; a < n; a++) {
            if (shape[a] > 0 && c[a] < shape[a]) {
                long blocks = (shape[a] + c[a] - 1) / c[a];
                c[a] = (shape[a] + blocks - 1) / blocks;
            }
        }
        return c;
    }

    /** Splits an extent into chunks of {@code chunk}, the last one ragged. */
    static long[] split(long extent, long chunk, int axis) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunks has a non-positive length on axis " + axis + ": " + chunk
                    + "; expected a length > 0");
        }
        if (extent == 0) {
            return new long[] {0};
        }
        int count = (int) Math.min(Integer.MAX_VALUE, (extent + chunk - 1) / chunk);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.min(chunk, extent - i * chunk);
        }
        return out;
    }

    @Override
    public String toString() {
        if (explicit != null) {
            return "Chunks" + Arrays.deepToString(explicit);
        }
        if (uniform != null) {
            return "Chunks" + Arrays.toString(uniform);
        }
        return "Chunks(auto, " + bytes + " bytes)";
    }
}
