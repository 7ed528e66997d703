package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.BinaryOp;
import org.tessella.ndarray.kernel.BlockRuntime;
import org.tessella.ndarray.kernel.Elementwise;
import org.tessella.ndarray.kernel.UnaryOp;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;

/**
 * A lazy N-dimensional array cut into blocks: a task graph, the name of its blocks' layer, a
 * {@link ChunkGrid} and a {@link DType}. Every operation returns a new array whose graph adds one
 * layer; nothing runs until {@link #compute()} or {@link #persist()}. Names are deterministic
 * ({@code op-token}), so the same expression built twice is the same set of tasks.
 *
 * <p>Semantics follow NumPy: broadcasting, result dtypes, reduction keep-dims, negative axes.
 * This class is immutable and thread-safe.
 */
public final class ChunkedArray {
    static {
        BlockRuntime.install();
    }

    private final Graph graph;
    private final String name;
    private final ChunkGrid grid;
    private final DType dtype;

    ChunkedArray(Graph graph, String name, ChunkGrid grid, DType dtype) {
        this.graph = graph;
        this.name = name;
        this.grid = grid;
        this.dtype = dtype;
    }

    // ---------------------------------------------------------------- creation

    /**
     * An array whose blocks {@code source} makes on demand, one task per block.
     *
     * @param op     a short word naming the source (the name prefix)
     * @param token  a value whose {@code toString} identifies the content (seed, file, parameters), so
     *               equal tokens give equal names; null for a unique name
     */
    public static ChunkedArray fromBlocks(String op, Object token, long[] shape, Chunks chunks, DType dtype,
                                          BlockSource source) {
        return Creation.fromBlocks(op, token, shape, chunks, dtype, source);
    }

    /**
     * The array whose blocks are the keys {@code (name, i, j, ...)} of {@code graph}: the hook for
     * modules that build their own layers of block tasks (linalg's TSQR tree, for example) with the
     * public {@link org.tessella.scheduler.Layer} and {@link org.tessella.scheduler.Task} types.
     *
     * <p>Contract, which this method checks only structurally (the layer exists): the layer named
     * {@code name} answers every block index of {@code grid}, and its task for index {@code idx}
     * returns a C-order {@code INDArray} of shape {@code grid.blockShape(idx)} and type
     * {@code dtype}, owned by the scheduler (a fresh or pooled array; a task that may return a view
     * of an argument must be built with {@code aliasesInputs()}). {@code name} should be
     * deterministic ({@code op-token}) so equal expressions share work.
     *
     * @throws IllegalArgumentException if an argument is null or {@code graph} has no layer {@code name}
     */
    public static ChunkedArray fromGraph(Graph graph, String name, ChunkGrid grid, DType dtype) {
        requireNonNull(graph, "graph");
        requireNonNull(name, "name");
        requireNonNull(grid, "grid");
        requireNonNull(dtype, "dtype");
        if (graph.layer(name) == null) {
            throw new IllegalArgumentException("graph has no layer named " + name
                    + "; expected the layer that makes the array's blocks");
        }
        return new ChunkedArray(graph, name, grid, dtype);
    }

    /** Wraps an in-memory array, cut into {@code chunks}; blocks are views of it (no copy). */
    public static ChunkedArray fromArray(INDArray array, Chunks chunks) {
        return Creation.fromArray(array, chunks);
    }

    public static ChunkedArray zeros(long[] shape, DType dtype, Chunks chunks) {
        return Creation.full(shape, 0, dtype, chunks);
    }

    public static ChunkedArray ones(long[] shape, DType dtype, Chunks chunks) {
        return Creation.full(shape, 1, dtype, chunks);
    }

    public static ChunkedArray full(long[] shape, double value, DType dtype, Chunks chunks) {
        return Creation.full(shape, value, dtype, chunks);
    }

    /** Like NumPy's {@code empty}: contents unspecified (here zeros, which cost the same to make). */
    public static ChunkedArray empty(long[] shape, DType dtype, Chunks chunks) {
        return Creation.full(shape, 0, dtype, chunks);
    }

    /** {@code start, start + step, ...} below {@code stop}, as NumPy's {@code arange}. */
    public static ChunkedArray arange(double start, double stop, double step, DType dtype, Chunks chunks) {
        return Creation.arange(start, stop, step, dtype, chunks);
    }

    /** {@code 0, 1, ..., n - 1} as int64. */
    public static ChunkedArray arange(long n, Chunks chunks) {
        return Creation.arange(0, n, 1, DType.INT64, chunks);
    }

    /** {@code num} evenly spaced values from start to stop (inclusive), float64. */
    public static ChunkedArray linspace(double start, double stop, long num, Chunks chunks) {
        return Creation.linspace(start, stop, num, true, DType.FLOAT64, chunks);
    }

    public static ChunkedArray linspace(double start, double stop, long num, boolean endpoint, DType dtype,
                                        Chunks chunks) {
        return Creation.linspace(start, stop, num, endpoint, dtype, chunks);
    }

    /** An n x m matrix with ones on diagonal k. */
    public static ChunkedArray eye(long n, long m, long k, DType dtype, Chunks chunks) {
        return Creation.eye(n, m, k, dtype, chunks);
    }

    public static ChunkedArray eye(long n, Chunks chunks) {
        return Creation.eye(n, n, 0, DType.FLOAT64, chunks);
    }

    // ---------------------------------------------------------------- geometry

    public long[] shape() {
        return grid.shape();
    }

    public long shape(int axis) {
        return grid.shape(normalizeAxis(axis, ndim(), "axis"));
    }

    public int ndim() {
        return grid.ndim();
    }

    public long size() {
        return grid.size();
    }

    public DType dtype() {
        return dtype;
    }

    public ChunkGrid grid() {
        return grid;
    }

    /** Chunk lengths per axis. */
    public long[][] chunks() {
        return grid.chunks();
    }

    /** Number of blocks along each axis. */
    public int[] numBlocks() {
        return grid.numBlocks();
    }

    /** The name of this array's block layer ({@code op-token}). */
    public String name() {
        return name;
    }

    /** The task graph that computes this array's blocks (and everything they need). */
    public Graph graph() {
        return graph;
    }

    /** The key of block {@code index}. */
    public Key blockKey(int... index) {
        grid.checkIndex(index);
        return Key.of(name, index);
    }

    /** The keys of all blocks in C order. */
    public List<Key> blockKeys() {
        return graph.layer(name).keys();
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code this + other} (for two bool arrays: logical or, as NumPy). */
    public ChunkedArray add(ChunkedArray other) {
        return binary(BinaryOp.ADD, other);
    }

    public ChunkedArray add(double scalar) {
        return scalar(BinaryOp.ADD, scalar, false);
    }

    /** {@code this - other}; as in NumPy, two bool arrays cannot be subtracted (use {@link #ne}). */
    public ChunkedArray sub(ChunkedArray other) {
        return binary(BinaryOp.SUB, other);
    }

    public ChunkedArray sub(double scalar) {
        return scalar(BinaryOp.SUB, scalar, false);
    }

    /** {@code scalar - this}. */
    public ChunkedArray rsub(double scalar) {
        return scalar(BinaryOp.SUB, scalar, true);
    }

    /** {@code this * other} (for two bool arrays: logical and, as NumPy). */
    public ChunkedArray mul(ChunkedArray other) {
        return binary(BinaryOp.MUL, other);
    }

    public ChunkedArray mul(double scalar) {
        return scalar(BinaryOp.MUL, scalar, false);
    }

    /** True division (integers give float64), as NumPy's {@code /}. */
    public ChunkedArray div(ChunkedArray other) {
        return binary(BinaryOp.DIV, other);
    }

    public ChunkedArray div(double scalar) {
        return scalar(BinaryOp.DIV, scalar, false);
    }

    /** {@code scalar / this}. */
    public ChunkedArray rdiv(double scalar) {
        return scalar(BinaryOp.DIV, scalar, true);
    }

    /**
     * {@code this ** other} elementwise. Integer powers are exact and wrap around as NumPy's do;
     * as in NumPy, a negative exponent in an integer array is an error, raised when the block holding
     * it is computed. For two bool arrays the result is int8, as NumPy's.
     */
    public ChunkedArray pow(ChunkedArray other) {
        return binary(BinaryOp.POW, other);
    }

    public ChunkedArray pow(double exponent) {
        return scalar(BinaryOp.POW, exponent, false);
    }

    /** Elementwise maximum (NumPy's {@code maximum}). */
    public ChunkedArray maximum(ChunkedArray other) {
        return binary(BinaryOp.MAXIMUM, other);
    }

    public ChunkedArray maximum(double scalar) {
        return scalar(BinaryOp.MAXIMUM, scalar, false);
    }

    public ChunkedArray minimum(ChunkedArray other) {
        return binary(BinaryOp.MINIMUM, other);
    }

    public ChunkedArray minimum(double scalar) {
        return scalar(BinaryOp.MINIMUM, scalar, false);
    }

    public ChunkedArray lt(ChunkedArray other) {
        return binary(BinaryOp.LT, other);
    }

    public ChunkedArray lt(double scalar) {
        return scalar(BinaryOp.LT, scalar, false);
    }

    public ChunkedArray le(ChunkedArray other) {
        return binary(BinaryOp.LE, other);
    }

    public ChunkedArray le(double scalar) {
        return scalar(BinaryOp.LE, scalar, false);
    }

    public ChunkedArray gt(ChunkedArray other) {
        return binary(BinaryOp.GT, other);
    }

    public ChunkedArray gt(double scalar) {
        return scalar(BinaryOp.GT, scalar, false);
    }

    public ChunkedArray ge(ChunkedArray other) {
        return binary(BinaryOp.GE, other);
    }

    public ChunkedArray ge(double scalar) {
        return scalar(BinaryOp.GE, scalar, false);
    }

    public ChunkedArray eq(ChunkedArray other) {
        return binary(BinaryOp.EQ, other);
    }

    public ChunkedArray eq(double scalar) {
        return scalar(BinaryOp.EQ, scalar, false);
    }

    public ChunkedArray ne(ChunkedArray other) {
        return binary(BinaryOp.NE, other);
    }

    public ChunkedArray ne(double scalar) {
        return scalar(BinaryOp.NE, scalar, false);
    }

    /** {@code -this}; as in NumPy, a bool array cannot be negated (use {@code eq(0)}). */
    public ChunkedArray neg() {
        return unary(UnaryOp.NEG);
    }

    public ChunkedArray abs() {
        return unary(UnaryOp.ABS);
    }

    public ChunkedArray exp() {
        return unary(UnaryOp.EXP);
    }

    public ChunkedArray log() {
        return unary(UnaryOp.LOG);
    }

    public ChunkedArray sqrt() {
        return unary(UnaryOp.SQRT);
    }

    public ChunkedArray sin() {
        return unary(UnaryOp.SIN);
    }

    public ChunkedArray cos() {
        return unary(UnaryOp.COS);
    }

    public ChunkedArray tanh() {
        return unary(UnaryOp.TANH);
    }

    /**
     * Limits values to {@code [min, max]} (NumPy's {@code clip}); the dtype follows
     * {@code maximum}/{@code minimum} with these scalars. Whole-number bounds beyond an integer
     * array's range clip nothing on that side.
     */
    public ChunkedArray clip(double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clip bounds are invalid: min=" + min + ", max=" + max
                    + "; expected min <= max, neither NaN");
        }
        // whole-number bounds beyond an integer dtype's range clip nothing there: use the range's ends
        // (rather than failing as maximum/minimum with an out-of-range scalar do)
        if (dtype.isInteger()) {
            min = isWhole(min) ? Math.max(min, dtype.integerLimit(false)) : min;
            max = isWhole(max) ? Math.min(max, dtype.integerLimit(true)) : max;
            min = isWhole(min) ? Math.min(min, dtype.integerLimit(true)) : min;
            max = isWhole(max) ? Math.max(max, dtype.integerLimit(false)) : max;
        }
        return maximum(min).minimum(max);
    }

    /** {@code cond ? x : y} elementwise, broadcasting all three (NumPy's {@code where}). */
    public static ChunkedArray where(ChunkedArray cond, ChunkedArray x, ChunkedArray y) {
        requireNonNull(cond, "cond");
        requireNonNull(x, "x");
        requireNonNull(y, "y");
        DType out = DType.promote(x.dtype, y.dtype);
        DataType compute = out.nd4j();
        return Blockwise.apply("where", null, out, List.of(cond, x, y),
                (b, o) -> Elementwise.where(b[0], b[1], b[2], compute, o));
    }

    /** A copy with elements converted to {@code dtype}, as NumPy's {@code astype}. */
    public ChunkedArray astype(DType target) {
        requireNonNull(target, "dtype");
        if (target == dtype) {
            return this;
        }
        return Blockwise.apply("astype", null, target, List.of(this), (b, o) -> Elementwise.cast(b[0], o));
    }

    private ChunkedArray binary(BinaryOp op, ChunkedArray other) {
        requireNonNull(other, "other");
        DType promoted = DType.promote(dtype, other.dtype);
        if (promoted == DType.BOOL && op == BinaryOp.SUB) {
            throw new IllegalArgumentException("other has dtype bool, as this array: " + other
                    + "; expected a numeric operand (NumPy does not subtract booleans): use ne(other) for"
                    + " logical xor, or astype(...) first");
        }
        DType compute = computeType(op, promoted);
        // NumPy's bool loops: bool + bool is logical or, bool * bool logical and; computed on 0/1
        // integers, whose non-zero results become true when cast to bool
        boolean logical = promoted == DType.BOOL && (op == BinaryOp.ADD || op == BinaryOp.MUL);
        DType out = op.isComparison() || logical ? DType.BOOL : compute;
        DataType c = compute.nd4j();
        return Blockwise.apply(op.name().toLowerCase(), null, out, List.of(this, other),
                (b, o) -> Elementwise.binary(op, b[0], b[1], c, o));
    }

    /** A finite whole number: what NumPy would see as a Python int. */
    private static boolean isWhole(double v) {
        return Double.isFinite(v) && v == Math.rint(v);
    }

    private ChunkedArray scalar(BinaryOp op, double value, boolean left) {
        boolean isFloat = !isWhole(value);
        DType promoted = DType.promoteWithScalar(dtype, isFloat);
        if (op == BinaryOp.POW && !left && !isFloat && value < 0 && promoted.isInteger()) {
            throw new IllegalArgumentException("exponent is a negative integer: " + value + " for an array of "
                    + promoted.numpyName() + "; expected a non-negative exponent (NumPy does not raise integers to"
                    + " negative integer powers): use astype(DType.FLOAT64) first, or a fractional exponent");
        }
        if (!isFloat && !promoted.holdsInteger(value)) {
            if (!op.isComparison()) {
                // cast to the array's integer type it would silently wrap (uint8 + 300 == uint8 + 44)
                throw new IllegalArgumentException("scalar is out of range for " + promoted.numpyName() + ": " + value
                        + "; expected a whole number within " + promoted.integerRange() + " (NumPy 2 raises OverflowError too):"
                        + " use astype(...) first, or a fractional scalar for float64");
            }
            promoted = DType.FLOAT64; // NumPy 2 compares out-of-range Python integers exactly
        }
        DType compute = computeType(op, promoted);
        DType out = op.isComparison() ? DType.BOOL : compute;
        DataType c = compute.nd4j();
        INDArray s = Elementwise.scalar(c, value);
        return Blockwise.apply(op.name().toLowerCase() + (left ? "-left" : "-scalar"), value, out, List.of(this),
                (b, o) -> left ? Elementwise.binary(op, s, b[0], c, o) : Elementwise.binary(op, b[0], s, c, o));
    }

    private static DType computeType(BinaryOp op, DType promoted) {
        if (op == BinaryOp.DIV) {
            return promoted.isFloating() ? promoted : DType.FLOAT64;
        }
        if (promoted == DType.BOOL && op == BinaryOp.POW) {
            return DType.INT8; // NumPy has no bool power loop: bool ** bool takes its int8 loop
        }
        if (promoted == DType.BOOL && !op.isComparison() && op != BinaryOp.MAXIMUM && op != BinaryOp.MINIMUM) {
            return DType.INT64;
        }
        return promoted;
    }

    private ChunkedArray unary(UnaryOp op) {
        if (dtype == DType.BOOL && op == UnaryOp.NEG) {
            throw new IllegalArgumentException("array has dtype bool: " + this + "; expected a numeric array"
                    + " (NumPy does not negate booleans): use eq(0) for logical not, or astype(...) first");
        }
        DType out = op.isFloating() ? dtype.toFloating() : dtype;
        DataType c = out.nd4j();
        return Blockwise.apply(op.name().toLowerCase(), null, out, List.of(this), (b, o) -> Elementwise.unary(op, b[0], c, o));
    }

    // ---------------------------------------------------------------- structure

    /** The same values cut into other chunks. */
    public ChunkedArray rechunk(Chunks chunks) {
        requireNonNull(chunks, "chunks");
        return Rechunk.rechunk(this, chunks.resolve(grid.shape(), dtype));
    }

    /** The axes in reverse order, as NumPy's {@code x.T}; chunks reverse with them. */
    public ChunkedArray transpose() {
        int[] perm = new int[ndim()];
        for (int a = 0; a < perm.length; a++) {
            perm[a] = perm.length - 1 - a;
        }
        return Transpose.permute(this, perm);
    }

    /**
     * The axes permuted: axis i of the result is axis {@code axes[i]} of this array (negative axes
     * count from the end), as NumPy's {@code transpose(axes)}. Blocks are views of the input blocks.
     *
     * @throws IllegalArgumentException if {@code axes} is not a permutation of the axes
     */
    public ChunkedArray transpose(int... axes) {
        return Transpose.permute(this, Transpose.checkPermutation(axes, ndim()));
    }

    /** Interchanges two axes (negative axes count from the end), as NumPy's {@code swapaxes}. */
    public ChunkedArray swapaxes(int axis1, int axis2) {
        int a = normalizeAxis(axis1, ndim(), "axis1");
        int b = normalizeAxis(axis2, ndim(), "axis2");
        int[] perm = new int[ndim()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return Transpose.permute(this, perm);
    }

    /**
     * Basic NumPy indexing, {@code x[s0, s1, ...]}: one {@link Slice} per leading axis (the other
     * axes are taken whole); {@link Slice#index} drops its axis. Each output block is the part of one
     * input block that the index keeps (blocks it skips are dropped, and a negative step reverses
     * their order), so computing a slice reads only the blocks it touches. Positive steps give views
     * of the input blocks; negative steps copy.
     *
     * @throws IllegalArgumentException if there are more slices than axes, or an index is out of range
     */
    public ChunkedArray get(Slice... slices) {
        return Slicing.get(this, slices);
    }

    /**
     * Joins arrays along an existing axis, as NumPy's {@code concatenate}. Extents must match on
     * every other axis; the result has the promoted dtype, the common refinement of the inputs'
     * chunks on the other axes, and the inputs' own blocks along {@code axis} (no copy).
     *
     * @throws IllegalArgumentException if the list is empty, ranks differ, or shapes do not match
     */
    public static ChunkedArray concatenate(List<ChunkedArray> arrays, int axis) {
        return Concatenate.concatenate(arrays, axis);
    }

    /**
     * Joins arrays of one shape along a new axis at position {@code axis} (from {@code -(ndim+1)} to
     * {@code ndim}), as NumPy's {@code stack}; each input is one chunk along the new axis.
     *
     * @throws IllegalArgumentException if the list is empty or the shapes differ
     */
    public static ChunkedArray stack(List<ChunkedArray> arrays, int axis) {
        return Concatenate.stack(arrays, axis);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (0-d). */
    public ChunkedArray sum() {
        return reduce(Reductions.Kind.SUM, null, false, 0);
    }

    /** Sum over {@code axes} (negative axes count from the end). */
    public ChunkedArray sum(int[] axes, boolean keepDims) {
        return reduce(Reductions.Kind.SUM, axes, keepDims, 0);
    }

    public ChunkedArray prod() {
        return reduce(Reductions.Kind.PROD, null, false, 0);
    }

    public ChunkedArray prod(int[] axes, boolean keepDims) {
        return reduce(Reductions.Kind.PROD, axes, keepDims, 0);
    }

    public ChunkedArray min() {
        return reduce(Reductions.Kind.MIN, null, false, 0);
    }

    public ChunkedArray min(int[] axes, boolean keepDims) {
        return reduce(Reductions.Kind.MIN, axes, keepDims, 0);
    }

    public ChunkedArray max() {
        return reduce(Reductions.Kind.MAX, null, false, 0);
    }

    public ChunkedArray max(int[] axes, boolean keepDims) {
        return reduce(Reductions.Kind.MAX, axes, keepDims, 0);
    }

    public ChunkedArray any() {
        return reduce(Reductions.Kind.ANY, null, false, 0);
    }

    public ChunkedArray any(int[] axes, boolean keepDims) {
        return reduce(Reductions.Kind.ANY, axes, keepDims, 0);
    }

    public ChunkedArray all() {
        return reduce(Reductions.Kind.ALL, null, false, 0);
    }

    public ChunkedArray all(int[] axes, boolean keepDims) {
        return reduce(Reductions.Kind.ALL, axes, keepDims, 0);
    }

    public ChunkedArray mean() {
        return reduce(Reductions.Kind.MEAN, null, false, 0);
    }

    public ChunkedArray mean(int[] axes, boolean keepDims) {
        return reduce(Reductions.Kind.MEAN, axes, keepDims, 0);
    }

    /** Population variance (ddof 0) of all elements. */
    public ChunkedArray var() {
        return reduce(Reductions.Kind.VAR, null, false, 0);
    }

    /** Variance with {@code ddof} delta degrees of freedom (divides by n - ddof). */
    public ChunkedArray var(int[] axes, boolean keepDims, int ddof) {
        return reduce(Reductions.Kind.VAR, axes, keepDims, ddof);
    }

    public ChunkedArray std() {
        return reduce(Reductions.Kind.STD, null, false, 0);
    }

    public ChunkedArray std(int[] axes, boolean keepDims, int ddof) {
        return reduce(Reductions.Kind.STD, axes, keepDims, ddof);
    }

    /** Index of the maximum of the flattened array (C order), int64. */
    public ChunkedArray argmax() {
        return argReduce(Reductions.Kind.ARGMAX, null, false);
    }

    /** Indices of the maxima along {@code axis}; ties give the first, as NumPy. */
    public ChunkedArray argmax(int axis, boolean keepDims) {
        return argReduce(Reductions.Kind.ARGMAX, axis, keepDims);
    }

    public ChunkedArray argmin() {
        return argReduce(Reductions.Kind.ARGMIN, null, false);
    }

    public ChunkedArray argmin(int axis, boolean keepDims) {
        return argReduce(Reductions.Kind.ARGMIN, axis, keepDims);
    }

    private ChunkedArray reduce(Reductions.Kind kind, int[] axes, boolean keepDims, int ddof) {
        if (ddof < 0) {
            throw new IllegalArgumentException("ddof is negative: " + ddof + "; expected ddof >= 0");
        }
        int[] norm = axes == null ? allAxes() : normalizeAxes(axes, ndim());
        return Reductions.reduce(this, kind, norm, keepDims, ddof, Reductions.DEFAULT_SPLIT_EVERY);
    }

    private ChunkedArray argReduce(Reductions.Kind kind, Integer axis, boolean keepDims) {
        int[] axes = axis == null ? new int[0] : new int[] {normalizeAxis(axis, ndim(), "axis")};
        if (ndim() == 0 && axis == null) {
            axes = new int[0];
        }
        return Reductions.reduce(this, kind, axes, keepDims, 0, Reductions.DEFAULT_SPLIT_EVERY);
    }

    private int[] allAxes() {
        int[] a = new int[ndim()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    // ---------------------------------------------------------------- products

    /**
     * NumPy's {@code tensordot(a, b, axes=(axesA, axesB))}: sums the products of a and b over the
     * paired axes {@code axesA[i]} of a and {@code axesB[i]} of b. The result's axes are a's
     * remaining axes, then b's, with their chunks; the dtype is the promotion of both dtypes.
     * Contracted axes whose chunks differ are rechunked to the common refinement of both chunkings.
     * Each output block sums one block product per contracted block through a tree (at most 8 at a
     * time), so no task reads a whole contracted axis. Integer and bool products are computed in
     * float64 and cast back: exact while partial sums stay below 2^53 in magnitude.
     *
     * @param axesA axes of a (negative count from the end), distinct
     * @param axesB axes of b, as many as {@code axesA}, with the same extents pairwise
     * @throws IllegalArgumentException if an axis is out of range or repeated, the lists differ in
     *                                  length, or paired extents differ
     */
    public static ChunkedArray tensordot(ChunkedArray a, ChunkedArray b, int[] axesA, int[] axesB) {
        return Products.tensordot(a, b, axesA, axesB);
    }

    /**
     * NumPy's {@code tensordot(a, b, axes=n)}: contracts the last {@code n} axes of a with the first
     * {@code n} axes of b ({@code n = 0} gives the outer product).
     *
     * @throws IllegalArgumentException unless {@code 0 <= n <= min(a.ndim(), b.ndim())} and the
     *                                  paired extents are equal
     */
    public static ChunkedArray tensordot(ChunkedArray a, ChunkedArray b, int n) {
        return Products.tensordot(a, b, n);
    }

    /**
     * NumPy's {@code dot}: for 1-D and 2-D operands the inner product (0-d result), matrix-vector,
     * vector-matrix and matrix-matrix products; in general the sum over the last axis of this array
     * and the only (1-D) or second-to-last axis of {@code other}; a 0-d operand multiplies
     * elementwise.
     */
    public ChunkedArray dot(ChunkedArray other) {
        return Products.dot(this, other);
    }

    /**
     * NumPy's {@code matmul} ({@code @}) for 1-D and 2-D operands: 1-D @ 1-D gives a 0-d inner
     * product, 2-D @ 1-D and 1-D @ 2-D give 1-D, 2-D @ 2-D gives 2-D.
     *
     * @throws IllegalArgumentException for 0-d operands (NumPy rejects them too) and, for now, for
     *                                  operands with more than 2 dimensions (stacked matrices; use
     *                                  {@link #tensordot})
     */
    public ChunkedArray matmul(ChunkedArray other) {
        return Products.matmul(this, other);
    }

    // ---------------------------------------------------------------- evaluation

    /** Computes the whole array with the default scheduler. */
    public INDArray compute() {
        return compute(Schedulers.get());
    }

    public INDArray compute(Scheduler scheduler) {
        requireNonNull(scheduler, "scheduler");
        return Evaluation.compute(scheduler, List.of(this)).get(0);
    }

    /** Computes several arrays in one graph: work they share runs once. */
    public static List<INDArray> compute(ChunkedArray... arrays) {
        requireNonNull(arrays, "arrays");
        return compute(Schedulers.get(), arrays);
    }

    public static List<INDArray> compute(Scheduler scheduler, ChunkedArray... arrays) {
        requireNonNull(scheduler, "scheduler");
        requireNonNull(arrays, "arrays");
        List<ChunkedArray> list = new ArrayList<>(arrays.length);
        for (int i = 0; i < arrays.length; i++) {
            list.add(requireNonNull(arrays[i], "arrays[" + i + "]"));
        }
        return Evaluation.compute(scheduler, list);
    }

    /** Computes every block and returns an array backed by the blocks in memory. */
    public ChunkedArray persist() {
        return persist(Schedulers.get());
    }

    public ChunkedArray persist(Scheduler scheduler) {
        requireNonNull(scheduler, "scheduler");
        return Evaluation.persist(scheduler, this);
    }

    // ---------------------------------------------------------------- helpers

    /** Normalizes a possibly negative axis, or throws naming {@code what}. */
    static int normalizeAxis(int axis, int ndim, String what) {
        if (axis < -ndim || axis >= ndim) {
            throw new IllegalArgumentException(what + " is out of range: " + axis + "; expected -" + ndim + " <= "
                    + what + " < " + ndim + " for an array of " + ndim + " dimensions");
        }
        return axis < 0 ? axis + ndim : axis;
    }

    static int[] normalizeAxes(int[] axes, int ndim) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = normalizeAxis(axes[i], ndim, "axis");
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException("axes has a repeated axis: " + Arrays.toString(axes)
                        + "; expected distinct axes");
            }
        }
        return out;
    }

    static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null; expected a value");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ChunkedArray(" + name + ", shape=" + Arrays.toString(grid.shape()) + ", dtype=" + dtype.numpyName()
                + ", chunks=" + Arrays.deepToString(grid.chunks()) + ")";
    }
}
