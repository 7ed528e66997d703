/**
 * Block kernels of the random module: the Philox4x64-10 counter-based generator, the counter layouts that make
 * every value a function of (seed, distribution, flat index) alone, the samplers, and bulk fills of C-order
 * blocks into Java arrays and NIO buffers.
 *
 * <p>Public surface (for the {@code RandomArrays} facade): {@link org.tessella.random.kernel.Distribution},
 * {@link org.tessella.random.kernel.Sampler} and {@link org.tessella.random.kernel.Permutation}. Everything else
 * is package-private. No ND4J here yet: the kernels fill Java arrays and buffers, so they can write straight
 * into a view of a native block buffer.
 */
package org.tessella.random.kernel;
