package org.tessella.linalg;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.kernel.BlockOps;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.linalg.kernel.TileKernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.ndarray.Slice;
import org.tessella.random.RandomArrays;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.GridLayer;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Tokens;

/**
 * Linear algebra on chunked matrices, as {@code dask.array.linalg}: every method validates its arguments, builds a
 * graph of block tasks and returns lazy {@link ChunkedArray}s; nothing runs before {@code compute()}.
 *
 * <p><b>Blocked</b> (any number of row blocks, each task one block or a few small factors): {@link #tsqr},
 * {@link #qr}, {@link #svd}, {@link #singularValues}, {@link #svdCompressed}, {@link #lstsq} and the norms. When
 * the smaller dimension n fits one R block ({@code n² · itemsize <= } {@link #BLOCK_BUDGET_BYTES}, n &lt;= 4096 in
 * float64), arrays chunked along both axes are rechunked to one column of blocks and factored by TSQR. Beyond that,
 * QR is blocked in both dimensions (column panels orthogonalized by block Gram-Schmidt with re-orthogonalization,
 * each panel by TSQR) and the SVD runs the block one-sided Jacobi method on the n x n R; Q, R, U and Vᵀ then come
 * back chunked in both dimensions. No valid matrix is refused for its size.
 *
 * <p><b>Solvers</b> ({@link #cholesky}, {@link #lu}, {@link #solve}, {@link #solveSpd}, {@link #solveTriangular},
 * {@link #inv}): a matrix of at most 16 MiB (n &lt;= 1448 in float64) is rechunked to one block and handed to the
 * dense kernel, which is faster there; a larger one, chunked in any way, runs as a tiled graph in which every
 * task is one kernel call on tiles (tiled Cholesky, tiled forward/back substitution, LU over column panels with
 * partial pivoting). The tile is chosen from the input's chunks (see {@code Tiles}); tiled results come in square
 * tiles. Small matrices reject a singular system when its reciprocal condition number is below machine epsilon;
 * tiled ones only on an exactly zero pivot (as NumPy), naming its global index.
 *
 * <p><b>Types.</b> float32 stays float32; every other dtype computes in float64 (as NumPy's linalg).
 * <b>Conventions</b> (those of the kernels): QR has diag(R) &gt;= 0; singular values descend and the
 * largest-magnitude entry of each column of U is positive (on an exact tie between a maximum and a minimum of equal
 * magnitude the positive one is taken, where the dense kernel takes the first).
 *
 * <p><b>Errors.</b> Bad shapes and arguments throw {@link IllegalArgumentException} when the graph is built;
 * values that make the problem impossible (not positive definite, singular, NaN) are found by the kernel when the
 * graph runs: {@code compute()} then throws the scheduler's {@code TaskFailedException} whose cause is a
 * {@link LinAlgException} naming the argument.
 */
public final class Linalg {
    /** The largest block (bytes) the rechunking steps here make: 128 MiB, ndarray's default chunk budget. */
    public static final long BLOCK_BUDGET_BYTES = Chunks.DEFAULT_BYTES;

    private Linalg() {
    }

    /** A thin QR factorization {@code A = Q R}: Q is m x k with orthonormal columns, R is k x n, k = min(m, n). */
    public record QR(ChunkedArray q, ChunkedArray r) {
        public QR {
            Objects.requireNonNull(q, "q");
            Objects.requireNonNull(r, "r");
        }
    }

    /** A thin SVD {@code A = U diag(s) Vᵀ}: U is m x k, s has length k (descending), vt is k x n. */
    public record SVD(ChunkedArray u, ChunkedArray s, ChunkedArray vt) {
        public SVD {
            Objects.requireNonNull(u, "u");
            Objects.requireNonNull(s, "s");
            Objects.requireNonNull(vt, "vt");
        }
    }

    /**
     * A rank-k approximation {@code A ≈ U diag(s) Vᵀ} and {@code error}, the 0-d Frobenius norm
     * {@code ||A - U diag(s) Vᵀ||_F} computed from A itself (one more pass over A, run only if computed). The
     * Frobenius norm bounds the spectral error {@code ||A - U diag(s) Vᵀ||_2} from above.
     */
    public record CompressedSVD(ChunkedArray u, ChunkedArray s, ChunkedArray vt, ChunkedArray error) {
        public CompressedSVD {
            Objects.requireNonNull(u, "u");
            Objects.requireNonNull(s, "s");
            Objects.requireNonNull(vt, "vt");
            Objects.requireNonNull(error, "error");
        }
    }

    /** {@code A = P L U} (SciPy's convention): P m x m permutation, L m x k unit lower, U k x n upper. */
    public record LU(ChunkedArray p, ChunkedArray l, ChunkedArray u) {
        public LU {
            Objects.requireNonNull(p, "p");
            Objects.requireNonNull(l, "l");
            Objects.requireNonNull(u, "u");
        }
    }

    /**
     * A least-squares solution: {@code x} minimizes {@code ||A x - b||₂} (the minimum-norm one when A is rank
     * deficient); {@code residuals} are the squared 2-norms of the columns of {@code A x - b} (shape (k,), (1,) for
     * a vector b; always computed, as dask, where NumPy leaves them empty when rank &lt; n or m &lt;= n);
     * {@code rank} is a 0-d int64; {@code singularValues} are A's, descending.
     */
    public record Lstsq(ChunkedArray x, ChunkedArray residuals, ChunkedArray rank, ChunkedArray singularValues) {
        public Lstsq {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(residuals, "residuals");
            Objects.requireNonNull(rank, "rank");
            Objects.requireNonNull(singularValues, "singularValues");
        }
    }

    // ---------------------------------------------------------------- QR and SVD

    /**
     * Tall-and-skinny QR of a matrix with one column of blocks (m &gt;= n expected, but any m works): a QR per row
     * block, then the stacked R factors are factored in a tree of fan-in 8 (recursively when there are more than 8
     * blocks), then {@code Q_i = Q_i,block · M_i} per block. Q has a's row chunks and one column chunk; R is one
     * block. Equal, to rounding, to the dense QR with diag(R) &gt;= 0 (full column rank).
     *
     * @throws IllegalArgumentException if {@code a} is not 2-d or has more than one column of blocks (use
     *                                  {@link #qr}, which rechunks)
     */
    public static QR tsqr(ChunkedArray a) {
        requireMatrix("a", a);
        if (a.numBlocks()[1] != 1) {
            throw new IllegalArgumentException("a has " + a.numBlocks()[1] + " column blocks: chunks "
                    + Arrays.deepToString(a.chunks()) + "; expected one column of blocks (call qr(a), which "
                    + "rechunks, or a.rechunk(Chunks.of(rows, -1)) first)");
        }
        return Tsqr.tsqr(floating(a), Tsqr.DEFAULT_FAN_IN);
    }

    /**
     * Thin QR of any matrix. Tall (m &gt;= n) with {@code n² · itemsize <= }{@link #BLOCK_BUDGET_BYTES}: {@link #tsqr},
     * after rechunking to one column of blocks when needed (keeping the row chunks when each block fits the budget).
     * Tall with a larger n: blocked QR (column panels of up to 512 columns; block classical Gram-Schmidt with
     * re-orthogonalization, each panel by TSQR); Q (m x n) and R (n x n, upper triangular, zero blocks below the
     * diagonal) are chunked in both dimensions. Short and fat (m &lt; n): Q and the first m columns of R from the QR
     * of {@code A[:, :m]} (one block, or blocked as above when m² does not fit), the rest of R as
     * {@code Qᵀ A[:, m:]} (blocked), as dask's {@code sfqr}. diag(R) &gt;= 0 in every case.
     *
     * @throws IllegalArgumentException if {@code a} is not 2-d
     */
    public static QR qr(ChunkedArray a) {
        return qr(a, BLOCK_BUDGET_BYTES);
    }

    /** {@link #qr(ChunkedArray)} with an explicit block budget (tests use small ones to run the blocked path). */
    static QR qr(ChunkedArray a, long budget) {
        requireMatrix("a", a);
        ChunkedArray x = floating(a);
        long m = x.shape(0);
        long n = x.shape(1);
        if (m >= n) {
            if (fitsOneBlock(x, n, budget)) {
                return Tsqr.tsqr(oneColumnOfBlocks(x, budget), Tsqr.DEFAULT_FAN_IN);
            }
            return BlockedQr.qr(x, Blocking.forBudget(n, x.dtype(), budget));
        }
        QR f;
        if (fitsOneBlock(x, m, budget)) {
            ChunkedArray first = singleBlock(x.get(Slice.all(), Slice.to(m)), "a[:, :m]");
            Graphs.Node node = Graphs.task("sfqr", List.of(first), null, 1, blocks -> {
                Kernels.Qr d = Kernels.qr(blocks[0]);
                return new Parts(d.q(), d.r());
            });
            Parts.register();
            f = new QR(Graphs.select(node, 0, new long[] {m, m}, x.dtype()),
                    Graphs.select(node, 1, new long[] {m, m}, x.dtype()));
        } else {
            f = BlockedQr.qr(x.get(Slice.all(), Slice.to(m)), Blocking.forBudget(m, x.dtype(), budget));
        }
        ChunkedArray rest = f.q().transpose().matmul(x.get(Slice.all(), Slice.from(m)));
        return new QR(f.q(), ChunkedArray.concatenate(List.of(f.r(), rest), 1));
    }

    /**
     * Thin SVD: for tall matrices {@link #qr} then the SVD of R ({@code U = Q · U_R}); short-and-fat ones through the
     * transpose. When R fits one block ({@code min(m, n)² · itemsize <= }{@link #BLOCK_BUDGET_BYTES}) its SVD is the
     * dense kernel's; otherwise R is QR-preconditioned (a second blocked QR, of Rᵀ) and factored by the block
     * one-sided Jacobi method on column panels (30 sweeps in the graph, of which usually 3-10 rotate anything; if the
     * last one has not converged, computing raises a {@link LinAlgException} naming the off-diagonal measure), and
     * U, Vᵀ are chunked in both dimensions. Signs follow the kernel convention (see the
     * class comment), so the result does not depend on the chunking.
     *
     * @throws IllegalArgumentException if {@code a} is not 2-d
     */
    public static SVD svd(ChunkedArray a) {
        return svd(a, BLOCK_BUDGET_BYTES);
    }

    /** {@link #svd(ChunkedArray)} with an explicit block budget (tests use small ones to run the blocked path). */
    static SVD svd(ChunkedArray a, long budget) {
        requireMatrix("a", a);
        SVD raw = svdRaw(floating(a), budget);
        return normalizeSigns(raw.u(), raw.s(), raw.vt());
    }

    /**
     * The singular values of {@code a}, descending (no singular vectors are formed; blocked Jacobi without V when
     * min(m, n)² does not fit the block budget, see {@link #svd}).
     */
    public static ChunkedArray singularValues(ChunkedArray a) {
        return singularValues(a, BLOCK_BUDGET_BYTES);
    }

    /** {@link #singularValues(ChunkedArray)} with an explicit block budget. */
    static ChunkedArray singularValues(ChunkedArray a, long budget) {
        requireMatrix("a", a);
        ChunkedArray x = floating(a);
        if (x.shape(0) < x.shape(1)) {
            x = x.transpose();
        }
        long k = Math.min(x.shape(0), x.shape(1));
        if (!fitsOneBlock(x, k, budget)) {
            return BlockedSvd.singularValues(x, Blocking.forBudget(k, x.dtype(), budget));
        }
        QR f = qr(x, budget);
        return Graphs.dense("svdvals", List.of(f.r()), null, new long[] {k}, x.dtype(),
                blocks -> Kernels.singularValues(blocks[0]));
    }

    /** SVD without the sign pass (used inside other algorithms, which normalize at the end if at all). */
    static SVD svdRaw(ChunkedArray x) {
        return svdRaw(x, BLOCK_BUDGET_BYTES);
    }

    static SVD svdRaw(ChunkedArray x, long budget) {
        long m = x.shape(0);
        long n = x.shape(1);
        if (m < n) {
            SVD t = svdRaw(x.transpose(), budget);
            return new SVD(t.vt().transpose(), t.s(), t.u().transpose());
        }
        if (!fitsOneBlock(x, n, budget)) {
            return BlockedSvd.svd(x, Blocking.forBudget(n, x.dtype(), budget));
        }
        QR f = qr(x, budget);
        long k = n;
        Parts.register();
        Graphs.Node node = Graphs.task("svd-core", List.of(f.r()), null, 1, blocks -> {
            Kernels.Svd s = Kernels.svd(blocks[0]);
            return new Parts(s.u(), s.s(), s.vt());
        });
        ChunkedArray ur = Graphs.select(node, 0, new long[] {k, k}, x.dtype());
        ChunkedArray s = Graphs.select(node, 1, new long[] {k}, x.dtype());
        ChunkedArray vt = Graphs.select(node, 2, new long[] {k, n}, x.dtype());
        return new SVD(f.q().matmul(ur), s, vt);
    }

    /**
     * Flips column j of U and row j of Vᵀ so that the largest-magnitude entry of U's column is positive: the sign
     * comes from two column reductions ({@code max >= -min}), so it is blocked and chunking-independent.
     */
    static SVD normalizeSigns(ChunkedArray u, ChunkedArray s, ChunkedArray vt) {
        long k = u.shape(1);
        if (u.shape(0) == 0 || k == 0) {
            return new SVD(u, s, vt);
        }
        ChunkedArray max = u.max(new int[] {0}, false);
        ChunkedArray min = u.min(new int[] {0}, false);
        ChunkedArray one = ChunkedArray.ones(new long[] {k}, u.dtype(), Chunks.of(-1));
        ChunkedArray signs = ChunkedArray.where(max.ge(min.neg()), one, one.neg());
        // Rows of Vᵀ are scaled by a linalg task, not by vt.mul(stack(signs)): broadcasting against a stacked view
        // double-releases a pool block in ndarray (see docs/design-notes.md, linalg section). Vᵀ has one row block
        // except after the blocked SVD, whose row blocks are the Jacobi panels: each block takes its rows of signs.
        ChunkedArray sign = singleBlock(signs, "signs");
        String name = Tokens.name("sign-rows", vt.name(), sign.name());
        String in = vt.name();
        Key signKey = sign.blockKey(0);
        long[] rowOffsets = new long[vt.numBlocks()[0]];
        for (int i = 0; i < rowOffsets.length; i++) {
            rowOffsets[i] = vt.grid().offset(0, i);
        }
        GridLayer layer = TaskLayer.of(name, vt.numBlocks(), idx -> new Key[] {Key.of(in, idx), signKey},
                (args, idx) -> BlockOps.scaleRows((INDArray) args.get(0), (INDArray) args.get(1), rowOffsets[idx[0]]));
        ChunkedArray vtSigned = ChunkedArray.fromGraph(Graph.of(layer, vt.graph(), sign.graph()), name, vt.grid(),
                vt.dtype());
        return new SVD(u.mul(signs), s, vtSigned);
    }

    /**
     * Randomized truncated SVD (Halko, Martinsson, Tropp 2011, algorithms 4.4 and 5.1) with the default options:
     * see {@link #svdCompressed(ChunkedArray, int, SvdCompressedOptions)}.
     */
    public static CompressedSVD svdCompressed(ChunkedArray a, int k) {
        return svdCompressed(a, k, SvdCompressedOptions.defaults());
    }

    /**
     * Randomized truncated SVD of rank {@code k}: {@code l = min(k + oversampling, min(m, n))} Gaussian directions
     * {@code Ω} (n x l, values depending only on the seed and the element index, not the chunking), {@code Y = A Ω},
     * then per power iteration {@code Q = tsqr(Y).q, Z = tsqr(Aᵀ Q).q, Y = A Z}; then {@code Q = tsqr(Y).q},
     * {@code B = Qᵀ A} (l x n), the SVD of B (through TSQR of Bᵀ), and {@code U = Q · U_B}, truncated to k. Each
     * iteration is two passes over A, so persist A first when it is expensive to make: within one computation the
     * scheduler holds A's blocks from the first pass to the last. Works for any chunking of A (no rechunking of A).
     *
     * @throws IllegalArgumentException unless {@code 1 <= k <= min(m, n)}
     */
    public static CompressedSVD svdCompressed(ChunkedArray a, int k, SvdCompressedOptions options) {
        requireMatrix("a", a);
        if (options == null) {
            throw new IllegalArgumentException("options is null; expected SvdCompressedOptions, e.g. "
                    + "SvdCompressedOptions.defaults()");
        }
        long m = a.shape(0);
        long n = a.shape(1);
        long min = Math.min(m, n);
        if (k < 1 || k > min) {
            throw new IllegalArgumentException("k is out of range: " + k + "; expected 1 <= k <= min(m, n) = " + min
                    + " for a of shape " + Arrays.toString(a.shape()));
        }
        ChunkedArray x = floating(a);
        long l = Math.min((long) k + options.oversampling(), min);
        long seed = options.seed();
        long[] omegaShape = {n, l};
        DType dtype = x.dtype();
        ChunkedArray omega = RandomArrays.seeded(seed).standardNormal(omegaShape,
                Chunks.explicit(x.chunks()[1], new long[] {l}), dtype);
        ChunkedArray y = x.matmul(omega);
        for (int i = 0; i < options.iterations(); i++) {
            ChunkedArray q = orthonormal(y);
            ChunkedArray z = orthonormal(x.transpose().matmul(q));
            y = x.matmul(z);
        }
        ChunkedArray q = orthonormal(y);
        ChunkedArray b = q.transpose().matmul(x);
        SVD small = svdRaw(b);
        ChunkedArray ub = small.u().get(Slice.all(), Slice.to(k));
        SVD truncated = normalizeSigns(q.matmul(ub), small.s().get(Slice.to(k)), small.vt().get(Slice.to(k)));
        ChunkedArray residual = x.sub(truncated.u().mul(truncated.s()).matmul(truncated.vt()));
        ChunkedArray error = residual.mul(residual).sum().sqrt();
        return new CompressedSVD(truncated.u(), truncated.s(), truncated.vt(), error);
    }

    /** An orthonormal basis (thin Q) of the columns of a tall matrix (TSQR, or blocked QR when l² is too large). */
    private static ChunkedArray orthonormal(ChunkedArray y) {
        return qr(y).q();
    }

    // ---------------------------------------------------------------- least squares and norms

    /**
     * Least squares {@code min ||A x - b||₂} through the SVD (blocked, see {@link #svd}), with NumPy's default
     * cut-off {@code rcond = eps · max(m, n)}: singular values at most {@code rcond · s_max} count as zero.
     *
     * @param b a vector of length m or an m x k matrix
     */
    public static Lstsq lstsq(ChunkedArray a, ChunkedArray b) {
        requireMatrix("a", a);
        requireRightHandSide(b, a);
        ChunkedArray x = floating(a);
        DType dtype = DType.promote(x.dtype(), floating(b).dtype());
        x = x.astype(dtype);
        ChunkedArray rhs = b.astype(dtype);
        boolean vector = rhs.ndim() == 1;
        ChunkedArray b2 = vector ? asColumn(rhs) : rhs;
        long m = x.shape(0);
        long n = x.shape(1);
        double eps = dtype == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
        double rcond = eps * Math.max(m, n);
        SVD f = svdRaw(x);
        long k = Math.min(m, n);
        long kb = b2.shape(1);
        ChunkedArray c = singleBlock(f.u().transpose().matmul(b2), "b");
        Parts.register();
        Graphs.Node node = Graphs.task("lstsq-core", List.of(singleBlock(f.s(), "s"), c), rcond, 1,
                blocks -> new Parts(BlockOps.pseudoInverseCore(blocks[0], blocks[1], rcond)));
        ChunkedArray w = Graphs.select(node, 0, new long[] {k, kb}, dtype);
        ChunkedArray rank = Graphs.select(node, 1, new long[0], DType.INT64);
        ChunkedArray sol = f.vt().transpose().matmul(w);
        ChunkedArray diff = x.matmul(sol).sub(b2);
        ChunkedArray residuals = diff.mul(diff).sum(new int[] {0}, false);
        return new Lstsq(vector ? sol.get(Slice.all(), Slice.index(0)) : sol, residuals, rank, f.s());
    }

    /** A vector as an m x 1 matrix with the same row chunks (fresh blocks; see normalizeSigns for why not stack). */
    private static ChunkedArray asColumn(ChunkedArray v) {
        ChunkedArray none = ChunkedArray.zeros(new long[0], v.dtype(), Chunks.of());
        org.tessella.ndarray.ChunkGrid grid = new org.tessella.ndarray.ChunkGrid(new long[] {v.shape(0), 1},
                new long[][] {v.chunks()[0], {1}});
        String name = "as-column";
        ChunkedArray flat = v;
        return Graphs.blockwise(name, flat, none, grid, v.dtype(), idx -> new int[] {idx[0]},
                (block, unused) -> BlockOps.column(block));
    }

    /** The 2-norm of a vector, the Frobenius norm of a matrix (NumPy's default {@code norm}); 0-d. */
    public static ChunkedArray norm(ChunkedArray x) {
        requireVectorOrMatrix(x);
        ChunkedArray f = floating(x);
        return f.mul(f).sum().sqrt();
    }

    /**
     * NumPy's {@code norm(x, ord)} with a numeric order; 0-d. Vectors: {@code ord} = +inf (max |x|), -inf
     * (min |x|), 0 (count of non-zeros), 1, 2, or any other p ({@code (Σ|x|^p)^(1/p)}). Matrices: 1 / -1 (max / min
     * column sum of |x|), +inf / -inf (max / min row sum), 2 / -2 (largest / smallest singular value, exact: through
     * TSQR, or the blocked QR and Jacobi SVD when min(m, n)² exceeds the block budget, see {@link #svd}).
     *
     * @throws IllegalArgumentException if {@code x} is not 1-d or 2-d, or {@code ord} is not valid for a matrix
     */
    public static ChunkedArray norm(ChunkedArray x, double ord) {
        requireVectorOrMatrix(x);
        ChunkedArray f = floating(x);
        if (f.ndim() == 1) {
            if (ord == Double.POSITIVE_INFINITY) {
                return f.abs().max();
            }
            if (ord == Double.NEGATIVE_INFINITY) {
                return f.abs().min();
            }
            if (ord == 0) {
                return f.ne(0).sum().astype(f.dtype());
            }
            if (ord == 1) {
                return f.abs().sum();
            }
            if (ord == 2) {
                return f.mul(f).sum().sqrt();
            }
            if (Double.isNaN(ord)) {
                throw new IllegalArgumentException("ord is NaN; expected a number or +-infinity");
            }
            return f.abs().pow(ord).sum().pow(1.0 / ord);
        }
        if (ord == 1 || ord == -1) {
            ChunkedArray sums = f.abs().sum(new int[] {0}, false);
            return ord > 0 ? sums.max() : sums.min();
        }
        if (ord == Double.POSITIVE_INFINITY || ord == Double.NEGATIVE_INFINITY) {
            ChunkedArray sums = f.abs().sum(new int[] {1}, false);
            return ord > 0 ? sums.max() : sums.min();
        }
        if (ord == 2 || ord == -2) {
            long k = Math.min(f.shape(0), f.shape(1));
            if (k == 0) {
                throw new IllegalArgumentException("x is empty: shape " + Arrays.toString(f.shape())
                        + "; expected a non-empty matrix for ord " + ord);
            }
            return singularValues(f).get(Slice.index(ord > 0 ? 0 : k - 1));
        }
        throw new IllegalArgumentException("ord is not valid for a matrix: " + ord
                + "; expected 1, -1, 2, -2, +inf, -inf, or the names \"fro\" and \"nuc\"");
    }

    /**
     * NumPy's {@code norm(x, "fro")} (Frobenius, also accepted for vectors as the 2-norm) or
     * {@code norm(x, "nuc")} (nuclear: the sum of the singular values, through {@link #singularValues}); 0-d.
     */
    public static ChunkedArray norm(ChunkedArray x, String ord) {
        requireVectorOrMatrix(x);
        if ("fro".equals(ord)) {
            return norm(x);
        }
        if ("nuc".equals(ord) && x.ndim() == 2) {
            return singularValues(floating(x)).sum();
        }
        throw new IllegalArgumentException("ord is not a valid norm name: " + ord + "; expected \"fro\", or "
                + "\"nuc\" for a matrix");
    }

    // ---------------------------------------------------------------- solvers

    /**
     * The lower Cholesky factor L of a symmetric positive-definite matrix ({@code A = L Lᵀ}); only the lower
     * triangle is read. Matrices of at most 16 MiB run as one dense task; larger ones as a tiled graph (any input
     * chunking; L comes in square tiles, see {@link #solveSpd} and the class comment).
     *
     * @throws IllegalArgumentException if {@code a} is not square; at compute time, a {@link LinAlgException}
     *                                  cause if it is not positive definite (naming the leading minor)
     */
    public static ChunkedArray cholesky(ChunkedArray a) {
        ChunkedArray x = squareFloating(a);
        long n = x.shape(0);
        if (Tiles.singleBlock(n, n, x.dtype().itemSize())) {
            ChunkedArray one = singleBlock(x, "a");
            return Graphs.dense("cholesky", List.of(one), null, new long[] {n, n}, x.dtype(),
                    blocks -> Kernels.cholesky(blocks[0]));
        }
        return BlockedCholesky.cholesky(x, Tiles.tile(x));
    }

    /**
     * LU with partial pivoting, {@code A = P L U}, of any m x n matrix (see {@link LU}); singular matrices are
     * allowed. Matrices of at most 16 MiB run as one dense task; larger ones as a blocked graph over column panels
     * (factors in square tiles).
     */
    public static LU lu(ChunkedArray a) {
        requireMatrix("a", a);
        ChunkedArray f = floating(a);
        long m = f.shape(0);
        long n = f.shape(1);
        if (!Tiles.singleBlock(m, n, f.dtype().itemSize())) {
            return BlockedLu.lu(f, Tiles.tile(f));
        }
        ChunkedArray x = singleBlock(f, "a");
        long k = Math.min(m, n);
        Parts.register();
        Graphs.Node node = Graphs.task("lu", List.of(x), null, 1, blocks -> {
            Kernels.Lu lu = Kernels.lu(blocks[0]);
            return new Parts(lu.permutationMatrix(), lu.l(), lu.u());
        });
        return new LU(Graphs.select(node, 0, new long[] {m, m}, x.dtype()),
                Graphs.select(node, 1, new long[] {m, k}, x.dtype()),
                Graphs.select(node, 2, new long[] {k, n}, x.dtype()));
    }

    /**
     * Solves {@code A X = B} for a square nonsingular A; {@code b} is a vector (length n) or an n x k matrix, and
     * the result has b's shape. Small systems run as one dense task; larger ones as blocked LU and triangular solves.
     *
     * @throws IllegalArgumentException for non-square a or incompatible b; at compute time, a
     *                                  {@link LinAlgException} cause if a is singular (see the class comment)
     */
    public static ChunkedArray solve(ChunkedArray a, ChunkedArray b) {
        return squareSolve("solve", a, b, null, (x, y) -> Kernels.solve(x, y),
                (x, y, tile) -> BlockedLu.solve(x, y, tile));
    }

    /**
     * Solves {@code A X = B} for a symmetric positive-definite A (Cholesky; lower triangle read). Small systems run as
     * one dense task; larger ones as blocked Cholesky and two blocked triangular solves.
     */
    public static ChunkedArray solveSpd(ChunkedArray a, ChunkedArray b) {
        return squareSolve("solve-spd", a, b, null, (x, y) -> Kernels.solveSpd(x, y), BlockedCholesky::solveSpd);
    }

    /** Solves {@code A X = B} for a triangular A (the triangle named by {@code lower}). */
    public static ChunkedArray solveTriangular(ChunkedArray a, ChunkedArray b, boolean lower) {
        return solveTriangular(a, b, lower, false, false);
    }

    /**
     * Solves {@code op(A) X = B}, op(A) = A or Aᵀ ({@code transpose}), for a triangular A; with
     * {@code unitDiagonal} the diagonal is taken as ones. Small systems run as one dense task; larger ones as a
     * blocked substitution over square tiles.
     */
    public static ChunkedArray solveTriangular(ChunkedArray a, ChunkedArray b, boolean lower, boolean transpose,
                                               boolean unitDiagonal) {
        return squareSolve("solve-triangular", a, b, List.of(lower, transpose, unitDiagonal),
                (x, y) -> Kernels.solveTriangular(x, y, lower, transpose, unitDiagonal),
                (x, y, tile) -> BlockedTriangular.solve(x, y, lower, transpose, unitDiagonal, tile,
                        TileKernels.ZeroPivot.TRIANGULAR));
    }

    /**
     * The inverse of a square nonsingular matrix. Small matrices run as one dense task; larger ones as blocked LU,
     * then {@code U⁻¹ L⁻¹} by tiled substitutions and a column permutation, as LAPACK's getri (square tiles).
     */
    public static ChunkedArray inv(ChunkedArray a) {
        ChunkedArray x = squareFloating(a);
        long n = x.shape(0);
        if (!Tiles.singleBlock(n, n, x.dtype().itemSize())) {
            return BlockedLu.inv(x, Tiles.tile(x));
        }
        ChunkedArray one = singleBlock(x, "a");
        return Graphs.dense("inv", List.of(one), null, new long[] {n, n}, x.dtype(), blocks -> Kernels.inv(blocks[0]));
    }

    private interface Solver {
        INDArray solve(INDArray a, INDArray b);
    }

    private interface BlockedSolver {
        ChunkedArray solve(ChunkedArray a, ChunkedArray b, long tile);
    }

    private static ChunkedArray squareSolve(String op, ChunkedArray a, ChunkedArray b, Object params, Solver solver,
                                            BlockedSolver blocked) {
        requireMatrix("a", a);
        requireRightHandSide(b, a);
        if (a.shape(0) != a.shape(1)) {
            throw notSquare(a);
        }
        DType dtype = DType.promote(floating(a).dtype(), floating(b).dtype());
        ChunkedArray x = a.astype(dtype);
        ChunkedArray y = b.astype(dtype);
        long n = x.shape(0);
        boolean rhsFits = y.size() * dtype.itemSize() <= BLOCK_BUDGET_BYTES;
        if (y.size() == 0 || (Tiles.singleBlock(n, n, dtype.itemSize()) && rhsFits)) {
            ChunkedArray one = singleBlock(x, "a");
            ChunkedArray rhs = singleBlock(y, "b");
            return Graphs.dense(op, List.of(one, rhs), params, y.shape(), dtype,
                    blocks -> solver.solve(blocks[0], blocks[1]));
        }
        return blocked.solve(x, y, Tiles.tile(x));
    }

    // ---------------------------------------------------------------- validation and chunking

    private static ChunkedArray squareFloating(ChunkedArray a) {
        requireMatrix("a", a);
        if (a.shape(0) != a.shape(1)) {
            throw notSquare(a);
        }
        return floating(a);
    }

    private static IllegalArgumentException notSquare(ChunkedArray a) {
        return new IllegalArgumentException("a is not square: shape " + Arrays.toString(a.shape())
                + "; expected an n x n matrix");
    }

    private static void requireMatrix(String name, ChunkedArray a) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null; expected a 2-d ChunkedArray");
        }
        if (a.ndim() != 2) {
            throw new IllegalArgumentException(name + " is not a matrix: shape " + Arrays.toString(a.shape())
                    + "; expected a 2-d array");
        }
    }

    private static void requireVectorOrMatrix(ChunkedArray x) {
        if (x == null) {
            throw new IllegalArgumentException("x is null; expected a 1-d or 2-d ChunkedArray");
        }
        if (x.ndim() != 1 && x.ndim() != 2) {
            throw new IllegalArgumentException("x is neither a vector nor a matrix: shape "
                    + Arrays.toString(x.shape()) + "; expected a 1-d or 2-d array");
        }
    }

    private static void requireRightHandSide(ChunkedArray b, ChunkedArray a) {
        if (b == null) {
            throw new IllegalArgumentException("b is null; expected a vector or matrix");
        }
        long m = a.shape(0);
        if (b.ndim() != 1 && b.ndim() != 2) {
            throw new IllegalArgumentException("b is neither a vector nor a matrix: shape "
                    + Arrays.toString(b.shape()) + "; expected shape [" + m + "] or [" + m + ", k]");
        }
        if (b.shape(0) != m) {
            throw new IllegalArgumentException("b is incompatible with a: shape " + Arrays.toString(b.shape())
                    + " for a of shape " + Arrays.toString(a.shape()) + "; expected " + m + " rows");
        }
    }

    /** float32 stays, everything else becomes float64. */
    static ChunkedArray floating(ChunkedArray a) {
        return a.astype(a.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64);
    }

    /** The whole array as one block, or an error naming {@code what} when it exceeds the block budget. */
    static ChunkedArray singleBlock(ChunkedArray x, String what) {
        long bytes = x.size() * x.dtype().itemSize();
        if (bytes > BLOCK_BUDGET_BYTES) {
            throw new IllegalArgumentException(what + " is too large for one block: shape "
                    + Arrays.toString(x.shape()) + " (" + bytes + " bytes); expected at most " + BLOCK_BUDGET_BYTES
                    + " bytes (Linalg.BLOCK_BUDGET_BYTES: the small factors of QR, SVD and lstsq run on one block; "
                    + "for a low-rank approximation use svdCompressed)");
        }
        if (x.grid().totalBlocks() == 1) {
            return x;
        }
        long[] whole = new long[x.ndim()];
        Arrays.fill(whole, -1);
        return x.rechunk(Chunks.of(whole));
    }

    /** True when an n x n block (the R factor of the smaller dimension n) fits {@code budget}. */
    private static boolean fitsOneBlock(ChunkedArray x, long n, long budget) {
        return (double) n * n * x.dtype().itemSize() <= budget;
    }

    /**
     * {@code x} (m x n, m >= n, {@code n² · itemsize <= budget}) with one column of blocks. Row blocks the caller
     * already made one column of are kept as they are, whatever their size (like dask's tsqr, and like every other
     * operation here, which never re-cuts a caller's chunks to a budget: rechunking 160 MB blocks to 128 MiB would
     * copy the whole matrix to save 32 MB per block). Several column blocks are joined keeping the row chunks when
     * those rows fit the budget, otherwise rechunked to the largest row count per block that does.
     */
    static ChunkedArray oneColumnOfBlocks(ChunkedArray x, long budget) {
        long n = x.shape(1);
        long item = x.dtype().itemSize();
        if (x.numBlocks()[1] == 1) {
            return x;
        }
        long maxRows = 0;
        for (long c : x.chunks()[0]) {
            maxRows = Math.max(maxRows, c);
        }
        if (maxRows * n * item <= budget) {
            return x.rechunk(Chunks.explicit(x.chunks()[0], new long[] {n}));
        }
        long rows = Math.max(1, budget / (Math.max(n, 1) * item));
        return x.rechunk(Chunks.of(rows, -1));
    }
}
