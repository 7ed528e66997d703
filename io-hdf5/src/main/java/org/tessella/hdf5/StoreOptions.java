package org.tessella.hdf5;

import java.util.Arrays;

/**
 * How {@link Hdf5#store} writes: file chunk shape, compression, and what it may replace. Defaults: file chunks
 * equal to the array's chunks, no compression, no shuffle, never replace an existing dataset or file.
 *
 * <p>This class is immutable: every setter returns a new instance.
 */
public final class StoreOptions {
    private final long[] chunkShape;
    private final int deflateLevel;
    private final boolean shuffle;
    private final boolean overwrite;
    private final boolean replaceFile;

    private StoreOptions(long[] chunkShape, int deflateLevel, boolean shuffle, boolean overwrite, boolean replaceFile) {
        this.chunkShape = chunkShape;
        this.deflateLevel = deflateLevel;
        this.shuffle = shuffle;
        this.overwrite = overwrite;
        this.replaceFile = replaceFile;
    }

    /** @return the defaults */
    public static StoreOptions defaults() {
        return new StoreOptions(null, -1, false, false, false);
    }

    /**
     * File chunk shape for every dataset of the store (clipped to each shape). By default each dataset's chunks
     * are its array's chunks, so every block is written as whole chunks (compressed in parallel).
     */
    public StoreOptions chunks(long... fileChunkShape) {
        for (long c : fileChunkShape) {
            if (c < 1) {
                throw new IllegalArgumentException("chunks has a length < 1: " + Arrays.toString(fileChunkShape)
                        + "; expected lengths >= 1");
            }
        }
        return new StoreOptions(fileChunkShape.clone(), deflateLevel, shuffle, overwrite, replaceFile);
    }

    /** Deflate (gzip) compression at {@code level} 0..9; -1 for none. */
    public StoreOptions deflate(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("deflate level is out of range: " + level
                    + "; expected 0..9, or -1 for no compression");
        }
        return new StoreOptions(chunkShape, level, shuffle, overwrite, replaceFile);
    }

    /** The shuffle filter (byte planes before deflate; helps numeric data compress). */
    public StoreOptions shuffle(boolean on) {
        return new StoreOptions(chunkShape, deflateLevel, on, overwrite, replaceFile);
    }

    /** Replace datasets that already exist at the target paths of an existing file (at commit). */
    public StoreOptions overwrite(boolean on) {
        return new StoreOptions(chunkShape, deflateLevel, shuffle, on, replaceFile);
    }

    /**
     * Write a new file that replaces an existing file at the target path at commit, instead of adding the
     * datasets to it.
     */
    public StoreOptions replaceFile(boolean on) {
        return new StoreOptions(chunkShape, deflateLevel, shuffle, overwrite, on);
    }

    /** @return the file chunk shape, or null for "the array's chunks" */
    public long[] chunkShape() {
        return chunkShape == null ? null : chunkShape.clone();
    }

    /** @return the deflate level, or -1 */
    public int deflateLevel() {
        return deflateLevel;
    }

    /** @return whether shuffle is on */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return whether existing datasets may be replaced */
    public boolean overwrite() {
        return overwrite;
    }

    /** @return whether an existing file is replaced rather than added to */
    public boolean replaceFile() {
        return replaceFile;
    }

    @Override
    public String toString() {
        return "StoreOptions[chunks=" + (chunkShape == null ? "array's" : Arrays.toString(chunkShape))
                + ", deflate=" + deflateLevel + ", shuffle=" + shuffle + ", overwrite=" + overwrite
                + ", replaceFile=" + replaceFile + "]";
    }
}
