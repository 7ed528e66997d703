package org.tessella.ndarray.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Elementwise block kernels. Each writes into a caller-supplied output block ({@code out}), which
 * may be one of the inputs (in-place) when the scheduler donated it; inputs of lower rank or with
 * length-1 axes broadcast as in NumPy. Inputs whose type differs from the computation type are
 * cast first.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** {@code out = x op y}; {@code compute} is the type the operation runs in. */
    public static INDArray binary(BinaryOp op, INDArray x, INDArray y, DataType compute, INDArray out) {
        INDArray a = prepare(x, compute, out.rank());
        INDArray b = prepare(y, compute, out.rank());
        INDArray target = op.isComparison() || out.dataType() == compute ? out
                : BlockPool.allocate(compute, out.shape());
        Nd4j.exec(DynamicCustomOp.builder(op.nd4jName).addInputs(a, b).addOutputs(target).build());
        return finish(target, out);
    }

    /** {@code out = f(x)}. */
    public static INDArray unary(UnaryOp op, INDArray x, DataType compute, INDArray out) {
        INDArray a = prepare(x, compute, out.rank());
        INDArray target = out.dataType() == compute ? out : BlockPool.allocate(compute, out.shape());
        switch (op) {
            case NEG -> Nd4j.exec(new Negative(a, target));
            case ABS -> Nd4j.exec(new Abs(a, target));
            case EXP -> Nd4j.exec(new Exp(a, target));
            case LOG -> Nd4j.exec(new Log(a, target));
            case SQRT -> Nd4j.exec(new Sqrt(a, target));
            case SIN -> Nd4j.exec(new Sin(a, target));
            case COS -> Nd4j.exec(new Cos(a, target));
            case TANH -> Nd4j.exec(new Tanh(a, target));
            default -> throw new IllegalArgumentException("op is not supported: " + op);
        }
        return finish(target, out);
    }

    /** {@code out = cond ? x : y}, broadcasting all three. */
    public static INDArray where(INDArray cond, INDArray x, INDArray y, DataType compute, INDArray out) {
        long[] shape = out.shape();
        INDArray c = broadcastTo(prepare(cond, DataType.BOOL, out.rank()), shape);
        INDArray a = broadcastTo(prepare(x, compute, out.rank()), shape);
        INDArray b = broadcastTo(prepare(y, compute, out.rank()), shape);
        INDArray target = out.dataType() == compute ? out : BlockPool.allocate(compute, shape);
        Nd4j.exec(DynamicCustomOp.builder("select").addInputs(c, a, b).addOutputs(target).build());
        return finish(target, out);
    }

    /** Copies {@code x} into {@code out}, converting the type (astype). */
    public static INDArray cast(INDArray x, INDArray out) {
        out.assign(x);
        return out;
    }

    /** A 0-d array holding {@code value} as {@code type}. */
    public static INDArray scalar(DataType type, double value) {
        return Nd4j.scalar(DataType.DOUBLE, value).castTo(type);
    }

    private static INDArray finish(INDArray target, INDArray out) {
        if (target != out) {
            out.assign(target);
            BlockPool.release(target);
        }
        return out;
    }

    private static INDArray prepare(INDArray x, DataType compute, int rank) {
        INDArray a = x.dataType() == compute ? x : x.castTo(compute);
        if (a.rank() < rank) {
            long[] s = new long[rank];
            long[] xs = a.shape();
            java.util.Arrays.fill(s, 1);
            System.arraycopy(xs, 0, s, rank - xs.length, xs.length);
            a = Regions.contiguous(a).reshape('c', s);
        }
        return a;
    }

    private static INDArray broadcastTo(INDArray a, long[] shape) {
        return java.util.Arrays.equals(a.shape(), shape) ? a : a.broadcast(shape);
    }
}
