package org.tessella.ndarray;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense reference array in plain Java (values as doubles in C order, NumPy semantics), so the
 * expected results of the tests do not go through the ND4J kernels under test. Integer results
 * wrap as NumPy's fixed-width integers do; float-to-integer conversion truncates toward zero.
 * Values used in the tests are small integers or doubles, so doubles represent every dtype exactly.
 */
final class Ref {
    final long[] shape;
    final double[] v;
    final DType dtype;

    Ref(long[] shape, double[] v, DType dtype) {
        if (v.length != size(shape)) {
            throw new IllegalArgumentException("values has length " + v.length + "; expected " + size(shape));
        }
        this.shape = shape.clone();
        this.v = v;
        this.dtype = dtype;
    }

    static long size(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    int ndim() {
        return shape.length;
    }

    /**
     * Seeded values: floats uniform in [-3, 3), signed integers in [-50, 50], unsigned in
     * [0, 100], bools fair coins.
     */
    static Ref random(long[] shape, DType dtype, long seed) {
        Random r = new Random(seed);
        double[] v = new double[(int) size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (dtype) {
                case FLOAT64 -> r.nextDouble() * 6 - 3;
                case FLOAT32 -> (float) (r.nextDouble() * 6 - 3);
                case INT64, INT32, INT16, INT8 -> r.nextInt(101) - 50;
                case UINT8, UINT16, UINT32 -> r.nextInt(101);
                case BOOL -> r.nextBoolean() ? 1 : 0;
            };
        }
        return new Ref(shape, v, dtype);
    }

    static Ref filled(long[] shape, DType dtype, ToDoubleFunction<long[]> f) {
        double[] v = new double[(int) size(shape)];
        long[] idx = new long[shape.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = convert(f.applyAsDouble(idx), dtype);
            increment(idx, shape);
        }
        return new Ref(shape, v, dtype);
    }

    /** NumPy's {@code astype} of one value (values in range; NaN to bool is true). */
    static double convert(double x, DType t) {
        return switch (t) {
            case FLOAT64 -> x;
            case FLOAT32 -> (float) x;
            case BOOL -> x != 0 ? 1 : 0;
            case INT64 -> (long) x;
            case INT32 -> (int) (long) x;
            case INT16 -> (short) (long) x;
            case INT8 -> (byte) (long) x;
            case UINT32 -> (long) x & 0xFFFF_FFFFL;
            case UINT16 -> (long) x & 0xFFFF;
            case UINT8 -> (long) x & 0xFF;
        };
    }

    Ref astype(DType t) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = convert(v[i], t);
        }
        return new Ref(shape, out, t);
    }

    /** The values as an ND4J array of this dtype (fresh, C order). */
    INDArray nd() {
        if (v.length == 0) {
            return Nd4j.create(dtype.nd4j(), shape);
        }
        INDArray d = shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v.clone(), shape, DataType.DOUBLE);
        return dtype == DType.FLOAT64 ? d : d.castTo(dtype.nd4j());
    }

    /** A Tessella array over these values: {@code fromArray}, or a {@code fromBlocks} source copying blocks. */
    ChunkedArray chunked(Chunks chunks, boolean viaSource) {
        if (!viaSource) {
            return ChunkedArray.fromArray(nd(), chunks);
        }
        return ChunkedArray.fromBlocks("ref", null, shape, chunks, dtype, this::block);
    }

    /** Block {@code info} of this array, allocated with {@link Blocks#allocate}. */
    INDArray block(BlockInfo info) {
        long[] bs = info.shape();
        long[] off = info.offset();
        INDArray out = Blocks.allocate(dtype, bs);
        int n = (int) size(bs);
        if (n == 0) {
            return out;
        }
        double[] vals = new double[n];
        long[] idx = new long[bs.length];
        long[] g = new long[bs.length];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < bs.length; a++) {
                g[a] = off[a] + idx[a];
            }
            vals[i] = v[(int) flat(g, shape)];
            increment(idx, bs);
        }
        INDArray d = bs.length == 0 ? Nd4j.scalar(vals[0]) : Nd4j.create(vals, bs, DataType.DOUBLE);
        out.assign(d);
        return out;
    }

    static long flat(long[] idx, long[] shape) {
        long f = 0;
        for (int a = 0; a < shape.length; a++) {
            f = f * shape[a] + idx[a];
        }
        return f;
    }

    static void increment(long[] idx, long[] shape) {
        for (int a = idx.length - 1; a >= 0; a--) {
            if (++idx[a] < shape[a]) {
                return;
            }
            idx[a] = 0;
        }
    }

    // ------------------------------------------------------------------ elementwise

    Ref map(DoubleUnaryOperator f, DType compute, DType out) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = convert(f.applyAsDouble(convert(v[i], compute)), out);
        }
        return new Ref(shape, r, out);
    }

    static long[] broadcastShape(long[]... shapes) {
        int rank = 0;
        for (long[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        for (long[] s : shapes) {
            for (int a = 0; a < s.length; a++) {
                int o = rank - s.length + a;
                if (s[a] != 1) {
                    if (out[o] != 1 && out[o] != s[a]) {
                        throw new IllegalArgumentException("not broadcastable: " + Arrays.deepToString(shapes));
                    }
                    out[o] = s[a];
                }
            }
        }
        return out;
    }

    /** The value of this array at output index {@code idx} of a broadcast of rank {@code idx.length}. */
    double at(long[] idx) {
        long f = 0;
        int off = idx.length - shape.length;
        for (int a = 0; a < shape.length; a++) {
            f = f * shape[a] + (shape[a] == 1 ? 0 : idx[off + a]);
        }
        return v[(int) f];
    }

    /** {@code f(a, b)} with broadcasting, both converted to {@code compute} first, the result to {@code out}. */
    static Ref zip(Ref a, Ref b, DoubleBinaryOperator f, DType compute, DType out) {
        long[] s = broadcastShape(a.shape, b.shape);
        double[] r = new double[(int) size(s)];
        long[] idx = new long[s.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = convert(f.applyAsDouble(convert(a.at(idx), compute), convert(b.at(idx), compute)), out);
            increment(idx, s);
        }
        return new Ref(s, r, out);
    }

    static Ref where(Ref c, Ref x, Ref y, DType out) {
        long[] s = broadcastShape(c.shape, x.shape, y.shape);
        double[] r = new double[(int) size(s)];
        long[] idx = new long[s.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = convert(c.at(idx) != 0 ? x.at(idx) : y.at(idx), out);
            increment(idx, s);
        }
        return new Ref(s, r, out);
    }

    // ------------------------------------------------------------------ reductions

    /** Reduces over sorted distinct {@code axes}: {@code f} sees each group's values in C order. */
    Ref reduce(int[] axes, boolean keepDims, ToDoubleFunction<double[]> f, DType out) {
        boolean[] red = new boolean[shape.length];
        for (int a : axes) {
            red[a] = true;
        }
        long[] keep = shape.clone();
        long groupSize = 1;
        for (int a : axes) {
            keep[a] = 1;
            groupSize *= shape[a];
        }
        long[] outShape = keepDims ? keep : dropAxes(shape, red);
        long nOut = size(keep);
        double[] r = new double[(int) nOut];
        long[] oi = new long[shape.length];
        long[] gShape = new long[shape.length];
        for (int a = 0; a < shape.length; a++) {
            gShape[a] = red[a] ? shape[a] : 1;
        }
        for (int o = 0; o < nOut; o++) {
            double[] group = new double[(int) groupSize];
            long[] gi = new long[shape.length];
            long[] full = new long[shape.length];
            for (int k = 0; k < groupSize; k++) {
                for (int a = 0; a < shape.length; a++) {
                    full[a] = red[a] ? gi[a] : oi[a];
                }
                group[k] = v[(int) flat(full, shape)];
                increment(gi, gShape);
            }
            r[o] = convert(f.applyAsDouble(group), out);
            increment(oi, keep);
        }
        return new Ref(outShape, r, out);
    }

    static long[] dropAxes(long[] shape, boolean[] red) {
        int n = 0;
        for (boolean b : red) {
            n += b ? 0 : 1;
        }
        long[] s = new long[n];
        int j = 0;
        for (int a = 0; a < shape.length; a++) {
            if (!red[a]) {
                s[j++] = shape[a];
            }
        }
        return s;
    }

    static double sum(double[] g) {
        double s = 0;
        for (double x : g) {
            s += x;
        }
        return s;
    }

    static double prod(double[] g) {
        double s = 1;
        for (double x : g) {
            s *= x;
        }
        return s;
    }

    static double mean(double[] g) {
        return g.length == 0 ? Double.NaN : sum(g) / g.length;
    }

    /** Two-pass variance, as NumPy computes it. */
    static double var(double[] g, int ddof) {
        double m = mean(g);
        double s = 0;
        for (double x : g) {
            s += (x - m) * (x - m);
        }
        return s / Math.max(g.length - ddof, 0);
    }

    static double min(double[] g) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : g) {
            m = Math.min(m, x);
        }
        return m;
    }

    static double max(double[] g) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : g) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** NumPy's argmax: the first maximum; a NaN counts as the maximum (the first NaN wins). */
    static double argmax(double[] g) {
        int best = 0;
        for (int i = 0; i < g.length; i++) {
            if (Double.isNaN(g[i])) {
                return i;
            }
            if (g[i] > g[best]) {
                best = i;
            }
        }
        return best;
    }

    /** NumPy's argmin: the first minimum; a NaN counts as the minimum (the first NaN wins). */
    static double argmin(double[] g) {
        int best = 0;
        for (int i = 0; i < g.length; i++) {
            if (Double.isNaN(g[i])) {
                return i;
            }
            if (g[i] < g[best]) {
                best = i;
            }
        }
        return best;
    }

    static double any(double[] g) {
        for (double x : g) {
            if (x != 0) {
                return 1;
            }
        }
        return 0;
    }

    static double all(double[] g) {
        for (double x : g) {
            if (x == 0) {
                return 0;
            }
        }
        return 1;
    }

    @Override
    public String toString() {
        return "Ref(" + Arrays.toString(shape) + ", " + dtype.numpyName() + ")";
    }
}
