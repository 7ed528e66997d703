package org.tessella.ndarray;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Produces one block of a source array on demand (a generator, a file reader). Called from worker
 * threads, possibly at once for different blocks; must return a C-order array of exactly the
 * block's shape and the array's dtype, which the caller then owns. Allocate it with
 * {@link Blocks#allocate} so released blocks' memory is reused.
 */
@FunctionalInterface
public interface BlockSource {
    INDArray load(BlockInfo block) throws Exception;
}
