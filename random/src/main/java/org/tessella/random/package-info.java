/**
 * Reproducible, chunk-independent random arrays: {@link org.tessella.random.RandomArrays} turns a seed and a
 * distribution into a lazy {@link org.tessella.ndarray.ChunkedArray} whose values depend only on (seed,
 * distribution, element index). The generator, samplers and block fills live in
 * {@link org.tessella.random.kernel}.
 */
package org.tessella.random;
