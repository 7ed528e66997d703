package org.tessella.hdf5.kernel;

/**
 * One chunk as stored in the file: the bytes after the filter pipeline, and the mask of filters that were
 * skipped for it (bit {@code i} set: filter {@code i} of the pipeline was not applied, as HDF5 does when an
 * optional filter such as deflate would have made the chunk larger).
 *
 * <p>Immutable in intent: the byte array is not copied (these are large and short-lived) and must not be
 * modified.
 *
 * @param offset     element coordinates of the chunk's first element (multiples of the chunk shape)
 * @param bytes      the stored bytes
 * @param filterMask skipped filters
 */
public record RawChunk(long[] offset, byte[] bytes, int filterMask) {
    /** @return true if filter {@code index} of the pipeline was applied to this chunk */
    public boolean applied(int index) {
        return (filterMask & (1 << index)) == 0;
    }
}
