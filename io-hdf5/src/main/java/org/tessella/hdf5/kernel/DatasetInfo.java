package org.tessella.hdf5.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a dataset is, as read from the file: path, shape, element type, storage layout, file chunk shape and
 * filter pipeline.
 *
 * <p>This class is immutable; arrays are cloned on the way in and out.
 */
public final class DatasetInfo {
    /** Storage layout of a dataset. */
    public enum Layout {
        /** One contiguous extent (no chunks, no filters). */
        CONTIGUOUS,
        /** Chunked; the only layout with filters. */
        CHUNKED,
        /** Stored inside the object header (small datasets). */
        COMPACT,
        /** A virtual dataset mapping other datasets. */
        VIRTUAL
    }

    /** A filter of the pipeline, in pipeline order. */
    public enum Filter {
        /** Byte shuffle ({@code H5Z_FILTER_SHUFFLE}). */
        SHUFFLE,
        /** zlib deflate ({@code H5Z_FILTER_DEFLATE}). */
        DEFLATE,
        /** Anything else (fletcher32, szip, scale-offset, n-bit, plugins). */
        OTHER
    }

    /**
     * Largest decoded chunk the raw-chunk path handles, in bytes: decoded chunks live in Java arrays. Larger
     * chunks are read with hyperslabs (decoded by the library, inside the lock).
     */
    public static final long MAX_RAW_CHUNK_BYTES = Integer.MAX_VALUE - 64;

    private final String path;
    private final long[] shape;
    private final H5Type type;
    private final Layout layout;
    private final long[] chunkShape;
    private final List<Filter> filters;
    private final List<String> filterNames;
    private final int deflateLevel;
    private final boolean nativeByteLayout;
    private final String objectToken;

    DatasetInfo(String path, long[] shape, H5Type type, Layout layout, long[] chunkShape, List<Filter> filters,
            List<String> filterNames, int deflateLevel, boolean nativeByteLayout, String objectToken) {
        this.path = Objects.requireNonNull(path);
        this.objectToken = Objects.requireNonNull(objectToken);
        this.shape = shape.clone();
        this.type = Objects.requireNonNull(type);
        this.layout = Objects.requireNonNull(layout);
        this.chunkShape = chunkShape.clone();
        this.filters = List.copyOf(filters);
        this.filterNames = List.copyOf(filterNames);
        this.deflateLevel = deflateLevel;
        this.nativeByteLayout = nativeByteLayout;
        if (layout == Layout.CHUNKED && chunkShape.length != shape.length) {
            throw new IllegalArgumentException("chunkShape has the wrong rank: " + Arrays.toString(chunkShape)
                    + "; expected " + shape.length + " axes");
        }
    }

    /** @return this description with another path (a dataset written under a temporary link) */
    DatasetInfo withPath(String newPath) {
        return new DatasetInfo(newPath, shape, type, layout, chunkShape, filters, filterNames, deflateLevel,
                nativeByteLayout, objectToken);
    }

    /** @return the absolute path of the dataset inside its file, for example "/group/temperature" */
    public String path() {
        return path;
    }

    /**
     * @return the identity of the dataset object in its file (its address token): a dataset deleted and
     *     written again under the same path has another token
     */
    public String objectToken() {
        return objectToken;
    }

    /** @return the dataset's shape (its current extent) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of axes */
    public int ndim() {
        return shape.length;
    }

    /** @return the element type */
    public H5Type type() {
        return type;
    }

    /** @return the storage layout */
    public Layout layout() {
        return layout;
    }

    /** @return true if the dataset is stored in chunks */
    public boolean isChunked() {
        return layout == Layout.CHUNKED;
    }

    /** @return the file's chunk shape, or an empty array when the dataset is not chunked */
    public long[] chunkShape() {
        return chunkShape.clone();
    }

    /** @return the filter pipeline in order (empty when unfiltered) */
    public List<Filter> filters() {
        return filters;
    }

    /** @return the library's names of the filters, in pipeline order */
    public List<String> filterNames() {
        return filterNames;
    }

    /** @return the deflate level 0..9, or -1 when the pipeline has no deflate filter */
    public int deflateLevel() {
        return deflateLevel;
    }

    /** @return true if the pipeline contains the shuffle filter */
    public boolean shuffle() {
        return filters.contains(Filter.SHUFFLE);
    }

    /** @return the number of elements */
    public long size() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** @return bytes of one decoded file chunk, or 0 when not chunked */
    public long chunkBytes() {
        if (!isChunked()) {
            return 0;
        }
        long n = type.itemSize();
        for (long c : chunkShape) {
            n *= c;
        }
        return n;
    }

    /**
     * @return true if blocks can be read as raw chunks decoded outside the lock: a chunked dataset whose
     *     pipeline is empty, deflate, shuffle, or shuffle then deflate; whose bytes in the file are the bytes
     *     of the in-memory type (native byte order); and whose decoded chunks fit in a Java array
     */
    public boolean rawChunksDecodable() {
        return isChunked() && nativeByteLayout && chunkBytes() <= MAX_RAW_CHUNK_BYTES && pipelineDecodable();
    }

    private boolean pipelineDecodable() {
        return switch (filters.size()) {
            case 0 -> true;
            case 1 -> filters.get(0) != Filter.OTHER;
            case 2 -> filters.get(0) == Filter.SHUFFLE && filters.get(1) == Filter.DEFLATE;
            default -> false;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetInfo d && path.equals(d.path) && Arrays.equals(shape, d.shape) && type == d.type
                && layout == d.layout && Arrays.equals(chunkShape, d.chunkShape) && filters.equals(d.filters)
                && filterNames.equals(d.filterNames) && deflateLevel == d.deflateLevel
                && nativeByteLayout == d.nativeByteLayout && objectToken.equals(d.objectToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(shape), type, layout, Arrays.hashCode(chunkShape), filters,
                deflateLevel, objectToken);
    }

    @Override
    public String toString() {
        return "DatasetInfo[" + path + ", shape=" + Arrays.toString(shape) + ", " + type + ", " + layout
                + (isChunked() ? ", chunks=" + Arrays.toString(chunkShape) : "")
                + (filterNames.isEmpty() ? "" : ", filters=" + filterNames)
                + (deflateLevel >= 0 ? ", deflate=" + deflateLevel : "") + "]";
    }
}
