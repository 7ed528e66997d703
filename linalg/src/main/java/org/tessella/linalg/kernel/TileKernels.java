package org.tessella.linalg.kernel;

import static org.tessella.linalg.kernel.Precision.pointer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.LinAlgException;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.ndarray.kernel.Regions;

/**
 * The per-task kernels of the blocked Cholesky, triangular solve and LU (each one native call, or a copy): tiles of
 * the tiled algorithms in C order, and LU column panels in column-major order.
 *
 * <p><b>Ownership.</b> Methods named {@code ...InPlace} overwrite their first argument, which the caller must own
 * and which must be {@link #isWritable} (the graph code passes a donated block it claimed, or a {@link #copy}).
 * Every other argument is only read, in any layout. Every returned array is fresh (from the block pool), C order,
 * owned by the caller. All arrays of one call must have the same floating type (float64 or float32: the {@code d*}
 * or {@code s*} routines of the OpenBLAS build ND4J ships, see {@link Blas3}); the graph code casts first.
 *
 * <p><b>Errors</b> name global positions: each kernel gets the global index of its tile's first row, so a failing
 * tile reports the leading minor or the pivot of the whole matrix, not of the tile.
 *
 * <p><b>LU panels.</b> A panel is the m x w column block of the matrix being factored, stored column-major (the
 * C-order array of shape (w, m), i.e. the panel transposed), so that LAPACK works on the rows below the diagonal of
 * a panel through a pointer offset, without copies.
 *
 * <p>Not part of the user API: it is public only so that the {@code org.tessella.linalg} graph code can reach it.
 */
public final class TileKernels {
    private TileKernels() {
    }

    /**
     * A factored LU panel: {@code data} (column-major m x w, see the class comment) holds, from row
     * {@code rowOffset} down, L (unit, strictly below the diagonal) and U (on and above it) of the rows below the
     * diagonal, and above {@code rowOffset} the U rows the earlier steps left in it; {@code pivots} are LAPACK's
     * 1-based row interchanges relative to {@code rowOffset}; {@code info} is getrf's (0, or the 1-based local column
     * of the first exactly zero pivot: singular matrices are still factored). This class is immutable in its fields;
     * {@code data} is owned by the panel and must not be modified by readers.
     */
    public static final class Panel {
        private final INDArray data;
        private final int[] pivots;
        private final int rowOffset;
        private final int info;

        Panel(INDArray data, int[] pivots, int rowOffset, int info) {
            this.data = Objects.requireNonNull(data, "data");
            this.pivots = pivots.clone();
            this.rowOffset = rowOffset;
            this.info = info;
        }

        /** The column-major panel (a C-order (w, m) array); owned by this panel, read only. */
        public INDArray data() {
            return data;
        }

        /** The row interchanges, 1-based and relative to {@link #rowOffset()}; a copy. */
        public int[] pivots() {
            return pivots.clone();
        }

        public int pivotCount() {
            return pivots.length;
        }

        /** The global row of the panel's diagonal (its first factored row). */
        public int rowOffset() {
            return rowOffset;
        }

        /** 0, or the 1-based local index of the first exactly zero pivot. */
        public int info() {
            return info;
        }

        @Override
        public String toString() {
            return "Panel[" + Arrays.toString(data.shape()) + ", rowOffset=" + rowOffset + ", info=" + info + "]";
        }
    }

    // ---------------------------------------------------------------- ownership

    /** True if a kernel may overwrite {@code a} in place: its buffer is exactly its elements in C order. */
    public static boolean isWritable(INDArray a) {
        return Matrices.isPlainC(a) && (a.dataType() == DataType.DOUBLE || a.dataType() == DataType.FLOAT);
    }

    /** A writable C-order copy of {@code a} (any layout, views included: one copy), recycled from the block pool. */
    public static INDArray copy(INDArray a) {
        return Regions.copyOf(a);
    }

    /** A zero block. */
    public static INDArray zeros(DataType type, long... shape) {
        INDArray out = BlockPool.allocate(type, shape);
        if (out.length() > 0) {
            out.assign(0);
        }
        return out;
    }

    // ---------------------------------------------------------------- Cholesky tiles (C order)

    /**
     * In place: the lower Cholesky factor of the n x n tile {@code a} (only its lower triangle is read), with the
     * strict upper triangle zeroed.
     *
     * @param offset the global index of the tile's first row, for the error message
     * @throws LinAlgException if the tile is not positive definite (naming the global leading minor) or has NaN
     */
    public static void potrfInPlace(INDArray a, long offset) {
        requireWritable(a);
        Precision p = Precision.of(a.dataType());
        int n = Matrices.rows(a);
        // The C buffer read column-major is Aᵀ: its upper triangle is A's lower one, and U (Aᵀ = Uᵀ U) read back in
        // C order is L.
        int info = p.potrf('U', n, pointer(a), n);
        if (info > 0) {
            throw notPositiveDefinite(offset + info);
        }
        LapackKernels.check(info, "potrf", "a");
        zeroStrictUpper(p, a, n, n);
    }

    /** In place: {@code b := b · L⁻ᵀ} for an r x t tile b and the t x t lower triangular tile L (Cholesky's trsm). */
    public static void trsmRightLowerTransposedInPlace(INDArray b, INDArray l) {
        requireWritable(b);
        Precision p = Precision.of(b.dataType());
        INDArray lc = readable(l, p);
        try {
            int r = Matrices.rows(b);
            int t = Matrices.cols(b);
            Blas3.trsm(p, true, false, true, true, false, r, t, pointer(lc), 0, t, pointer(b), 0, t);
        } finally {
            closeCopy(lc, l);
        }
    }

    /** In place: {@code c := c - a aᵀ} on the lower triangle of the n x n tile c (a is n x k): Cholesky's syrk. */
    public static void syrkUpdateInPlace(INDArray c, INDArray a) {
        requireWritable(c);
        Precision p = Precision.of(c.dataType());
        INDArray ac = readable(a, p);
        try {
            int n = Matrices.rows(c);
            int k = Matrices.cols(ac);
            Blas3.syrkLower(p, true, n, k, -1.0, pointer(ac), 0, k, 1.0, pointer(c), 0, n);
        } finally {
            closeCopy(ac, a);
        }
    }

    /**
     * In place: {@code c := c - op(a) op(b)}, op = transpose or not. A 1-d array (a right-hand-side block) counts
     * as one column.
     */
    public static void gemmUpdateInPlace(INDArray c, INDArray a, boolean transA, INDArray b, boolean transB) {
        requireWritable(c);
        Precision p = Precision.of(c.dataType());
        INDArray ac = readable(a, p);
        INDArray bc = readable(b, p);
        try {
            int m = rowsOf(c);
            int n = colsOf(c);
            int k = transA ? rowsOf(ac) : colsOf(ac);
            int kb = transB ? colsOf(bc) : rowsOf(bc);
            if (k != kb || (transA ? colsOf(ac) : rowsOf(ac)) != m || (transB ? rowsOf(bc) : colsOf(bc)) != n) {
                throw new IllegalStateException("gemm update shapes do not match: c " + Arrays.toString(c.shape())
                        + ", a " + Arrays.toString(a.shape()) + (transA ? "ᵀ" : "") + ", b "
                        + Arrays.toString(b.shape()) + (transB ? "ᵀ" : ""));
            }
            if (m == 0 || n == 0 || k == 0) {
                return;
            }
            Blas3.gemm(p, true, transA, transB, m, n, k, -1.0, pointer(ac), 0, colsOf(ac), pointer(bc), 0,
                    colsOf(bc), 1.0, pointer(c), 0, n);
        } finally {
            closeCopy(ac, a);
            closeCopy(bc, b);
        }
    }

    // ---------------------------------------------------------------- triangular solve tiles (C order)

    /** How a zero on a triangular tile's diagonal is reported. */
    public enum ZeroPivot {
        /** The matrix is the user's triangular {@code a}. */
        TRIANGULAR,
        /** The matrix is U of the LU factorization of the user's {@code a}. */
        LU_FACTOR
    }

    /**
     * In place: solves {@code op(T) X = B} for the s x s diagonal tile T (triangle {@code lower}; with
     * {@code unitDiagonal} the diagonal is taken as ones and not read), B an s x k block or a vector of length s.
     *
     * @param offset the global index of T's first row
     * @throws LinAlgException if T has an exact zero on its diagonal (naming its global index) and is not unit
     */
    public static void trsmLeftInPlace(INDArray b, INDArray t, boolean lower, boolean transpose, boolean unitDiagonal,
                                       long offset, ZeroPivot zero) {
        requireWritable(b);
        Precision p = Precision.of(b.dataType());
        INDArray tc = readable(t, p);
        try {
            int s = Matrices.rows(tc);
            if (!unitDiagonal) {
                DataBuffer d = tc.data();
                for (int i = 0; i < s; i++) {
                    if (d.getDouble((long) i * s + i) == 0.0) {
                        throw zeroDiagonal(offset + i, zero);
                    }
                }
            }
            int k = colsOf(b);
            if (s == 0 || k == 0) {
                return;
            }
            Blas3.trsm(p, true, true, lower, transpose, unitDiagonal, s, k, pointer(tc), 0, s, pointer(b), 0, k);
        } finally {
            closeCopy(tc, t);
        }
    }

    // ---------------------------------------------------------------- LU panels (column-major)

    /** The column-major panel of an m x w block (any layout): a fresh C-order (w, m) array, the block transposed. */
    public static INDArray toPanel(INDArray block) {
        INDArray src = Matrices.plainC(block);
        long m = block.size(0);
        long w = block.size(1);
        INDArray out = BlockPool.allocate(block.dataType(), new long[] {w, m});
        Regions.copy(src.transpose(), new long[2], out, new long[2], new long[] {w, m});
        if (src != block) {
            src.close();
        }
        return out;
    }

    /**
     * Factors the rows from {@code rowOffset} down of the panel in place ({@code getrf}); the rows above are left as
     * they are (U rows of earlier steps). Exactly zero pivots are allowed (reported in {@link Panel#info()}).
     *
     * @throws LinAlgException if the rows contain NaN
     */
    public static Panel factorPanelInPlace(INDArray panel, int rowOffset) {
        requireWritable(panel);
        Precision p = Precision.of(panel.dataType());
        int w = Matrices.rows(panel);
        int m = Matrices.cols(panel);
        int rows = m - rowOffset;
        int k = Math.min(rows, w);
        try (IntPointer ipiv = new IntPointer(Math.max(1, k))) {
            int info = LargeStack.call(() -> Blas3.getrf(p, rows, w, pointer(panel), rowOffset, m, ipiv));
            if (info < 0) {
                LapackKernels.check(info, "getrf", "a");
            }
            int[] pivots = new int[k];
            ipiv.get(pivots);
            return new Panel(panel, pivots, rowOffset, info);
        }
    }

    /**
     * In place on a later panel: applies {@code factored}'s row interchanges to the panel's rows from the factored
     * panel's {@code rowOffset} down ({@code laswp}), solves for its U rows with the unit lower triangle of the
     * factored panel ({@code trsm}) and updates the rows below ({@code gemm}): one step of LAPACK's blocked getrf.
     */
    public static void updatePanelInPlace(INDArray panel, Panel factored) {
        requireWritable(panel);
        Precision p = Precision.of(panel.dataType());
        int w = Matrices.rows(panel);
        int m = Matrices.cols(panel);
        int r0 = factored.rowOffset;
        int k = factored.pivots.length;
        if (k == 0 || w == 0) {
            return;
        }
        Pointer f = pointer(factored.data);
        Pointer a = pointer(panel);
        try (IntPointer ipiv = new IntPointer(factored.pivots)) {
            LapackKernels.check(Blas3.laswp(p, w, a, r0, m, k, ipiv), "laswp", "a");
        }
        Blas3.trsm(p, false, true, true, false, true, k, w, f, r0, m, a, r0, m);
        int below = m - r0 - k;
        if (below > 0) {
            Blas3.gemm(p, false, false, false, below, w, k, -1.0, f, r0 + k, m, a, r0, m, 1.0, a, r0 + k, m);
        }
    }

    /**
     * Column block of L (C order, m x {@code width}): the unit lower trapezoid of {@code factored} below its
     * {@code rowOffset}, zeros above, with the row interchanges of the {@code later} panels (in order) applied, as
     * LAPACK's getrf applies them to the columns on its left.
     */
    public static INDArray lowerPanel(Panel factored, int width, List<Panel> later) {
        INDArray data = factored.data;
        Precision p = Precision.of(data.dataType());
        int m = Matrices.cols(data);
        int r0 = factored.rowOffset;
        INDArray out = BlockPool.allocate(data.dataType(), new long[] {m, width});
        Regions.copy(data.transpose(), new long[2], out, new long[2], new long[] {m, width});
        Pointer o = pointer(out);
        zeroRange(p, o, 0, (long) r0 * width);
        for (int i = 0; i < width && r0 + i < m; i++) {
            long row = (long) (r0 + i) * width;
            setOne(p, o, row + i);
            zeroRange(p, o, row + i + 1, width - i - 1);
        }
        for (Panel s : later) {
            for (int i = 0; i < s.pivots.length; i++) {
                int a = s.rowOffset + i;
                int b = s.rowOffset + s.pivots[i] - 1;
                if (a != b) {
                    p.swap(width, o, (long) a * width, (long) b * width);
                }
            }
        }
        return out;
    }

    /**
     * The C-order h x w tile of U at rows {@code [rowOffset, rowOffset + h)} of a final column-major panel (w
     * columns); with {@code diagonal} the part strictly below the tile's diagonal is zeroed (L lives there).
     */
    public static INDArray upperTile(INDArray panel, int rowOffset, int h, boolean diagonal) {
        Precision p = Precision.of(panel.dataType());
        int w = Matrices.rows(panel);
        INDArray out = BlockPool.allocate(panel.dataType(), new long[] {h, w});
        Regions.copy(panel.transpose(), new long[] {rowOffset, 0}, out, new long[2], new long[] {h, w});
        if (diagonal) {
            Pointer o = pointer(out);
            for (int i = 1; i < h; i++) {
                zeroRange(p, o, (long) i * w, Math.min(i, w));
            }
        }
        return out;
    }

    /**
     * The row permutation of the whole factorization from its panels' interchanges, in order: {@code A[perm[i], :]
     * = (L U)[i, :]}, so {@code P[perm[i], i] = 1}.
     */
    public static int[] permutation(int m, List<Panel> panels) {
        int[] perm = new int[m];
        Arrays.setAll(perm, i -> i);
        for (Panel s : panels) {
            for (int i = 0; i < s.pivots.length; i++) {
                int a = s.rowOffset + i;
                int b = s.rowOffset + s.pivots[i] - 1;
                int t = perm[a];
                perm[a] = perm[b];
                perm[b] = t;
            }
        }
        return perm;
    }

    /**
     * A tile of the permutation matrix P ({@code P[perm[c], c] = 1}) or, with {@code transposed}, of Pᵀ: rows
     * {@code [rowOffset, rowOffset + rows)}, columns {@code [colOffset, colOffset + cols)}.
     */
    public static INDArray permutationTile(DataType type, int[] perm, long rowOffset, int rows, long colOffset,
                                           int cols, boolean transposed) {
        INDArray out = zeros(type, rows, cols);
        DataBuffer d = out.data();
        if (transposed) {
            for (int r = 0; r < rows; r++) {
                long c = perm[(int) (rowOffset + r)] - colOffset;
                if (c >= 0 && c < cols) {
                    d.put((long) r * cols + c, 1.0);
                }
            }
        } else {
            for (int c = 0; c < cols; c++) {
                long r = perm[(int) (colOffset + c)] - rowOffset;
                if (r >= 0 && r < rows) {
                    d.put(r * cols + c, 1.0);
                }
            }
        }
        return out;
    }

    /**
     * Rows {@code [rowOffset, rowOffset + rows)} of {@code Pᵀ B}, i.e. {@code B[perm[r], :]}, from the row blocks of
     * B ({@code blocks[s]} starts at row {@code blockOffsets[s]}; 2-d, or 1-d for a vector B).
     */
    public static INDArray gatherRows(int[] perm, long rowOffset, int rows, INDArray[] blocks, long[] blockOffsets) {
        INDArray first = blocks[0];
        boolean vector = first.rank() == 1;
        long cols = vector ? 1 : first.size(1);
        long[] shape = vector ? new long[] {rows} : new long[] {rows, cols};
        INDArray out = BlockPool.allocate(first.dataType(), shape);
        for (int r = 0; r < rows; r++) {
            long src = perm[(int) (rowOffset + r)];
            int s = Arrays.binarySearch(blockOffsets, src);
            if (s < 0) {
                s = -s - 2;
            }
            long local = src - blockOffsets[s];
            if (vector) {
                Regions.copy(blocks[s], new long[] {local}, out, new long[] {r}, new long[] {1});
            } else {
                Regions.copy(blocks[s], new long[] {local, 0}, out, new long[] {r, 0}, new long[] {1, cols});
            }
        }
        return out;
    }

    /**
     * Columns {@code [colOffset, colOffset + cols)} of {@code X Pᵀ} (column {@code perm[c]} of it is column c of X),
     * from the column blocks of one row block of X ({@code blocks[s]} starts at column {@code blockOffsets[s]}).
     */
    public static INDArray gatherColumns(int[] perm, long colOffset, int cols, INDArray[] blocks,
                                         long[] blockOffsets) {
        int[] source = new int[perm.length];
        for (int c = 0; c < perm.length; c++) {
            source[perm[c]] = c;
        }
        long rows = blocks[0].size(0);
        INDArray out = BlockPool.allocate(blocks[0].dataType(), new long[] {rows, cols});
        for (int j = 0; j < cols; j++) {
            long src = source[(int) (colOffset + j)];
            int s = Arrays.binarySearch(blockOffsets, src);
            if (s < 0) {
                s = -s - 2;
            }
            Regions.copy(blocks[s], new long[] {0, src - blockOffsets[s]}, out, new long[] {0, j},
                    new long[] {rows, 1});
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static LinAlgException notPositiveDefinite(long minor) {
        return new LinAlgException("a", "a is not positive definite: the leading minor of order " + minor
                + " is not positive; expected a symmetric positive-definite matrix");
    }

    private static LinAlgException zeroDiagonal(long index, ZeroPivot zero) {
        if (zero == ZeroPivot.LU_FACTOR) {
            return new LinAlgException("a", "a is singular: U[" + index + ", " + index
                    + "] of its LU factorization is exactly zero; expected a nonsingular matrix");
        }
        return new LinAlgException("a", "a is singular: diagonal element " + index
                + " is zero; expected a nonsingular triangular matrix");
    }

    private static void requireWritable(INDArray a) {
        if (!isWritable(a)) {
            throw new IllegalStateException("block is not writable in place: " + a.shapeInfoToString()
                    + "; expected a plain C-order float block (copy it first)");
        }
    }

    /** {@code a} with a plain C buffer in precision p (a copy when needed; see {@link #closeCopy}). */
    private static INDArray readable(INDArray a, Precision p) {
        if (a.dataType() != p.dataType) {
            throw new IllegalStateException("block type " + a.dataType() + " differs from " + p.dataType);
        }
        return Matrices.plainC(a);
    }

    private static void closeCopy(INDArray used, INDArray original) {
        if (used != original) {
            used.close();
        }
    }

    /** Rows of a block (a vector's length). */
    private static int rowsOf(INDArray a) {
        return (int) a.size(0);
    }

    /** Columns of a block (1 for a vector). */
    private static int colsOf(INDArray a) {
        return a.rank() == 1 ? 1 : (int) a.size(1);
    }

    private static void zeroStrictUpper(Precision p, INDArray a, int rows, int cols) {
        Pointer base = pointer(a);
        for (int i = 0; i < rows && i + 1 < cols; i++) {
            zeroRange(p, base, (long) i * cols + i + 1, cols - i - 1);
        }
    }

    /** Sets {@code count} consecutive elements from {@code offset} to zero. */
    private static void zeroRange(Precision p, Pointer base, long offset, long count) {
        if (count <= 0) {
            return;
        }
        long bytes = count * (p == Precision.F64 ? Double.BYTES : Float.BYTES);
        long start = offset * (p == Precision.F64 ? Double.BYTES : Float.BYTES);
        Pointer.memset(new org.bytedeco.javacpp.BytePointer(base).position(start), 0, bytes);
    }

    private static void setOne(Precision p, Pointer base, long offset) {
        if (p == Precision.F64) {
            new DoublePointer(base).put(offset, 1.0);
        } else {
            new FloatPointer(base).put(offset, 1.0f);
        }
    }
}
