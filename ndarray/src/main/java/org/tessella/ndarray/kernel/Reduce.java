package org.tessella.ndarray.kernel;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reduction kernels: the partial result of one block (reduced axes kept with extent 1) and the
 * merge of several partials. Mean and variance travel as {@link Moments} (count, mean, M2) and
 * merge with Chan et al.'s pairwise formulas, which stay accurate where sum-of-squares does not;
 * arg-reductions travel as {@link ArgPartial} (best values and their global indices).
 */
public final class Reduce {
    private Reduce() {
    }

    /** The simple reductions whose partials merge with one elementwise op. */
    public enum Op { SUM, PROD, MIN, MAX, ANY, ALL }

    /** Count, mean and sum of squared deviations, per output element (count is the same for all). */
    public record Moments(long count, INDArray mean, INDArray m2) {
    }

    /** Best values so far and their indices (global along the axis, or global flat indices). */
    public record ArgPartial(INDArray values, INDArray indices) {
    }

    private static long[] keepShape(long[] shape, int[] axes) {
        long[] s = shape.clone();
        for (int a : axes) {
            s[a] = 1;
        }
        return s;
    }

    /**
     * Partial of a simple reduction over {@code axes} of {@code block}, in {@code acc} type. As in
     * NumPy, min and max of floats propagate NaN (ND4J's skip it), and min/max of bool are
     * all/any.
     */
    public static INDArray partial(Op op, INDArray block, int[] axes, DataType acc) {
        long[] keep = keepShape(block.shape(), axes);
        if (block.length() == 0) {
            double identity = op == Op.PROD || op == Op.ALL ? 1 : 0;
            return Fill.constant(op == Op.ANY || op == Op.ALL ? DataType.INT : acc, keep, identity);
        }
        if (acc == DataType.BOOL && (op == Op.MIN || op == Op.MAX)) {
            // ND4J has no min/max for bool: reduce 0/1 integers, cast back
            INDArray r = partial(op == Op.MIN ? Op.ALL : Op.ANY, block, axes, DataType.INT);
            INDArray out = BlockPool.allocate(DataType.BOOL, r.shape());
            out.assign(r);
            return out;
        }
        INDArray x = op == Op.ANY || op == Op.ALL ? toInt01(block) : block.dataType() == acc ? block : block.castTo(acc);
        if (axes.length == 0) {
            return Regions.copyOf(x);
        }
        INDArray r = switch (op) {
            case SUM -> x.sum(true, axes);
            case PROD -> x.prod(true, axes);
            case MIN, ALL -> x.min(true, axes);
            case MAX, ANY -> x.max(true, axes);
        };
        if (r.rank() != keep.length) {
            r = r.reshape('c', keep);
        }
        if ((op == Op.MIN || op == Op.MAX) && mayHaveNaN(x)) {
            INDArray nan = x.neq(x).castTo(DataType.INT).max(true, axes);
            if (nan.rank() != keep.length) {
                nan = nan.reshape('c', keep);
            }
            putNaN(r, nan.gt(0));
        }
        return r;
    }

    /**
     * False when {@code a} surely holds no NaN: not floating, empty, or its sum is a number. One
     * cheap reduction, so the NaN masks (several more ops per block) run only on blocks that need
     * them; a sum of +inf and -inf is NaN too, which only costs the slow path.
     */
    static boolean mayHaveNaN(INDArray a) {
        return a.dataType().isFPType() && a.length() > 0 && Double.isNaN(a.sumNumber().doubleValue());
    }

    /** {@code r[mask] = NaN}, for floating {@code r}; mask is bool of r's shape. */
    private static void putNaN(INDArray r, INDArray mask) {
        INDArray nan = Fill.constant(r.dataType(), r.shape(), Double.NaN);
        Nd4j.exec(DynamicCustomOp.builder("select").addInputs(mask, nan, r).addOutputs(r).build());
        BlockPool.release(nan);
    }

    private static INDArray toInt01(INDArray block) {
        if (block.dataType() == DataType.INT) {
            return block;
        }
        INDArray b = block.dataType() == DataType.BOOL ? block : block.neq(0);
        return b.castTo(DataType.INT);
    }

    /** Merges partials of a simple reduction into a new array. */
    public static INDArray merge(Op op, List<INDArray> parts) {
        INDArray acc = Regions.copyOf(parts.get(0));
        String name = switch (op) {
            case SUM -> "add";
            case PROD -> "multiply";
            case MIN, ALL -> "minimum";
            case MAX, ANY -> "maximum";
        };
        boolean nanAware = false;
        if (op == Op.MIN || op == Op.MAX) {
            for (INDArray p : parts) {
                nanAware |= mayHaveNaN(p);
            }
        }
        for (int i = 1; i < parts.size(); i++) {
            INDArray part = parts.get(i);
            INDArray nan = nanAware ? acc.neq(acc).castTo(DataType.INT).addi(part.neq(part).castTo(DataType.INT)).gt(0) : null;
            Nd4j.exec(DynamicCustomOp.builder(name).addInputs(acc, part).addOutputs(acc).build());
            if (nan != null) {
                putNaN(acc, nan); // ND4J's minimum/maximum drop a NaN depending on its side
            }
        }
        return acc;
    }

    /** Moments of {@code block} over {@code axes}, computed in float64. */
    public static Moments moments(INDArray block, int[] axes, boolean withM2) {
        long[] keep = keepShape(block.shape(), axes);
        long n = 1;
        for (int a : axes) {
            n *= block.size(a);
        }
        if (n == 0) {
            // the mean of nothing is NaN (NumPy); M2 is 0, so var = 0 / max(0 - ddof, 0) is NaN too
            return new Moments(0, Fill.constant(DataType.DOUBLE, keep, Double.NaN),
                    withM2 ? Fill.constant(DataType.DOUBLE, keep, 0) : null);
        }
        if (block.length() == 0) {
            // empty along a kept axis: nothing to compute, empty partials of the right shape
            return new Moments(n, Fill.constant(DataType.DOUBLE, keep, 0), withM2 ? Fill.constant(DataType.DOUBLE, keep, 0) : null);
        }
        INDArray x = block.dataType() == DataType.DOUBLE ? block : block.castTo(DataType.DOUBLE);
        if (axes.length == 0) {
            // one element per output: M2 is 0, or NaN for a NaN or infinite element (NumPy's var of it)
            return new Moments(1, Regions.copyOf(x), withM2 ? x.sub(x) : null);
        }
        INDArray mean = x.mean(true, axes);
        if (mean.rank() != keep.length) {
            mean = mean.reshape('c', keep);
        }
        INDArray m2 = null;
        if (withM2) {
            INDArray centered = x.sub(mean);
            m2 = centered.muli(centered).sum(true, axes);
            if (m2.rank() != keep.length) {
                m2 = m2.reshape('c', keep);
            }
            centered.close();
        }
        return new Moments(n, mean, m2);
    }

    /** Chan et al.'s merge of moments. */
    public static Moments merge(List<Moments> parts) {
        Moments acc = parts.get(0);
        if (acc.mean().length() == 0) {
            // empty along a kept axis: only the count matters
            long n = 0;
            for (Moments m : parts) {
                n += m.count();
            }
            return new Moments(n, acc.mean(), acc.m2());
        }
        long n = acc.count();
        INDArray mean = acc.mean().dup();
        INDArray m2 = acc.m2() == null ? null : acc.m2().dup();
        for (int i = 1; i < parts.size(); i++) {
            Moments b = parts.get(i);
            if (b.count() == 0) {
                continue;
            }
            if (n == 0) {
                n = b.count();
                mean.assign(b.mean());
                if (m2 != null) {
                    m2.assign(b.m2());
                }
                continue;
            }
            long total = n + b.count();
            INDArray delta = b.mean().sub(mean);
            mean.addi(delta.mul((double) b.count() / total));
            if (m2 != null) {
                m2.addi(b.m2()).addi(delta.muli(delta).muli((double) n * b.count() / total));
            }
            delta.close();
            n = total;
        }
        return new Moments(n, mean, m2);
    }

    /**
     * Partial argmin/argmax along {@code axis} (or over the flattened block when axis < 0). As in
     * NumPy, the first NaN counts as the extreme value (ND4J's argmax skips NaN); bool blocks go
     * through 0/1 integers (ND4J's argmin rejects bool).
     */
    public static ArgPartial argPartial(INDArray block, int axis, boolean max, long[] blockOffset, long[] fullShape) {
        INDArray x = block.dataType() == DataType.BOOL ? block.castTo(DataType.INT) : block;
        boolean fp = mayHaveNaN(x);
        if (axis >= 0) {
            long[] keep = keepShape(block.shape(), new int[] {axis});
            if (block.length() == 0) {
                // empty along another axis: nothing to compare, an empty partial of the right shape
                return new ArgPartial(Nd4j.create(DataType.DOUBLE, keep), Nd4j.create(DataType.LONG, keep));
            }
            INDArray values = (max ? x.max(true, axis) : x.min(true, axis)).castTo(DataType.DOUBLE).reshape('c', keep);
            INDArray idx = max ? Nd4j.argMax(x, axis) : Nd4j.argMin(x, axis);
            INDArray indices = idx.castTo(DataType.LONG).reshape('c', keep);
            if (fp) {
                INDArray nan = x.neq(x).castTo(DataType.INT);
                INDArray has = nan.max(true, axis).reshape('c', keep).gt(0);
                INDArray first = Nd4j.argMax(nan, axis).castTo(DataType.LONG).reshape('c', keep);
                INDArray nans = Nd4j.valueArrayOf(keep, Double.NaN, DataType.DOUBLE);
                Nd4j.exec(DynamicCustomOp.builder("select").addInputs(has, nans, values).addOutputs(values).build());
                Nd4j.exec(DynamicCustomOp.builder("select").addInputs(has, first, indices).addOutputs(indices).build());
            }
            indices.addi(blockOffset[axis]);
            return new ArgPartial(values, indices);
        }
        INDArray flat = Regions.contiguous(x).reshape('c', new long[] {x.length()});
        long local = (max ? Nd4j.argMax(flat) : Nd4j.argMin(flat)).getLong(0);
        if (fp) {
            INDArray nan = flat.neq(flat).castTo(DataType.INT);
            if (nan.maxNumber().intValue() > 0) {
                local = Nd4j.argMax(nan).getLong(0);
            }
        }
        double value = flat.getDouble(local);
        long[] bshape = block.shape();
        long global = 0;
        long rem = local;
        long[] coords = new long[bshape.length];
        for (int a = bshape.length - 1; a >= 0; a--) {
            coords[a] = rem % bshape[a];
            rem /= bshape[a];
        }
        for (int a = 0; a < bshape.length; a++) {
            global = global * fullShape[a] + blockOffset[a] + coords[a];
        }
        return new ArgPartial(Nd4j.scalar(DataType.DOUBLE, value), Nd4j.scalar(DataType.LONG, global));
    }

    /**
     * Merges arg partials; a candidate wins if its value is better, or it is NaN where the current
     * one is not, or it ties (equal, or both NaN) with a lower index, as NumPy's first-occurrence rule.
     */
    public static ArgPartial merge(List<ArgPartial> parts, boolean max) {
        INDArray values = parts.get(0).values().dup();
        INDArray indices = parts.get(0).indices().dup();
        if (values.length() == 0) {
            return new ArgPartial(values, indices);
        }
        boolean nanAware = false;
        for (ArgPartial p : parts) {
            nanAware |= mayHaveNaN(p.values());
        }
        for (int i = 1; i < parts.size(); i++) {
            ArgPartial b = parts.get(i);
            INDArray bv = b.values();
            if (!nanAware) {
                INDArray better = max ? bv.gt(values) : bv.lt(values);
                INDArray tie = bv.eq(values).castTo(DataType.INT).muli(b.indices().lt(indices).castTo(DataType.INT));
                INDArray take = better.castTo(DataType.INT).addi(tie).gt(0);
                Nd4j.exec(DynamicCustomOp.builder("select").addInputs(take, bv, values).addOutputs(values).build());
                Nd4j.exec(DynamicCustomOp.builder("select").addInputs(take, b.indices(), indices).addOutputs(indices).build());
                continue;
            }
            INDArray bNaN = bv.neq(bv).castTo(DataType.INT);
            INDArray vNaN = values.neq(values).castTo(DataType.INT);
            INDArray better = (max ? bv.gt(values) : bv.lt(values)).castTo(DataType.INT);
            INDArray tie = bv.eq(values).castTo(DataType.INT).addi(bNaN.mul(vNaN));
            INDArray lower = b.indices().lt(indices).castTo(DataType.INT);
            INDArray nanWins = bNaN.mul(vNaN.rsub(1));
            INDArray take = better.addi(tie.muli(lower)).addi(nanWins).gt(0);
            Nd4j.exec(DynamicCustomOp.builder("select").addInputs(take, bv, values).addOutputs(values).build());
            Nd4j.exec(DynamicCustomOp.builder("select").addInputs(take, b.indices(), indices).addOutputs(indices).build());
        }
        return new ArgPartial(values, indices);
    }
}
