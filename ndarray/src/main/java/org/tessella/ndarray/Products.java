package org.tessella.ndarray;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.Gemm;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.TaskArgs;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Tensor products (tensordot, dot, matmul) as block graphs.
 *
 * <p><b>Geometry.</b> The contracted axes of a and b are paired; each pair must have equal
 * extents, and its chunks are unified to the common refinement of both chunkings
 * ({@link ChunkAlignment}, the rule elementwise broadcasting uses), so contracted block {@code k}
 * of a and of b cover the same range. The output has a's free axes then b's, with their chunks.
 *
 * <p><b>Graph.</b> For output block {@code o} and each of the {@code K} contracted block indices
 * {@code k} (flattened in C order over the contracted axes), one product task
 * {@code (name-prod, o..., k)} multiplies block {@code (o_a, k)} of a with block {@code (k, o_b)} of
 * b ({@link Gemm#product}). Product tasks are not fusible, so fusion never folds several of them
 * into one serial task. Their partials are summed by a tree: each level sums groups of at most
 * {@code splitEvery} neighbouring partials (sizes balanced), until one remains; that last sum is the
 * output block {@code (name, o...)} and is fusible into its consumer. When {@code K == 1} the
 * product task itself is the output block. A group sum claims a donated partial and adds the
 * others into it, so the tree allocates nothing but the integer casts.
 *
 * <p><b>Memory.</b> The scheduler's depth-first priority runs a group's products and then its sum
 * before starting the next group, so per output block in flight about {@code splitEvery} partials
 * plus one pending sum per tree level are held (measured in the tests); the inputs stay held while
 * later output blocks still need them, as in any blocked product.
 *
 * <p><b>Types.</b> The result dtype is NumPy's promotion of the two dtypes. Floating products run
 * in that type (float32 in sgemm, as NumPy); integer and bool products run in float64 and are cast
 * back at the end, which is exact while every partial sum's magnitude stays below 2^53 (NumPy wraps
 * around on int64 overflow instead). Bool results are "any a & b", as NumPy gives.
 */
final class Products {
    /** Default number of partials a tree task sums, as {@link Reductions#DEFAULT_SPLIT_EVERY}. */
    static final int DEFAULT_SPLIT_EVERY = Reductions.DEFAULT_SPLIT_EVERY;

    private Products() {
    }

    // ---------------------------------------------------------------- validation

    /** NumPy's {@code tensordot(a, b, axes=n)}: the last n axes of a with the first n of b. */
    static ChunkedArray tensordot(ChunkedArray a, ChunkedArray b, int n) {
        ChunkedArray.requireNonNull(a, "a");
        ChunkedArray.requireNonNull(b, "b");
        int max = Math.min(a.ndim(), b.ndim());
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("n is out of range: " + n + "; expected 0 <= n <= " + max
                    + " (the smaller rank of shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + ")");
        }
        int[] axesA = new int[n];
        int[] axesB = new int[n];
        for (int i = 0; i < n; i++) {
            axesA[i] = a.ndim() - n + i;
            axesB[i] = i;
        }
        return tensordot("tensordot", a, b, axesA, axesB, DEFAULT_SPLIT_EVERY);
    }

    /** NumPy's {@code tensordot(a, b, axes=(axesA, axesB))}. */
    static ChunkedArray tensordot(ChunkedArray a, ChunkedArray b, int[] axesA, int[] axesB) {
        return tensordot("tensordot", a, b, axesA, axesB, DEFAULT_SPLIT_EVERY);
    }

    /** NumPy's {@code dot}: scalars multiply; else the last axis of a with b's only or second-to-last axis. */
    static ChunkedArray dot(ChunkedArray a, ChunkedArray b) {
        ChunkedArray.requireNonNull(b, "other");
        if (a.ndim() == 0 || b.ndim() == 0) {
            return a.mul(b);
        }
        int[] axesB = {b.ndim() == 1 ? 0 : b.ndim() - 2};
        return tensordot("dot", a, b, new int[] {a.ndim() - 1}, axesB, DEFAULT_SPLIT_EVERY);
    }

    /** NumPy's {@code matmul} ({@code @}) for 1-D and 2-D operands. */
    static ChunkedArray matmul(ChunkedArray a, ChunkedArray b) {
        ChunkedArray.requireNonNull(b, "other");
        for (ChunkedArray x : List.of(a, b)) {
            if (x.ndim() == 0 || x.ndim() > 2) {
                throw new IllegalArgumentException("matmul operand has " + x.ndim() + " dimensions: shape "
                        + Arrays.toString(x.shape()) + " (shapes " + Arrays.toString(a.shape()) + " @ "
                        + Arrays.toString(b.shape()) + "); expected 1-D or 2-D operands (use mul for scalars, "
                        + "tensordot for stacked products)");
            }
        }
        return tensordot("matmul", a, b, new int[] {a.ndim() - 1}, new int[] {0}, DEFAULT_SPLIT_EVERY);
    }

    /** Normalizes one axes list of an array: in range (negative from the end), distinct. */
    private static int[] normalize(int[] axes, ChunkedArray x, String what) {
        ChunkedArray.requireNonNull(axes, what);
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = ChunkedArray.normalizeAxis(axes[i], x.ndim(), what + "[" + i + "]");
            for (int j = 0; j < i; j++) {
                if (out[j] == out[i]) {
                    throw new IllegalArgumentException(what + " has a repeated axis: " + Arrays.toString(axes)
                            + " (positions " + j + " and " + i + " both name axis " + out[i]
                            + "); expected distinct axes");
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- graph

    static ChunkedArray tensordot(String op, ChunkedArray a0, ChunkedArray b0, int[] axesA0, int[] axesB0,
                                  int splitEvery) {
        ChunkedArray.requireNonNull(a0, "a");
        ChunkedArray.requireNonNull(b0, "b");
        if (splitEvery < 2) {
            throw new IllegalArgumentException("splitEvery is less than 2: " + splitEvery + "; expected at least 2");
        }
        int[] axesA = normalize(axesA0, a0, "axesA");
        int[] axesB = normalize(axesB0, b0, "axesB");
        if (axesA.length != axesB.length) {
            throw new IllegalArgumentException("axesB has " + axesB.length + " axes: " + Arrays.toString(axesB0)
                    + "; expected as many as axesA (" + axesA.length + " axes: " + Arrays.toString(axesA0) + ")");
        }
        int n = axesA.length;
        for (int i = 0; i < n; i++) {
            if (a0.shape(axesA[i]) != b0.shape(axesB[i])) {
                throw new IllegalArgumentException(op + " shapes do not match on contracted axes: a "
                        + Arrays.toString(a0.shape()) + " axes " + Arrays.toString(axesA) + ", b "
                        + Arrays.toString(b0.shape()) + " axes " + Arrays.toString(axesB) + " (pair " + i + ": "
                        + a0.shape(axesA[i]) + " != " + b0.shape(axesB[i]) + "); expected equal extents on each"
                        + " contracted pair");
            }
        }
        // unify the contracted chunks
        long[][] wantA = new long[a0.ndim()][];
        long[][] wantB = new long[b0.ndim()][];
        for (int i = 0; i < n; i++) {
            long[] common = ChunkAlignment.commonRefinement(a0.shape(axesA[i]),
                    List.of(a0.grid().chunks(axesA[i]), b0.grid().chunks(axesB[i])));
            wantA[axesA[i]] = common;
            wantB[axesB[i]] = common;
        }
        ChunkedArray a = ChunkAlignment.rechunkAxes(a0, wantA);
        ChunkedArray b = ChunkAlignment.rechunkAxes(b0, wantB);

        int[] freeA = freeAxes(a.ndim(), axesA);
        int[] freeB = freeAxes(b.ndim(), axesB);
        int rank = freeA.length + freeB.length;
        long[] outShape = new long[rank];
        long[][] outChunks = new long[rank][];
        for (int i = 0; i < freeA.length; i++) {
            outShape[i] = a.shape(freeA[i]);
            outChunks[i] = a.grid().chunks(freeA[i]);
        }
        for (int i = 0; i < freeB.length; i++) {
            outShape[freeA.length + i] = b.shape(freeB[i]);
            outChunks[freeA.length + i] = b.grid().chunks(freeB[i]);
        }
        ChunkGrid outGrid = new ChunkGrid(outShape, outChunks);
        int[] kBlocks = new int[n];
        long kTotal = 1;
        for (int i = 0; i < n; i++) {
            kBlocks[i] = a.grid().numBlocks(axesA[i]);
            kTotal *= kBlocks[i];
        }
        if (kTotal > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("contracted axes have too many blocks: " + kTotal
                    + "; expected fewer than 2^30 (rechunk to larger chunks first)");
        }
        int kCount = (int) kTotal;

        DType outType = DType.promote(a.dtype(), b.dtype());
        DType compute = outType.isFloating() ? outType : DType.FLOAT64;
        DataType computeNd = compute.nd4j();
        DataType outNd = outType.nd4j();
        String name = Tokens.name(op, a.name(), b.name(), axesA, axesB, splitEvery);
        String aName = a.name();
        String bName = b.name();
        int nFreeA = freeA.length;
        int[] outNb = outGrid.numBlocks();

        // product layer: index = output index (+ k when there is a tree)
        boolean tree = kCount > 1;
        String prodName = tree ? name + "-prod" : name;
        int[] prodNb = tree ? append(outNb, kCount) : outNb;
        GridLayer products = new GridLayer(prodName, prodNb, idx -> {
            int[] k = unravel(tree ? idx[rank] : 0, kBlocks);
            int[] ia = new int[a.ndim()];
            int[] ib = new int[b.ndim()];
            for (int i = 0; i < nFreeA; i++) {
                ia[freeA[i]] = idx[i];
            }
            for (int i = 0; i < freeB.length; i++) {
                ib[freeB[i]] = idx[nFreeA + i];
            }
            for (int i = 0; i < n; i++) {
                ia[axesA[i]] = k[i];
                ib[axesB[i]] = k[i];
            }
            return new Key[] {Key.of(aName, ia), Key.of(bName, ib)};
        }, (args, idx) -> Gemm.product((INDArray) args.get(0), freeA, axesA, (INDArray) args.get(1), axesB, freeB,
                computeNd, tree ? computeNd : outNd, outGrid.blockShape(Arrays.copyOf(idx, rank))),
                !tree, false);
        Graph graph = Graph.of(products, a.graph(), b.graph());

        // sum tree over the last index
        String prev = prodName;
        int count = kCount;
        int level = 0;
        while (count > 1) {
            int prevCount = count;
            count = (prevCount + splitEvery - 1) / splitEvery;
            level++;
            boolean fin = count == 1;
            String levelName = fin ? name : name + "-sum" + level;
            int groups = count;
            String from = prev;
            int[] nb = fin ? outNb : append(outNb, count);
            GridLayer sums = new GridLayer(levelName, nb, idx -> {
                int g = fin ? 0 : idx[rank];
                int lo = groupStart(g, prevCount, groups);
                int hi = groupStart(g + 1, prevCount, groups);
                Key[] keys = new Key[hi - lo];
                for (int j = lo; j < hi; j++) {
                    int[] src = Arrays.copyOf(idx, rank + 1);
                    src[rank] = j;
                    keys[j - lo] = Key.of(from, src);
                }
                return keys;
            }, (args, idx) -> sum(args, computeNd, fin ? outNd : computeNd, outGrid.blockShape(Arrays.copyOf(idx, rank))),
                    fin, false);
            graph = Graph.of(sums, graph);
            prev = levelName;
        }
        return new ChunkedArray(graph, name, outGrid, outType);
    }

    /** First partial of group {@code g} when {@code count} partials split into {@code groups} balanced groups. */
    static int groupStart(int g, int count, int groups) {
        return (int) ((long) g * count / groups);
    }

    /** Sums the partials in {@code args} into a donated one (or a pooled copy), then casts to {@code outType}. */
    private static INDArray sum(TaskArgs args, DataType compute, DataType outType, long[] blockShape) {
        int owned = -1;
        for (int i = 0; i < args.size(); i++) {
            INDArray p = (INDArray) args.get(i);
            if (args.isDonated(i) && p.dataType() == compute && !p.isView() && Arrays.equals(p.shape(), blockShape)) {
                owned = i;
                break;
            }
        }
        INDArray acc = owned >= 0 ? (INDArray) args.claim(owned) : Regions.copyOf((INDArray) args.get(0));
        int skip = owned >= 0 ? owned : 0;
        for (int i = 0; i < args.size(); i++) {
            if (i != skip) {
                Gemm.accumulate(acc, (INDArray) args.get(i));
            }
        }
        return Gemm.castTo(acc, outType);
    }

    private static int[] freeAxes(int ndim, int[] contracted) {
        boolean[] c = new boolean[ndim];
        for (int ax : contracted) {
            c[ax] = true;
        }
        int[] free = new int[ndim - contracted.length];
        int j = 0;
        for (int ax = 0; ax < ndim; ax++) {
            if (!c[ax]) {
                free[j++] = ax;
            }
        }
        return free;
    }

    private static int[] append(int[] a, int x) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = x;
        return out;
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }
}
