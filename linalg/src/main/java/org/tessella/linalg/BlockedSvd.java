package org.tessella.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.BlockOps;
import org.tessella.linalg.kernel.JacobiKernels;
import org.tessella.ndarray.ChunkGrid;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Tokens;

/**
 * Thin SVD of a tall matrix whose R factor does not fit one block: {@link BlockedQr} twice ({@code A = Q1 R1},
 * {@code R1ᵀ = Q2 R2}), the block one-sided (Hestenes) Jacobi method on the n x n {@code R2ᵀ}
 * ({@code R2ᵀ W = Û Σ}), then {@code U = Q1 Û}, {@code V = Q2 W}.
 *
 * <p><b>Why R2ᵀ.</b> QR preconditioning (Drmač and Veselić, "New fast and accurate Jacobi SVD algorithm I", SIAM J.
 * Matrix Anal. Appl. 29, 2008): each QR of the transpose is a step of the unshifted QR algorithm on AᵀA, which
 * moves the weight of the matrix to its diagonal, so the columns of R2ᵀ are much closer to orthogonal than those of
 * R1 and Jacobi needs fewer sweeps. Measured on 200 x 200 matrices with 4 to 20 panels (docs/design-notes.md):
 * Jacobi on R1 needed 5-22 sweeps, on R1ᵀ 3-9, on R2ᵀ 2-8. The second blocked QR costs about a quarter of a sweep.
 *
 * <p><b>Jacobi.</b> The matrix X = R2ᵀ is cut into p &gt;= 2 balanced column panels of at most
 * {@link Blocking#jacobiPanel} columns (each panel one n x w block), kept as unit directions and lengths. A sweep
 * visits every pair of panels once, in the round-robin (circle) order: p - 1 rounds (p odd: p rounds with one panel
 * resting) of p/2 independent pair steps. A pair step ({@link JacobiKernels#rotatePair}) makes the 2w columns of the
 * pair mutually orthogonal through a Householder QR of the pair and a dense SVD of its 2w x 2w R factor, and applies
 * the same rotation W to the pair's panels of V (which starts as the identity). The larger singular values go to the
 * lower panel index, so the panels come out nearly sorted. When all columns are mutually orthogonal,
 * {@code X W = Û Σ}: the singular values are the lengths and Û the directions.
 *
 * <p><b>A static graph.</b> The graph is built before anything runs, so it holds a fixed number of sweeps
 * ({@link Blocking#maxSweeps}, 30). Sweep 0 rotates every pair (the panels are not yet orthogonal inside). From
 * sweep 1 on, a pair whose largest cosine {@code max |cos(u_i, u_j)|} is at most {@link #skipTolerance} is not
 * rotated. From sweep 2 on, every pair also reads the previous sweep's measure: after a sweep without any rotation
 * nothing can change, so the remaining sweeps do no arithmetic. A pair that is not rotated passes its panels on
 * without copying them ({@link Parts#sharing}), so spare sweeps cost a task per pair and no memory traffic. The
 * states carry the largest cosine seen in the sweep; the task that sorts the singular values raises a
 * {@link LinAlgException} naming that measure when the last sweep saw one above {@link #convergenceTolerance}.
 *
 * <p><b>Sorting.</b> One small task sorts the n singular values (descending, ties by index) and returns the
 * permutation; Û and V are permuted by multiplying with the permutation matrix, built block by block (exact: each
 * output entry is one input entry plus zeros).
 */
final class BlockedSvd {
    private BlockedSvd() {
    }

    /**
     * The Jacobi stage's lazy results: {@code u} (n x n, one row block, the Jacobi panels as column chunks) and
     * {@code v} (same chunks; null without vectors) permuted to the order of {@code s} (descending, one block), and
     * {@code sweepMeasures} (one per sweep: the largest cosine the sweep saw; a diagnostic, computed only if asked).
     */
    record Jacobi(ChunkedArray u, ChunkedArray s, ChunkedArray v, ChunkedArray sweepMeasures) {
    }

    /** The two QRs of the preconditioning: {@code A = q1 R1}, {@code R1ᵀ = q2 R2}, and {@code x = R2ᵀ}. */
    record Preconditioned(ChunkedArray q1, ChunkedArray q2, ChunkedArray x) {
    }

    /** {@code A = Q1 R1}, {@code R1ᵀ = Q2 R2} for a tall (m &gt;= n) floating matrix, both blocked QRs. */
    static Preconditioned precondition(ChunkedArray a, Blocking blocking) {
        Linalg.QR f1 = BlockedQr.qr(a, blocking);
        Linalg.QR f2 = BlockedQr.qr(f1.r().transpose(), blocking);
        return new Preconditioned(f1.q(), f2.q(), f2.r().transpose());
    }

    /**
     * The raw thin SVD (no sign normalization) of a tall (m &gt;= n) floating matrix: Jacobi on {@code R2ᵀ}
     * ({@code R2ᵀ W = Û Σ}), so {@code A = Q1 R2ᵀ Q2ᵀ = (Q1 Û) Σ (Q2 W)ᵀ}.
     */
    static Linalg.SVD svd(ChunkedArray a, Blocking blocking) {
        Preconditioned p = precondition(a, blocking);
        Jacobi j = jacobi(p.x(), blocking, true);
        return new Linalg.SVD(p.q1().matmul(j.u()), j.s(), p.q2().matmul(j.v()).transpose());
    }

    /** The singular values (descending, one block) of a tall (m &gt;= n) floating matrix. */
    static ChunkedArray singularValues(ChunkedArray a, Blocking blocking) {
        return jacobi(precondition(a, blocking).x(), blocking, false).s();
    }

    /**
     * The largest cosine between columns of two panels that counts as orthogonal, so that the pair is not rotated:
     * {@code eps · max(100, 10 sqrt(n))}. Rotating a pair leaves its cosines at the rounding floor, measured at
     * 5e-16 to 7.5e-15 for n = 50 to 1200 (panels of 5 to 200 columns, every pair rotated in every sweep); the
     * threshold is 3 to 20 times that, and it bounds the orthogonality of the result (pairs below it stay as they
     * are). A threshold far above the floor (an earlier eps · 32 sqrt(2 n w), 8.7e-12 at n = 3000) left
     * ‖UᵀU - I‖ at 1.4e-12 instead of 1e-15.
     */
    static double skipTolerance(long n, double eps) {
        return eps * Math.max(100, 10 * Math.sqrt(n));
    }

    /**
     * The largest measure the last sweep may see for the result to count as converged: 1000 x
     * {@link #skipTolerance}. A sweep whose largest cosine is that small rotates the few pairs above the skip
     * threshold down to the rounding floor (the method converges quadratically at the end) and changes the others
     * by at most the square of it, so the result is as orthogonal as after one more sweep; and rounding noise,
     * which rotated pairs leave at 1e-15, cannot fail the check.
     */
    static double convergenceTolerance(long n, double eps) {
        return 1000 * skipTolerance(n, eps);
    }

    /** Where a panel's current state lives: a task's {@link Parts}, its first component, its measure component. */
    private record Ref(Key key, int base, int measure, int sweep) {
    }

    /** The block Jacobi SVD of the square matrix {@code x} (any chunks), with V when {@code vectors}. */
    static Jacobi jacobi(ChunkedArray x, Blocking blocking, boolean vectors) {
        Parts.register();
        long n = x.shape(0);
        if (n < 2 || x.shape(1) != n) {
            throw new IllegalStateException("block Jacobi needs a square matrix of order >= 2; got shape "
                    + Arrays.toString(x.shape()));
        }
        DType dtype = x.dtype();
        double eps = dtype == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        int sweeps = blocking.maxSweeps();
        int p = (int) Math.max(2, Math.min(n, (n + blocking.jacobiPanel() - 1) / blocking.jacobiPanel()));
        long[] widths = new long[p];
        long[] offsets = new long[p];
        for (int i = 0; i < p; i++) {
            widths[i] = n / p + (i < n % p ? 1 : 0);
            offsets[i] = i == 0 ? 0 : offsets[i - 1] + widths[i - 1];
        }
        double tol = skipTolerance(n, eps);
        double converged = convergenceTolerance(n, eps);
        ChunkedArray panels = x.rechunk(Chunks.explicit(new long[] {n}, widths));
        String token = Tokens.name("bjsvd", panels.name(), blocking.jacobiPanel(), sweeps, vectors)
                .substring("bjsvd-".length());
        int stride = vectors ? 3 : 2;

        // initial states: U = X's panel, s = 1, V = identity columns
        String init = "bjsvd-init-" + token;
        String in = panels.name();
        GridLayer initLayer = TaskLayer.of(init, new int[] {p}, idx -> new Key[] {Key.of(in, 0, idx[0])},
                (args, idx) -> new Parts(JacobiKernels.initialPanel((INDArray) args.get(0), offsets[idx[0]],
                        vectors)));
        Graph graph = Graph.of(initLayer, panels.graph());
        Ref[] state = new Ref[p];
        for (int i = 0; i < p; i++) {
            state[i] = new Ref(Key.of(init, i), 0, stride, -1);
        }

        // sweeps of round-robin rounds
        int players = p % 2 == 0 ? p : p + 1;
        int[] seat = new int[players];
        for (int i = 0; i < players; i++) {
            seat[i] = i;
        }
        String measuresName = "bjsvd-measures-" + token;
        List<Ref[]> sweepEnds = new ArrayList<>(sweeps);
        GridLayer measuresLayer = TaskLayer.of(measuresName, new int[] {sweeps},
                idx -> distinctKeys(sweepEnds.get(idx[0])),
                (args, idx) -> JacobiKernels.maxMeasureArray(measuresOf(args, sweepEnds.get(idx[0]))));
        for (int s = 0; s < sweeps; s++) {
            // from sweep 2 on, a pair also reads the previous sweep's measure: after a sweep without rotations
            // (sweep 0 always rotates: its panels are not yet orthogonal inside) nothing changes any more
            Key previous = s >= 2 ? Key.of(measuresName, s - 1) : null;
            for (int round = 0; round < players - 1; round++) {
                List<int[]> pairs = new ArrayList<>();
                for (int i = 0; i < players / 2; i++) {
                    int one = seat[i];
                    int other = seat[players - 1 - i];
                    if (one < p && other < p) {
                        pairs.add(new int[] {Math.min(one, other), Math.max(one, other)});
                    }
                }
                String name = "bjsvd-s" + s + "r" + round + "-" + token;
                graph = Graph.of(roundLayer(name, pairs, state, s, previous, vectors, tol), graph);
                for (int k = 0; k < pairs.size(); k++) {
                    Key key = Key.of(name, k);
                    state[pairs.get(k)[0]] = new Ref(key, 0, 2 * stride, s);
                    state[pairs.get(k)[1]] = new Ref(key, stride, 2 * stride, s);
                }
                int last = seat[players - 1];
                System.arraycopy(seat, 1, seat, 2, players - 2);
                seat[1] = last;
            }
            sweepEnds.add(state.clone());
            graph = Graph.of(measuresLayer, graph);
        }

        // per-sweep measures (a diagnostic for tests and notes; the pairs read them too)
        long[] ones = new long[sweeps];
        Arrays.fill(ones, 1);
        ChunkedArray sweepMeasures = ChunkedArray.fromGraph(graph, measuresName,
                new ChunkGrid(new long[] {sweeps}, new long[][] {ones}), DType.FLOAT64);

        // final panels
        Ref[] last = state.clone();
        ChunkGrid panelGrid = new ChunkGrid(new long[] {n, n}, new long[][] {{n}, widths});
        ChunkedArray uHat = select("bjsvd-u-" + token, graph, last, 0, panelGrid, dtype);
        ChunkedArray sRaw = select("bjsvd-s-" + token, graph, last, 1,
                new ChunkGrid(new long[] {n}, new long[][] {widths}), dtype);
        ChunkedArray vRaw = vectors ? select("bjsvd-v-" + token, graph, last, 2, panelGrid, dtype) : null;

        // sort (and the convergence check): one small task over the lengths and the last sweep's measures
        String sortName = "bjsvd-sort-" + token;
        String sName = sRaw.name();
        Key[] lastKeys = distinctKeys(last);
        Key[] sortArgs = new Key[p + lastKeys.length];
        for (int i = 0; i < p; i++) {
            sortArgs[i] = Key.of(sName, i);
        }
        System.arraycopy(lastKeys, 0, sortArgs, p, lastKeys.length);
        GridLayer sortLayer = TaskLayer.of(sortName, new int[] {1}, idx -> sortArgs, (args, idx) -> {
            List<INDArray> lengths = new ArrayList<>(p);
            for (int i = 0; i < p; i++) {
                lengths.add((INDArray) args.get(i));
            }
            List<INDArray> measures = new ArrayList<>(lastKeys.length);
            for (int i = 0; i < lastKeys.length; i++) {
                Parts parts = (Parts) args.get(p + i);
                measures.add(parts.get(parts.size() - 1));
            }
            double measure = JacobiKernels.maxMeasure(measures);
            if (!(measure <= converged)) {
                throw new LinAlgException("a", "a did not converge in the block Jacobi SVD: off-diagonal measure "
                        + "max|cos(u_i, u_j)| = " + measure + " in sweep " + sweeps + " (the last); expected at most "
                        + converged + " (1000 eps max(100, 10 sqrt(n)), n = " + n + ") within " + sweeps
                        + " sweeps");
            }
            return new Parts(JacobiKernels.sortDescending(lengths));
        });
        Graphs.Node sortNode = new Graphs.Node(Graph.of(sortLayer, sRaw.graph()), sortName, 1);
        ChunkedArray s = Graphs.select(sortNode, 0, new long[] {n}, dtype);
        if (!vectors) {
            return new Jacobi(null, s, null, sweepMeasures);
        }
        ChunkedArray perm = Graphs.select(sortNode, 1, new long[] {n}, DType.INT64);
        ChunkedArray pm = permutationMatrix(perm, widths, offsets, dtype, token);
        return new Jacobi(uHat.matmul(pm), s, vRaw.matmul(pm), sweepMeasures);
    }

    /**
     * One round: a task per pair {@code (lo, hi)}, reading the two panels' current states and, when
     * {@code previous} is not null, the previous sweep's measure (a clean previous sweep makes the step a copy).
     */
    private static GridLayer roundLayer(String name, List<int[]> pairs, Ref[] state, int sweep, Key previous,
                                        boolean vectors, double tol) {
        int count = pairs.size();
        Ref[] a = new Ref[count];
        Ref[] b = new Ref[count];
        for (int k = 0; k < count; k++) {
            a[k] = state[pairs.get(k)[0]];
            b[k] = state[pairs.get(k)[1]];
        }
        return TaskLayer.of(name, new int[] {count}, idx -> {
            int k = idx[0];
            List<Key> keys = new ArrayList<>(3);
            keys.add(a[k].key());
            if (!b[k].key().equals(a[k].key())) {
                keys.add(b[k].key());
            }
            if (previous != null) {
                keys.add(previous);
            }
            return keys.toArray(new Key[0]);
        }, (args, idx) -> {
            int k = idx[0];
            Parts pa = (Parts) args.get(0);
            Parts pb = (Parts) args.get(b[k].key().equals(a[k].key()) ? 0 : 1);
            Ref ra = a[k];
            Ref rb = b[k];
            INDArray ua = pa.get(ra.base());
            INDArray sa = pa.get(ra.base() + 1);
            INDArray va = vectors ? pa.get(ra.base() + 2) : null;
            INDArray ub = pb.get(rb.base());
            INDArray sb = pb.get(rb.base() + 1);
            INDArray vb = vectors ? pb.get(rb.base() + 2) : null;
            INDArray measure;
            boolean rotate;
            INDArray before = previous == null ? null : (INDArray) args.get(args.size() - 1);
            if (before != null && JacobiKernels.maxMeasure(List.of(before)) <= tol) {
                // the previous sweep rotated nothing, so nothing can change any more
                measure = JacobiKernels.measure(JacobiKernels.maxMeasure(List.of(before)), null, false, null, false);
                rotate = false;
            } else {
                double own = JacobiKernels.cosineMeasure(ua, ub);
                measure = JacobiKernels.measure(own, pa.get(ra.measure()), ra.sweep() == sweep,
                        pb.get(rb.measure()), rb.sweep() == sweep);
                rotate = sweep == 0 || !(own <= tol);
            }
            if (!rotate) {
                // pass the panels on: shared with the input values, not copied
                INDArray[] arrays = vectors ? new INDArray[] {ua, sa, va, ub, sb, vb, measure}
                        : new INDArray[] {ua, sa, ub, sb, measure};
                boolean[] owned = new boolean[arrays.length];
                owned[arrays.length - 1] = true;
                return pa == pb ? Parts.sharing(arrays, owned, pa) : Parts.sharing(arrays, owned, pa, pb);
            }
            INDArray[] rotated = JacobiKernels.rotatePair(ua, sa, va, ub, sb, vb);
            INDArray[] arrays = Arrays.copyOf(rotated, rotated.length + 1);
            arrays[rotated.length] = measure;
            return new Parts(arrays);
        });
    }

    /** An array whose block i (of a one- or two-axis grid) is a copy of component {@code offset} of panel i's state. */
    private static ChunkedArray select(String name, Graph graph, Ref[] refs, int offset, ChunkGrid grid, DType dtype) {
        int axis = grid.ndim() - 1;
        GridLayer layer = TaskLayer.of(name, grid.numBlocks(), idx -> new Key[] {refs[idx[axis]].key()},
                (args, idx) -> BlockOps.copy(((Parts) args.get(0)).get(refs[idx[axis]].base() + offset)));
        return ChunkedArray.fromGraph(Graph.of(layer, graph), name, grid, dtype);
    }

    private static Key[] distinctKeys(Ref[] refs) {
        Map<Key, Boolean> keys = new LinkedHashMap<>();
        for (Ref r : refs) {
            keys.put(r.key(), Boolean.TRUE);
        }
        return keys.keySet().toArray(new Key[0]);
    }

    /** The measure component of each distinct state among {@code refs}, in the order of {@link #distinctKeys}. */
    private static List<INDArray> measuresOf(org.tessella.scheduler.TaskArgs args, Ref[] refs) {
        Map<Key, Integer> seen = new LinkedHashMap<>();
        List<INDArray> out = new ArrayList<>();
        for (Ref r : refs) {
            if (seen.putIfAbsent(r.key(), seen.size()) == null) {
                out.add(((Parts) args.get(seen.get(r.key()))).get(r.measure()));
            }
        }
        return out;
    }

    /** The n x n permutation matrix {@code P[perm[k], k] = 1}, blocked by the Jacobi panels on both axes. */
    private static ChunkedArray permutationMatrix(ChunkedArray perm, long[] widths, long[] offsets, DType dtype,
                                                  String token) {
        String name = Tokens.name("bjsvd-perm", perm.name(), token);
        Key pk = perm.blockKey(0);
        int p = widths.length;
        long n = offsets[p - 1] + widths[p - 1];
        GridLayer layer = TaskLayer.of(name, new int[] {p, p}, idx -> new Key[] {pk},
                (args, idx) -> JacobiKernels.permutationBlock((INDArray) args.get(0), offsets[idx[0]],
                        widths[idx[0]], offsets[idx[1]], widths[idx[1]], dtype.nd4j()));
        return ChunkedArray.fromGraph(Graph.of(layer, perm.graph()), name,
                new ChunkGrid(new long[] {n, n}, new long[][] {widths, widths}), dtype);
    }
}
