package org.tessella.hdf5.kernel;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Where {@link BlockWriter} puts a dataset's bytes: hyperslabs (encoded by the library) or raw chunks. */
public interface DatasetSink {
    /** @return the file, for error messages */
    Path file();

    /** @return the dataset's metadata (its path is the path the data is written to) */
    DatasetInfo info();

    /**
     * Writes {@code [srcOffset, srcOffset + count)} of {@code src} (a C-order, non-view array of the dataset's
     * type) to the hyperslab {@code [offset, offset + count)}.
     */
    void writeHyperslab(long[] offset, long[] count, INDArray src, long[] srcOffset);

    /**
     * Writes one chunk as stored: the bytes from {@code data}'s position to its limit (native or heap), with the
     * filters whose mask bits are clear applied.
     */
    void writeRawChunk(long[] chunkOffset, int filterMask, ByteBuffer data);

    /** A sink over an open, writable handle (which the caller closes). */
    static DatasetSink of(H5File file, String datasetPath) {
        return new OpenDataset(file, file.dataset(datasetPath));
    }
}
