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

    /** Partial of a simple reduction over {@code axes} of {@code block}, in {@code acc} type. */
    public static INDArray partial(Op op, INDArray block, int[] axes, DataType acc) {
        long[] keep = keepShape(block.shape(), axes);
        INDArray x = op == Op.ANY || op == Op.ALL ? toInt01(block) : block.dataType() == acc ? block : block.castTo(acc);
        INDArray r;
        if (block.length() == 0) {
            double identity = op == Op.PROD || op == Op.ALL ? 1 : 0;
            return Fill.constant(x.dataType(), keep, identity);
        }
        if (axes.length == 0) {
            return Regions.copyOf(x);
        }
        r = switch (op) {
            case SUM -> x.sum(true, axes);
            case PROD -> x.prod(true, axes);
            case MIN, ALL -> x.min(true, axes);
            case MAX, ANY -> x.max(true, axes);
        };
        if (r.rank() != keep.length) {
            r = r.reshape('c', keep);
        }
        return r;
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
        for (int i = 1; i < parts.size(); i++) {
            Nd4j.exec(DynamicCustomOp.builder(name).addInputs(acc, parts.get(i)).addOutputs(acc).build());
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
            return new Moments(0, Fill.constant(DataType.DOUBLE, keep, 0), withM2 ? Fill.constant(DataType.DOUBLE, keep, 0) : null);
        }
        INDArray x = block.dataType() == DataType.DOUBLE ? block : block.castTo(DataType.DOUBLE);
        if (axes.length == 0) {
            return new Moments(1, Regions.copyOf(x), withM2 ? Fill.constant(DataType.DOUBLE, keep, 0) : null);
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

    /** Partial argmin/argmax along {@code axis} (or over the flattened block when axis < 0). */
    public static ArgPartial argPartial(INDArray block, int axis, boolean max, long[] blockOffset, long[] fullShape) {
        if (axis >= 0) {
            INDArray values = max ? block.max(true, axis) : block.min(true, axis);
            INDArray idx = max ? Nd4j.argMax(block, axis) : Nd4j.argMin(block, axis);
            INDArray indices = idx.castTo(DataType.LONG).reshape('c', values.shape()).addi(blockOffset[axis]);
            return new ArgPartial(values.castTo(DataType.DOUBLE), indices);
        }
        INDArray flat = Regions.contiguous(block).reshape('c', new long[] {block.length()});
        long local = (max ? Nd4j.argMax(flat) : Nd4j.argMin(flat)).getLong(0);
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

    /** Merges arg partials in index order; ties keep the lower index, as NumPy does. */
    public static ArgPartial merge(List<ArgPartial> parts, boolean max) {
        INDArray values = parts.get(0).values().dup();
        INDArray indices = parts.get(0).indices().dup();
        for (int i = 1; i < parts.size(); i++) {
            ArgPartial b = parts.get(i);
            INDArray better = max ? b.values().gt(values) : b.values().lt(values);
            INDArray tie = b.values().eq(values).castTo(DataType.INT).muli(b.indices().lt(indices).castTo(DataType.INT));
            INDArray take = better.castTo(DataType.INT).addi(tie).gt(0);
            Nd4j.exec(DynamicCustomOp.builder("select").addInputs(take, b.values(), values).addOutputs(values).build());
            Nd4j.exec(DynamicCustomOp.builder("select").addInputs(take, b.indices(), indices).addOutputs(indices).build());
        }
        return new ArgPartial(values, indices);
    }
}
