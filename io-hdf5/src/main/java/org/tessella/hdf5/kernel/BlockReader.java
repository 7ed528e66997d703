package org.tessella.hdf5.kernel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5Exception;

/**
 * Reads one block (a box of a dataset) into a new C-order ND4J array of the dataset's type.
 *
 * <p>Two paths:
 * <ul>
 *   <li><b>Raw chunks</b>, when {@link DatasetInfo#rawChunksDecodable()} and the dataset is filtered: the chunks the block touches are read
 *       as stored, in batches of about {@link #RAW_BATCH_BYTES} per hold of {@link H5Lock}, and then inflated,
 *       un-shuffled and copied into the block outside the lock, so that several workers decode at once while
 *       one of them reads. Chunks the block covers only in part are decoded whole and the part copied: the
 *       library would inflate the whole chunk too. Chunks never written read as the fill value through a
 *       hyperslab.</li>
 *   <li><b>Hyperslab</b> otherwise (contiguous or compact layout, other filters, big-endian data, chunks too big
 *       for a Java array, blocks over 2 GiB): one {@code H5Dread}, decoded by the library inside the lock.</li>
 * </ul>
 */
public final class BlockReader {
    /**
     * Decoded bytes of raw chunks fetched per hold of the lock. Big enough that the ~60 µs of opening the file
     * and dataset per batch is noise next to reading the chunks (16 MiB of compressed data take 30+ ms), small
     * enough that a batch of compressed chunks held per worker stays far below a block.
     */
    public static final long RAW_BATCH_BYTES = 16L << 20;

    /** How a block is read. */
    public enum Path {
        /** Raw chunks decoded outside the lock where the dataset allows it, hyperslabs otherwise. */
        AUTO,
        /** Always one hyperslab read, decoded by the library (for comparison and benchmarks). */
        HYPERSLAB
    }

    private BlockReader() {
    }

    /** Reads {@code [offset, offset + shape)} with {@link Path#AUTO}. */
    public static INDArray read(DatasetSource source, long[] offset, long[] shape) {
        return read(source, offset, shape, Path.AUTO);
    }

    /**
     * @return a new C-order array of {@code shape} and the dataset's type holding {@code [offset, offset + shape)}
     * @throws IllegalArgumentException if the box is not inside the dataset
     * @throws Hdf5Exception            if the file cannot be read or a chunk is corrupt
     */
    public static INDArray read(DatasetSource source, long[] offset, long[] shape, Path path) {
        INDArray out = Nd4jBuffers.allocate(source.info().type(), shape);
        readInto(source, offset, shape, out, path);
        return out;
    }

    /**
     * Reads {@code [offset, offset + shape)} into {@code dest}, a C-order array that owns its memory (not a
     * view), of exactly {@code shape} and the dataset's type, for callers that allocate blocks from a pool.
     *
     * @throws IllegalArgumentException if the box is not inside the dataset, or {@code dest} does not fit
     * @throws Hdf5Exception            if the file cannot be read or a chunk is corrupt
     */
    public static void readInto(DatasetSource source, long[] offset, long[] shape, INDArray dest, Path path) {
        DatasetInfo info = source.info();
        if (!Regions.inside(offset, shape, info.shape())) {
            throw new IllegalArgumentException("block is not inside the dataset: offset " + Arrays.toString(offset)
                    + ", shape " + Arrays.toString(shape) + "; expected a box inside " + Arrays.toString(info.shape())
                    + " (dataset " + info.path() + " of " + source.file() + ")");
        }
        if (dest.dataType() != info.type().nd4j() || !Arrays.equals(dest.shape(), shape)) {
            throw new IllegalArgumentException("destination does not match the block: " + dest.dataType() + " "
                    + Arrays.toString(dest.shape()) + "; expected " + info.type().nd4j() + " " + Arrays.toString(shape));
        }
        if (dest.isEmpty()) {
            return;
        }
        long blockBytes = Nd4jBuffers.byteSize(info.type(), shape);
        if (path == Path.HYPERSLAB || !info.rawChunksDecodable() || info.filters().isEmpty()
                || blockBytes > Integer.MAX_VALUE) {
            source.readHyperslab(offset, shape, dest, new long[shape.length]);
            return;
        }
        readChunks(source, info, offset, shape, dest);
    }

    private static void readChunks(DatasetSource source, DatasetInfo info, long[] offset, long[] shape, INDArray out) {
        long[] chunkShape = info.chunkShape();
        ByteBuffer dst = Nd4jBuffers.bytes(out);
        List<long[]> chunks = Regions.chunksTouched(offset, shape, chunkShape);
        int perBatch = (int) Math.max(1, RAW_BATCH_BYTES / Math.max(1, info.chunkBytes()));
        for (int from = 0; from < chunks.size(); from += perBatch) {
            List<long[]> batch = chunks.subList(from, Math.min(chunks.size(), from + perBatch));
            List<RawChunk> raws = source.readRawChunks(new ArrayList<>(batch));
            for (int i = 0; i < batch.size(); i++) {
                long[] chunkOffset = batch.get(i);
                long[] start = Regions.intersectionStart(offset, chunkOffset);
                long[] count = Regions.intersectionShape(offset, shape, chunkOffset, chunkShape);
                RawChunk raw = raws.get(i);
                if (raw == null) {
                    // Never written: the library knows the fill value.
                    source.readHyperslab(start, count, out, Regions.minus(start, offset));
                    continue;
                }
                Decoded decoded = decode(source, info, raw);
                long[] srcStart = Regions.minus(start, chunkOffset);
                long[] dstStart = Regions.minus(start, offset);
                int itemSize = info.type().itemSize();
                if (decoded.shuffled() && itemSize > 1) {
                    int n = (int) Regions.size(chunkShape);
                    byte[] planes = decoded.bytes();
                    Regions.runs(chunkShape, srcStart, shape, dstStart, count, itemSize, (s, d, b) ->
                            ChunkCodec.unshuffleInto(planes, n, itemSize, (int) (s / itemSize), (int) (b / itemSize),
                                    dst, (int) d));
                } else {
                    Regions.copy(decoded.bytes(), chunkShape, srcStart, dst, shape, dstStart, count, itemSize);
                }
            }
        }
    }

    /**
     * A chunk with its filters undone but possibly still shuffled: un-shuffling is fused with the copy into the
     * block.
     *
     * @param bytes    the chunk's bytes over the full chunk shape (edge chunks are stored padded); a scratch or
     *                 the raw chunk's own array, possibly longer than the chunk
     * @param shuffled true if the bytes are still in shuffled order
     */
    record Decoded(byte[] bytes, boolean shuffled) {
    }

    /** Undoes the filters applied to a raw chunk, except a final un-shuffle (see {@link Decoded}). */
    static Decoded decode(DatasetSource source, DatasetInfo info, RawChunk raw) {
        int expected = (int) info.chunkBytes();
        byte[] data = raw.bytes();
        int length = data.length;
        boolean shuffled = false;
        List<DatasetInfo.Filter> filters = info.filters();
        try {
            for (int f = filters.size() - 1; f >= 0; f--) {
                if (!raw.applied(f)) {
                    continue;
                }
                switch (filters.get(f)) {
                    case DEFLATE -> {
                        byte[] plain = Scratch.get(Scratch.CHUNK, expected);
                        ChunkCodec.inflate(data, length, plain, expected);
                        data = plain;
                        length = expected;
                    }
                    case SHUFFLE -> {
                        if (f != 0) {
                            throw new IllegalStateException("shuffle is filter " + f + "; expected it first");
                        }
                        shuffled = true;
                    }
                    default -> throw new IllegalStateException("filter cannot be decoded: " + filters.get(f)
                            + "; expected only shuffle and deflate on the raw-chunk path");
                }
            }
            if (length != expected) {
                throw new DataFormatException("chunk holds " + length + " bytes after its filters; expected " + expected);
            }
        } catch (DataFormatException e) {
            throw new Hdf5Exception(source.file(), info.path(), "chunk at " + Arrays.toString(raw.offset())
                    + " is corrupt: " + e.getMessage(), e);
        }
        return new Decoded(data, shuffled);
    }
}
