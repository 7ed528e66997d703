package org.tessella.hdf5.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A counting decorator (after N5's TrackingKeyValueAccess): records every raw chunk and hyperslab read and the
 * bytes they moved, to prove that nothing is read before it is needed and that a block reads only its chunks.
 */
public final class CountingSource implements DatasetSource {
    private final DatasetSource inner;
    private final List<String> rawChunks = Collections.synchronizedList(new ArrayList<>());
    private final List<String> hyperslabs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong storedBytes = new AtomicLong();
    private final AtomicLong hyperslabBytes = new AtomicLong();

    public CountingSource(DatasetSource inner) {
        this.inner = inner;
    }

    @Override
    public Path file() {
        return inner.file();
    }

    @Override
    public DatasetInfo info() {
        return inner.info();
    }

    @Override
    public void readHyperslab(long[] offset, long[] count, INDArray dest, long[] destOffset) {
        hyperslabs.add(Arrays.toString(offset) + "+" + Arrays.toString(count));
        hyperslabBytes.addAndGet(Regions.size(count) * info().type().itemSize());
        inner.readHyperslab(offset, count, dest, destOffset);
    }

    @Override
    public List<RawChunk> readRawChunks(List<long[]> chunkOffsets) {
        List<RawChunk> out = inner.readRawChunks(chunkOffsets);
        for (int i = 0; i < chunkOffsets.size(); i++) {
            rawChunks.add(Arrays.toString(chunkOffsets.get(i)));
            storedBytes.addAndGet(out.get(i) == null ? 0 : out.get(i).bytes().length);
        }
        return out;
    }

    /** @return the offsets of the raw chunks read, in order */
    public List<String> rawChunks() {
        return List.copyOf(rawChunks);
    }

    /** @return the hyperslabs read, as "offset+count" */
    public List<String> hyperslabs() {
        return List.copyOf(hyperslabs);
    }

    /** @return bytes of stored (compressed) chunks read */
    public long storedBytes() {
        return storedBytes.get();
    }

    /** @return bytes delivered by hyperslab reads */
    public long hyperslabBytes() {
        return hyperslabBytes.get();
    }
}
