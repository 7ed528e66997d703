package org.tessella.ndarray.kernel;

import java.nio.LongBuffer;
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
        if (op == BinaryOp.POW && compute.isIntType()) {
            integerPow(a, b, target);
            return finish(target, out);
        }
        boolean nan = (op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM) && compute.isFPType()
                && (Reduce.mayHaveNaN(a) || Reduce.mayHaveNaN(b));
        INDArray mask = nan ? nanMask(a, b, target.shape()) : null; // before target (maybe a or b) is written
        Nd4j.exec(DynamicCustomOp.builder(op.nd4jName).addInputs(a, b).addOutputs(target).build());
        if (mask != null) {
            // ND4J's maximum/minimum return the second operand when the first is NaN; NumPy
            // propagates NaN from either side
            INDArray nans = Fill.constant(compute, target.shape(), Double.NaN);
            Nd4j.exec(DynamicCustomOp.builder("select").addInputs(mask, nans, target).addOutputs(target).build());
            BlockPool.release(nans);
        }
        return finish(target, out);
    }

    /**
     * {@code target = a ** b} for integer arrays (of target's type, broadcasting to its shape), exact
     * with NumPy's wrap-around. ND4J's {@code Pow} goes through float32 for integer types:
     * {@code 16777217 ** 1} gives 16777216 for INT, UINT32 and LONG, {@code 4294967295 ** 1} gives 0
     * for UINT32, and {@code 3 ** 20} in UBYTE gives 0 where NumPy's uint8 gives 145. Here the
     * operands are widened to int64 (sign- or zero-extended, so they keep their values), raised by
     * repeated squaring in Java longs (whose products wrap modulo 2^64), and cast back; casting keeps
     * the low bits, and a value modulo 2^64 is the same modulo 2^n for every narrower type, so the
     * result is the n-bit type's own wrap-around, as NumPy's integer power loops compute it.
     *
     * @throws IllegalArgumentException if an exponent is negative (NumPy raises ValueError)
     */
    private static void integerPow(INDArray a, INDArray b, INDArray target) {
        if (target.length() == 0) {
            return;
        }
        long[] shape = target.shape();
        INDArray base = widened(a, shape);
        INDArray exps = b.length() == 1 ? null : widened(b, shape); // a scalar exponent is not spread out
        long scalarExp = exps == null ? b.getLong(0) : 0; // getLong reads UINT32 zero-extended
        LongBuffer x = base.data().asNioLong();
        LongBuffer e = exps == null ? null : exps.data().asNioLong();
        for (int i = 0, n = (int) base.length(); i < n; i++) {
            long k = e == null ? scalarExp : e.get(i);
            if (k < 0) {
                throw new IllegalArgumentException("exponent is a negative integer: " + k + " (element " + i
                        + " of the block); expected exponents >= 0 for integer arrays (NumPy raises ValueError:"
                        + " integers to negative integer powers are not allowed): use astype(FLOAT64) first");
            }
            long v = x.get(i);
            long r = 1;
            while (k != 0) {
                if ((k & 1) != 0) {
                    r *= v;
                }
                v *= v;
                k >>>= 1;
            }
            x.put(i, r);
        }
        target.assign(base);
        BlockPool.release(base);
        if (exps != null) {
            BlockPool.release(exps);
        }
    }

    /** {@code x} broadcast to {@code shape} as a pooled int64 block in C order, read through NIO. */
    private static INDArray widened(INDArray x, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE / Long.BYTES) {
            throw new IllegalArgumentException("block is too large for an integer power: " + n
                    + " elements; expected at most 2^28 (it is widened to int64 and read through NIO): use smaller chunks");
        }
        INDArray wide = BlockPool.allocate(DataType.LONG, shape);
        wide.assign(broadcastTo(x, shape));
        return wide;
    }

    /** Bool mask of {@code shape}: true where {@code a} or {@code b} (broadcast) is NaN. */
    private static INDArray nanMask(INDArray a, INDArray b, long[] shape) {
        INDArray any = Nd4j.create(DataType.INT, shape);
        Nd4j.exec(DynamicCustomOp.builder("add").addInputs(a.neq(a).castTo(DataType.INT), b.neq(b).castTo(DataType.INT))
                .addOutputs(any).build());
        return any.gt(0);
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
