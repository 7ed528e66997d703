/**
 * Block kernels of the random module: the Philox4x64-10 counter-based generator, the counter layouts that make
 * every value a function of (seed, distribution, flat index) alone, the samplers, and bulk fills of C-order
 * blocks into Java arrays, NIO buffers and ND4J blocks.
 *
 * <p>Public surface (used by the {@code RandomArrays} facade): {@link org.tessella.random.kernel.Distribution}
 * (validated parameters), {@link org.tessella.random.kernel.Sampler} (a distribution bound to a seed; fills runs
 * and blocks), {@link org.tessella.random.kernel.Permutation} (a lazy keyed permutation) and
 * {@link org.tessella.random.kernel.NdBlocks} (the only class touching ND4J: fills blocks in place through NIO
 * views of their native memory, and gathers for {@code choice}). Everything else is package-private.
 */
package org.tessella.random.kernel;
