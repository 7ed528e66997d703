package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BlockPool;

/**
 * Shared {@link Parts} (the pass-through of a converged Jacobi pair step): a source's arrays go back to the block
 * pool only when the scheduler has dropped it and every value sharing it has been released, exactly once; sizes
 * count owned arrays only. Observed through the pool's byte count (odd sizes, so nothing else pools them).
 */
class PartsTest {
    @Test
    void sharedComponentsAreReleasedOnceAfterTheLastSharer() {
        INDArray a = BlockPool.allocate(DataType.DOUBLE, new long[] {37, 3});
        INDArray b = BlockPool.allocate(DataType.DOUBLE, new long[] {41, 3});
        INDArray own = BlockPool.allocate(DataType.DOUBLE, new long[] {43, 1});
        Parts source = new Parts(a, b);
        Parts first = Parts.sharing(new INDArray[] {a, own}, new boolean[] {false, true}, source);
        Parts second = Parts.sharing(new INDArray[] {b, a}, new boolean[] {false, false}, first);
        assertEquals(8 * (37 * 3 + 41 * 3), source.ownedBytes());
        assertEquals(8 * 43, first.ownedBytes(), "only owned arrays count");
        assertEquals(0, second.ownedBytes());
        long pooled = BlockPool.pooledBytes();
        long duplicates = BlockPool.duplicateReleases();
        source.release(); // the scheduler drops the source: still shared
        first.release();  // dropped, but second still shares first
        assertEquals(pooled, BlockPool.pooledBytes(), "nothing is freed while a sharer lives");
        second.release(); // the last sharer: everything goes, once
        assertEquals(pooled + 8 * (37 * 3 + 41 * 3 + 43), BlockPool.pooledBytes());
        assertEquals(duplicates, BlockPool.duplicateReleases(), "no buffer is released twice");
    }
}
