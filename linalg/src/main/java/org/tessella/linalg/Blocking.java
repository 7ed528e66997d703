package org.tessella.linalg;

import org.tessella.ndarray.DType;

/**
 * How the blocked QR and SVD ({@link BlockedQr}, {@link BlockedSvd}) cut a matrix whose smaller side is too large
 * for one R block: the width of the QR column panels, the width of the Jacobi panels, the number of Jacobi sweeps
 * built into the graph, and the block budget that bounds the row blocks. Production values come from
 * {@link #forBudget}; tests pass small explicit ones so that the blocked path runs on small matrices.
 *
 * @param budgetBytes  the largest row block x panel the QR stage makes (rows are rechunked to fit)
 * @param qrPanel      columns per QR panel (the last one may be narrower)
 * @param jacobiPanel  columns per Jacobi panel, at most (panels are balanced; at least 2 of them)
 * @param maxSweeps    Jacobi sweeps in the graph (the result is checked for convergence after the last one)
 */
record Blocking(long budgetBytes, int qrPanel, int jacobiPanel, int maxSweeps) {
    /**
     * Widest QR panel: TSQR's stacked R factors (8 of 512 x 512) stay small, and gemm is efficient from about 256
     * columns up. Measured choice, see docs/design-notes.md (linalg, blocked QR and SVD).
     */
    static final int QR_PANEL_MAX = 512;
    /**
     * Widest Jacobi panel: a pair step costs about {@code 34 n w²} flops plus a dense SVD of {@code 2w x 2w}, so
     * narrower panels make cheaper (and more, parallel) steps; 256 keeps each step a sizeable BLAS call.
     */
    static final int JACOBI_PANEL_MAX = 256;
    /**
     * Jacobi sweeps built into the graph, as LAPACK's {@code dgesvj} (NSWEEP = 30). Measured with the QR-preconditioned
     * R2ᵀ (docs/design-notes.md): the first sweep without rotations came after 1-5 sweeps with 4 panels, 4-7 with 8,
     * 5-8 with 20 and 6-10 with 40 panels (slowest: rank-deficient matrices). Sweeps after a sweep without rotations
     * only pass their panels on (shared, not copied: no arithmetic, no memory traffic), so spare sweeps cost a task
     * per pair.
     */
    static final int MAX_SWEEPS = 30;

    Blocking {
        if (budgetBytes < 1 || qrPanel < 1 || jacobiPanel < 1 || maxSweeps < 1) {
            throw new IllegalArgumentException("blocking is not positive: budget " + budgetBytes + ", qrPanel "
                    + qrPanel + ", jacobiPanel " + jacobiPanel + ", maxSweeps " + maxSweeps
                    + "; expected all >= 1");
        }
    }

    /**
     * The blocking for an m x n matrix (n the smaller side) of {@code dtype} under {@code budget} bytes per block:
     * QR panels of b columns with {@code 8 b² · itemsize <= budget} (a TSQR tree node stacks up to 8 b x b factors),
     * at most {@link #QR_PANEL_MAX}; Jacobi panels of w columns with {@code n · 2w · itemsize <= budget} (a pair of
     * panels is one task), at most {@link #JACOBI_PANEL_MAX}.
     */
    static Blocking forBudget(long n, DType dtype, long budget) {
        long item = dtype.itemSize();
        long qr = (long) Math.floor(Math.sqrt((double) budget / (8.0 * item)));
        qr = Math.max(1, Math.min(QR_PANEL_MAX, qr));
        long jac = budget / (2 * Math.max(1, n) * item);
        jac = Math.max(1, Math.min(JACOBI_PANEL_MAX, jac));
        return new Blocking(budget, (int) qr, (int) jac, MAX_SWEEPS);
    }
}
