package org.tessella.hdf5.kernel;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A dataset of an open {@link H5File}, as source and sink. */
final class OpenDataset implements DatasetSource, DatasetSink {
    private final H5File file;
    private final DatasetInfo info;

    OpenDataset(H5File file, DatasetInfo info) {
        this.file = file;
        this.info = info;
    }

    @Override
    public Path file() {
        return file.path();
    }

    @Override
    public DatasetInfo info() {
        return info;
    }

    @Override
    public void readHyperslab(long[] offset, long[] count, INDArray dest, long[] destOffset) {
        file.readHyperslab(info.path(), offset, count, Nd4jBuffers.address(dest), dest.shape(), destOffset);
    }

    @Override
    public List<RawChunk> readRawChunks(List<long[]> chunkOffsets) {
        return file.readRawChunks(info.path(), chunkOffsets);
    }

    @Override
    public void writeHyperslab(long[] offset, long[] count, INDArray src, long[] srcOffset) {
        file.writeHyperslab(info.path(), offset, count, Nd4jBuffers.address(src), src.shape(), srcOffset, info.type());
    }

    @Override
    public void writeRawChunk(long[] chunkOffset, int filterMask, ByteBuffer data) {
        file.writeRawChunk(info.path(), chunkOffset, filterMask, data);
    }

    @Override
    public String toString() {
        return "OpenDataset[" + file.path() + ", " + info.path() + "]";
    }
}
