package org.tessella.hdf5.kernel;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5ArgumentException;

/**
 * Writes one block (an ND4J array) into a box of a dataset.
 *
 * <p>When the dataset's filter pipeline is one {@link BlockReader} can decode (shuffle, deflate, shuffle then
 * deflate), every file chunk the block covers whole is gathered (edge chunks padded with zeros to the
 * chunk shape, as HDF5 stores them), shuffled and deflated outside {@link H5Lock}, then written as stored with
 * {@code H5Dwrite_chunk}. Like the library's optional deflate, a chunk that deflate would not make smaller is
 * stored without it (its filter-mask bit set). Chunks the block covers only in part are written as hyperslabs
 * (the library merges them with what another block writes, inside the lock); so is everything when the
 * pipeline has other filters, and when it has none (nothing to encode: the library copies the block into
 * the file once).
 */
public final class BlockWriter {
    /** How a block is written. */
    public enum Path {
        /** Raw chunks encoded outside the lock where possible, hyperslabs otherwise. */
        AUTO,
        /** Always one hyperslab write, encoded by the library (for comparison and benchmarks). */
        HYPERSLAB
    }

    private BlockWriter() {
    }

    /** Writes {@code block} at {@code offset} with {@link Path#AUTO}. */
    public static void write(DatasetSink sink, INDArray block, long[] offset) {
        write(sink, block, offset, Path.AUTO);
    }

    /**
     * @throws Hdf5ArgumentException if the block's type differs from the dataset's or the box is not inside it
     */
    public static void write(DatasetSink sink, INDArray block, long[] offset, Path path) {
        DatasetInfo info = sink.info();
        long[] shape = block.shape();
        if (block.dataType() != info.type().nd4j()) {
            throw new Hdf5ArgumentException(sink.file(), info.path(), "block has another dtype than the dataset: "
                    + block.dataType() + "; expected " + info.type().nd4j() + " (" + info.type() + ")");
        }
        if (!Regions.inside(offset, shape, info.shape())) {
            throw new Hdf5ArgumentException(sink.file(), info.path(), "block is not inside the dataset: offset "
                    + Arrays.toString(offset) + ", shape " + Arrays.toString(shape) + "; expected a box inside "
                    + Arrays.toString(info.shape()));
        }
        if (block.isEmpty()) {
            return;
        }
        INDArray src = Nd4jBuffers.contiguous(block);
        long bytes = Nd4jBuffers.byteSize(info.type(), shape);
        if (path == Path.HYPERSLAB || !info.rawChunksDecodable() || info.filters().isEmpty()
                || bytes > Integer.MAX_VALUE) {
            sink.writeHyperslab(offset, shape, src, new long[shape.length]);
            return;
        }
        long[] chunkShape = info.chunkShape();
        long[] datasetShape = info.shape();
        ByteBuffer srcBytes = Nd4jBuffers.bytes(src);
        for (long[] chunkOffset : Regions.chunksTouched(offset, shape, chunkShape)) {
            long[] valid = Regions.validChunkShape(chunkOffset, chunkShape, datasetShape);
            long[] start = Regions.intersectionStart(offset, chunkOffset);
            long[] count = Regions.intersectionShape(offset, shape, chunkOffset, chunkShape);
            if (!Arrays.equals(start, chunkOffset) || !Arrays.equals(count, valid)) {
                sink.writeHyperslab(start, count, src, Regions.minus(start, offset));
                continue;
            }
            writeChunk(sink, info, srcBytes, shape, Regions.minus(start, offset), chunkOffset, valid);
        }
    }

    private static void writeChunk(DatasetSink sink, DatasetInfo info, ByteBuffer src, long[] srcShape,
            long[] srcStart, long[] chunkOffset, long[] valid) {
        long[] chunkShape = info.chunkShape();
        int itemSize = info.type().itemSize();
        int chunkBytes = (int) info.chunkBytes();
        List<DatasetInfo.Filter> filters = info.filters();
        boolean shuffle = filters.get(0) == DatasetInfo.Filter.SHUFFLE && itemSize > 1;
        byte[] chunk = Scratch.get(Scratch.CHUNK, chunkBytes);
        long[] origin = new long[chunkShape.length];
        if (!Arrays.equals(valid, chunkShape)) {
            Arrays.fill(chunk, 0, chunkBytes, (byte) 0); // the padding of an edge chunk
        }
        if (shuffle) {
            int n = (int) Regions.size(chunkShape);
            Regions.runs(srcShape, srcStart, chunkShape, origin, valid, itemSize, (s, d, b) ->
                    ChunkCodec.shuffleFrom(src, (int) s, (int) (b / itemSize), chunk, n, itemSize, (int) (d / itemSize)));
        } else {
            Regions.copy(src, srcShape, srcStart, chunk, chunkShape, origin, valid, itemSize);
        }
        int deflate = filters.indexOf(DatasetInfo.Filter.DEFLATE);
        if (deflate < 0) {
            sink.writeRawChunk(chunkOffset, 0, ByteBuffer.wrap(chunk, 0, chunkBytes));
            return;
        }
        // Deflate into native memory one byte smaller than the chunk: if the stream does not fit, deflate does
        // not pay and the chunk is stored as it is, like the library's optional deflate.
        try (BytePointer out = new BytePointer(Math.max(1, chunkBytes - 1))) {
            ByteBuffer outBuffer = out.capacity(Math.max(1, chunkBytes - 1)).asByteBuffer();
            int n = chunkBytes > 1 ? ChunkCodec.deflate(chunk, chunkBytes, info.deflateLevel(), outBuffer) : -1;
            if (n >= 0) {
                sink.writeRawChunk(chunkOffset, 0, outBuffer.flip());
            } else {
                sink.writeRawChunk(chunkOffset, 1 << deflate, ByteBuffer.wrap(chunk, 0, chunkBytes));
            }
        }
    }
}
