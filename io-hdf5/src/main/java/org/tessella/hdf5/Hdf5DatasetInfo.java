package org.tessella.hdf5;

import java.util.Arrays;
import java.util.List;
import org.tessella.hdf5.kernel.DatasetInfo;

/**
 * What a dataset of an HDF5 file is: shape, element type, storage chunking and compression.
 *
 * <p>This class is immutable; arrays are cloned on the way out.
 */
public final class Hdf5DatasetInfo {
    private final DatasetInfo info;

    Hdf5DatasetInfo(DatasetInfo info) {
        this.info = info;
    }

    /** @return the absolute path inside the file */
    public String path() {
        return info.path();
    }

    /** @return the shape */
    public long[] shape() {
        return info.shape();
    }

    /** @return the element type's NumPy name: int8, int16, int32, int64, uint8, uint16, uint32, float32, float64, bool */
    public String dtype() {
        return info.type().label();
    }

    /** @return the file's chunk shape, or an empty array when the dataset is not chunked */
    public long[] chunkShape() {
        return info.chunkShape();
    }

    /** @return the deflate (gzip) level 0..9, or -1 when not compressed with deflate */
    public int deflateLevel() {
        return info.deflateLevel();
    }

    /** @return true if the shuffle filter is applied */
    public boolean shuffle() {
        return info.shuffle();
    }

    /** @return the filter pipeline by the library's names, in order */
    public List<String> filters() {
        return info.filterNames();
    }

    /**
     * @return true if blocks are decoded by Tessella's workers in parallel (deflate and shuffle, native byte
     *     order); false if the library decodes them, one block at a time
     */
    public boolean parallelDecoding() {
        return info.rawChunksDecodable() && !info.filters().isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hdf5DatasetInfo d && info.equals(d.info);
    }

    @Override
    public int hashCode() {
        return info.hashCode();
    }

    @Override
    public String toString() {
        return "Hdf5DatasetInfo[" + path() + ", shape=" + Arrays.toString(shape()) + ", " + dtype()
                + (chunkShape().length > 0 ? ", chunks=" + Arrays.toString(chunkShape()) : ", contiguous")
                + (filters().isEmpty() ? "" : ", filters=" + filters()) + "]";
    }
}
