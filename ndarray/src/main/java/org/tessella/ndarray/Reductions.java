package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.ndarray.kernel.Reduce;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Tokens;

/**
 * Reductions as trees: one partial per block (reduced axes kept), then levels that merge groups of
 * at most {@code splitEvery} neighbouring partials (split evenly over the reduced axes, as dask
 * does) until one partial per output block remains, then a finishing step (cast, divide by the
 * count, drop the reduced axes). Result dtypes follow NumPy: sum/prod of bool and signed integers
 * give int64, mean/var/std of integers give float64, argmin/argmax give int64. One written
 * deviation: sum/prod of unsigned integers (uint8, uint16, uint32) give int64 where NumPy gives
 * uint64, which Tessella does not have; the values agree while the result stays within int64
 * (for sums of uint32, up to 2^31 elements at the type's maximum).
 */
final class Reductions {
    /** Default number of partials merged at once. */
    static final int DEFAULT_SPLIT_EVERY = 8;

    enum Kind { SUM, PROD, MIN, MAX, ANY, ALL, MEAN, VAR, STD, ARGMIN, ARGMAX }

    private Reductions() {
    }

    static DType resultType(Kind kind, DType in) {
        return switch (kind) {
            case SUM, PROD -> in.isFloating() ? in : DType.INT64;
            case MIN, MAX -> in;
            case ANY, ALL -> DType.BOOL;
            case MEAN, VAR, STD -> in.isFloating() ? in : DType.FLOAT64;
            case ARGMIN, ARGMAX -> DType.INT64;
        };
    }

    /**
     * Reduces {@code x} over {@code axes} (normalized: sorted, distinct, in range; for arg
     * reductions one axis, or empty for the flattened array).
     */
    static ChunkedArray reduce(ChunkedArray x, Kind kind, int[] axes, boolean keepDims, int ddof, int splitEvery) {
        if (splitEvery < 2) {
            throw new IllegalArgumentException("splitEvery is less than 2: " + splitEvery + "; expected at least 2");
        }
        boolean arg = kind == Kind.ARGMIN || kind == Kind.ARGMAX;
        int argAxis = arg && axes.length == 1 ? axes[0] : -1;
        int[] treeAxes = arg && axes.length == 0 ? allAxes(x.ndim()) : axes;
        long reducedSize = 1;
        for (int a : treeAxes) {
            reducedSize *= x.shape(a);
        }
        if (reducedSize == 0 && (kind == Kind.MIN || kind == Kind.MAX || arg)) {
            throw new IllegalArgumentException("array is empty along the reduced axes: shape "
                    + Arrays.toString(x.shape()) + ", axes " + Arrays.toString(treeAxes)
                    + "; expected a non-empty reduction for " + kind.name().toLowerCase() + " (it has no identity)");
        }
        DType outType = resultType(kind, x.dtype());
        ChunkGrid grid = x.grid();
        int rank = x.ndim();
        boolean[] reduced = new boolean[rank];
        for (int a : treeAxes) {
            reduced[a] = true;
        }
        String base = Tokens.name(kind.name().toLowerCase(), x.name(), axes, keepDims, ddof, splitEvery);
        String in = x.name();
        int[] nb = grid.numBlocks();
        boolean last = isFinal(nb, reduced);
        // level 0: one partial per block
        String partialName = base + "-p0";
        GridLayer layer = new GridLayer(partialName, nb, idx -> new Key[] {Key.of(in, idx)},
                (args, idx) -> partial(kind, (INDArray) args.get(0), treeAxes, argAxis, outType,
                        grid.blockOffset(idx), grid.shape()),
                last, false);
        Graph graph = Graph.of(layer, x.graph());
        String prev = partialName;
        int level = 0;
        int[] split = splits(nb, reduced, splitEvery);
        while (!isFinal(nb, reduced)) {
            int[] prevNb = nb.clone();
            int[] next = nb.clone();
            for (int a = 0; a < rank; a++) {
                if (reduced[a]) {
                    next[a] = (nb[a] + split[a] - 1) / split[a];
                }
            }
            nb = next;
            level++;
            String name = base + "-p" + level;
            String from = prev;
            boolean fin = isFinal(nb, reduced);
            layer = new GridLayer(name, nb, idx -> groupKeys(from, idx, prevNb, reduced, split),
                    (args, idx) -> {
                        List<Object> parts = new ArrayList<>(args.size());
                        for (int i = 0; i < args.size(); i++) {
                            parts.add(args.get(i));
                        }
                        return merge(kind, parts);
                    }, fin, false);
            graph = Graph.of(layer, graph);
            prev = name;
        }
        // finish: output grid
        long[] outShape;
        long[][] outChunks;
        List<Integer> kept = new ArrayList<>();
        boolean flatArg = arg && axes.length == 0;
        if (keepDims || flatArg && keepDims) {
            outShape = grid.shape();
            outChunks = grid.chunks();
            for (int a : treeAxes) {
                outShape[a] = 1;
                outChunks[a] = new long[] {1};
            }
            for (int a = 0; a < rank; a++) {
                kept.add(a);
            }
        } else {
            List<Long> s = new ArrayList<>();
            List<long[]> c = new ArrayList<>();
            for (int a = 0; a < rank; a++) {
                if (!reduced[a]) {
                    s.add(grid.shape(a));
                    c.add(grid.chunks(a));
                    kept.add(a);
                }
            }
            outShape = s.stream().mapToLong(Long::longValue).toArray();
            outChunks = c.toArray(new long[0][]);
        }
        ChunkGrid outGrid = new ChunkGrid(outShape, outChunks);
        String from = prev;
        int[] keptAxes = kept.stream().mapToInt(Integer::intValue).toArray();
        boolean keepAll = keepDims;
        String name = base;
        GridLayer finish = new GridLayer(name, outGrid.numBlocks(), idx -> {
            int[] src = new int[rank];
            if (keepAll) {
                for (int a = 0; a < rank; a++) {
                    src[a] = reduced[a] ? 0 : idx[a];
                }
            } else {
                for (int j = 0; j < keptAxes.length; j++) {
                    src[keptAxes[j]] = idx[j];
                }
            }
            return new Key[] {Key.of(from, src)};
        }, (args, idx) -> finish(kind, args.get(0), outType, ddof, outGrid.blockShape(idx)), false, false);
        return new ChunkedArray(Graph.of(finish, graph), name, outGrid, outType);
    }

    private static int[] allAxes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }

    private static boolean isFinal(int[] nb, boolean[] reduced) {
        for (int a = 0; a < nb.length; a++) {
            if (reduced[a] && nb[a] > 1) {
                return false;
            }
        }
        return true;
    }

    /** Per-axis group sizes: {@code splitEvery^(1/r)} over the r reduced axes with several blocks, at least 2. */
    private static int[] splits(int[] nb, boolean[] reduced, int splitEvery) {
        int r = 0;
        for (int a = 0; a < nb.length; a++) {
            if (reduced[a] && nb[a] > 1) {
                r++;
            }
        }
        int each = r == 0 ? splitEvery : Math.max(2, (int) Math.floor(Math.pow(splitEvery, 1.0 / r) + 1e-9));
        int[] s = new int[nb.length];
        Arrays.fill(s, 1);
        for (int a = 0; a < nb.length; a++) {
            if (reduced[a]) {
                s[a] = each;
            }
        }
        return s;
    }

    private static Key[] groupKeys(String from, int[] idx, int[] prevNb, boolean[] reduced, int[] split) {
        int rank = idx.length;
        int[] lo = new int[rank];
        int[] hi = new int[rank];
        for (int a = 0; a < rank; a++) {
            if (reduced[a]) {
                lo[a] = idx[a] * split[a];
                hi[a] = Math.min(prevNb[a], lo[a] + split[a]) - 1;
            } else {
                lo[a] = idx[a];
                hi[a] = idx[a];
            }
        }
        return BlockBox.keys(from, lo, hi);
    }

    private static Object partial(Kind kind, INDArray block, int[] axes, int argAxis, DType outType,
                                  long[] offset, long[] fullShape) {
        return switch (kind) {
            case SUM -> Reduce.partial(Reduce.Op.SUM, block, axes, outType.nd4j());
            case PROD -> Reduce.partial(Reduce.Op.PROD, block, axes, outType.nd4j());
            case MIN -> Reduce.partial(Reduce.Op.MIN, block, axes, outType.nd4j());
            case MAX -> Reduce.partial(Reduce.Op.MAX, block, axes, outType.nd4j());
            case ANY -> Reduce.partial(Reduce.Op.ANY, block, axes, DataType.INT);
            case ALL -> Reduce.partial(Reduce.Op.ALL, block, axes, DataType.INT);
            case MEAN -> Reduce.moments(block, axes, false);
            case VAR, STD -> Reduce.moments(block, axes, true);
            case ARGMIN -> Reduce.argPartial(block, argAxis, false, offset, fullShape);
            case ARGMAX -> Reduce.argPartial(block, argAxis, true, offset, fullShape);
        };
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Kind kind, List<Object> parts) {
        return switch (kind) {
            case SUM -> Reduce.merge(Reduce.Op.SUM, (List<INDArray>) (List<?>) parts);
            case PROD -> Reduce.merge(Reduce.Op.PROD, (List<INDArray>) (List<?>) parts);
            case MIN -> Reduce.merge(Reduce.Op.MIN, (List<INDArray>) (List<?>) parts);
            case MAX -> Reduce.merge(Reduce.Op.MAX, (List<INDArray>) (List<?>) parts);
            case ANY -> Reduce.merge(Reduce.Op.ANY, (List<INDArray>) (List<?>) parts);
            case ALL -> Reduce.merge(Reduce.Op.ALL, (List<INDArray>) (List<?>) parts);
            case MEAN, VAR, STD -> Reduce.merge((List<Reduce.Moments>) (List<?>) parts);
            case ARGMIN -> Reduce.merge((List<Reduce.ArgPartial>) (List<?>) parts, false);
            case ARGMAX -> Reduce.merge((List<Reduce.ArgPartial>) (List<?>) parts, true);
        };
    }

    private static INDArray finish(Kind kind, Object partial, DType outType, int ddof, long[] outShape) {
        INDArray result = switch (kind) {
            case SUM, PROD, MIN, MAX, ANY, ALL -> (INDArray) partial;
            case MEAN -> ((Reduce.Moments) partial).mean();
            case VAR, STD -> {
                Reduce.Moments m = (Reduce.Moments) partial;
                if (m.m2().length() == 0) {
                    yield m.m2();
                }
                INDArray v = m.m2().div((double) Math.max(m.count() - ddof, 0));
                yield kind == Kind.STD ? Transforms.sqrt(v, false) : v;
            }
            case ARGMIN, ARGMAX -> ((Reduce.ArgPartial) partial).indices();
        };
        INDArray out = BlockPool.allocate(outType.nd4j(), outShape);
        if (out.length() > 0) {
            out.assign(result.reshape('c', outShape));
        }
        return out;
    }

    static INDArray scalarOf(INDArray a) {
        return Regions.copyOf(a);
    }
}
