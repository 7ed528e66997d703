package org.tessella.hdf5.kernel;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where {@link BlockReader} gets a dataset's bytes: hyperslabs (decoded by the library) or raw chunks
 * (decoded by the caller). The seam for counting decorators in laziness tests.
 */
public interface DatasetSource {
    /** @return the file, for error messages */
    Path file();

    /** @return the dataset's metadata */
    DatasetInfo info();

    /**
     * Reads the hyperslab {@code [offset, offset + count)} into {@code dest} (a C-order, non-view array of the
     * dataset's type) at {@code destOffset}.
     */
    void readHyperslab(long[] offset, long[] count, INDArray dest, long[] destOffset);

    /**
     * Reads chunks as stored, in one hold of {@link H5Lock}.
     *
     * @return one entry per offset; null where the chunk was never written
     */
    List<RawChunk> readRawChunks(List<long[]> chunkOffsets);

    /**
     * A source that opens the file read-only for each call and closes it before returning, so that nothing
     * stays open between tasks (and a store may open the same file read-write meanwhile). Each call checks
     * that the dataset is still the one described by {@code expected}, and that the file was not replaced.
     *
     * @throws org.tessella.hdf5.Hdf5Exception from the calls, when the file or dataset changed: reopen the dataset then
     */
    static DatasetSource reopening(Path file, DatasetInfo expected) {
        return new ReopeningSource(file, expected);
    }

    /** A source over an open handle (which the caller closes). */
    static DatasetSource of(H5File file, String datasetPath) {
        return new OpenDataset(file, file.dataset(datasetPath));
    }
}
