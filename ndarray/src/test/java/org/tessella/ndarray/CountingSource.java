package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A counting decorator around a {@link BlockSource} (as N5's {@code TrackingKeyValueAccess}):
 * records how often each block was loaded and with which {@link BlockInfo}, to prove laziness,
 * shared work and persistence.
 */
final class CountingSource implements BlockSource {
    private final BlockSource inner;
    private final Map<List<Integer>, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final Map<List<Integer>, BlockInfo> infos = new ConcurrentHashMap<>();

    CountingSource(BlockSource inner) {
        this.inner = inner;
    }

    static List<Integer> key(int[] index) {
        List<Integer> k = new ArrayList<>(index.length);
        for (int i : index) {
            k.add(i);
        }
        return k;
    }

    @Override
    public INDArray load(BlockInfo block) throws Exception {
        List<Integer> k = key(block.index());
        loads.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
        infos.put(k, block);
        return inner.load(block);
    }

    /** Loads of all blocks together. */
    int total() {
        int n = 0;
        for (AtomicInteger c : loads.values()) {
            n += c.get();
        }
        return n;
    }

    /** Loads of block {@code index}. */
    int loads(int... index) {
        AtomicInteger c = loads.get(key(index));
        return c == null ? 0 : c.get();
    }

    /** Distinct blocks loaded. */
    int distinct() {
        return loads.size();
    }

    /** The most loads of any one block. */
    int maxPerBlock() {
        int m = 0;
        for (AtomicInteger c : loads.values()) {
            m = Math.max(m, c.get());
        }
        return m;
    }

    BlockInfo info(int... index) {
        return infos.get(key(index));
    }

    void reset() {
        loads.clear();
        infos.clear();
    }
}
