/**
 * Dense block kernels: the only place in this module that calls ND4J operations, LAPACKE/CBLAS (through the OpenBLAS
 * binding ND4J ships) or EJML.
 *
 * <p>{@link org.tessella.linalg.kernel.Kernels} is the façade the blocked algorithms call: it validates, chooses the
 * compute type, handles empty shapes and dispatches, by the measured thresholds in {@code Thresholds}, to
 * {@code LapackKernels} (large blocks) or {@code EjmlKernels} (small matrices). Both return the same factorizations
 * with the same sign conventions, so a result does not depend on which backend produced it beyond rounding.
 * {@link org.tessella.linalg.kernel.NativeThreads} controls the thread count of the native BLAS.
 *
 * <p>Blocks are ND4J arrays in C order. Every result is a freshly allocated C-order array owned by the caller;
 * inputs are never modified.
 */
package org.tessella.linalg.kernel;
