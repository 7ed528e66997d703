/**
 * Blocked linear algebra on chunked arrays: tall-and-skinny QR, SVD, randomized SVD and solvers.
 */
package org.tessella.linalg;
