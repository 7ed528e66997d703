package org.tessella.examples;

import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.linalg.Linalg;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.random.RandomArrays;
import org.tessella.scheduler.diagnostics.ProgressBar;

/**
 * The examples of the Dask talks, on arrays large enough to take a few seconds: lazy expressions
 * on a chunked matrix (nothing runs until {@code compute()}), a compressed (randomized) SVD of it,
 * then the custom delayed loop. Each
 * result is printed with its time; the progress bar (standard error) shows the tasks running.
 *
 * <p>Usage: {@code Demo [n [chunk]]}: an n x n float64 matrix in chunk x chunk blocks
 * (default {@value #DEFAULT_N} and {@value #DEFAULT_CHUNK}).
 */
public final class Demo {
    /** Default matrix size. */
    public static final long DEFAULT_N = 5000;
    /** Default chunk size. */
    public static final long DEFAULT_CHUNK = 1000;
    /** Seed of the random matrix. */
    public static final long SEED = 42;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? positive(args[0], "n") : DEFAULT_N;
        long chunk = args.length > 1 ? positive(args[1], "chunk") : DEFAULT_CHUNK;
        Show.timed("load ND4J's native libraries (once per JVM)", () -> {
            ChunkedArray.zeros(new long[] {1}, DType.FLOAT64, Chunks.of(1)).sum().compute();
            return "ready";
        });
        try (AutoCloseable bar = ProgressBar.enable()) {
            ChunkedArray x = input(n, chunk);
            System.out.println("x = " + n + " x " + n + " float64 uniform in [0, 1), " + chunk + " x " + chunk
                    + " chunks, " + x.grid().totalBlocks() + " blocks (nothing computed yet)");
            System.out.println();

            Show.timed("y = x + x.T", () -> x.add(x.transpose()).compute());
            ChunkedArray z = x.dot(x.transpose().add(1)).sub(x.mean());
            Show.timed("z = x.dot(x.T + 1) - x.mean()", z::compute);
            Show.timed("z.std()", () -> z.std().compute());
            Show.timed("((sin(x)^2 + cos(x)^2) * 2 - 1).sum()",
                    () -> x.sin().pow(2).add(x.cos().pow(2)).mul(2).sub(1).sum().compute());
            int k = (int) Math.min(5, n);
            Linalg.CompressedSVD f = Linalg.svdCompressed(x, k);
            Show.timed("u, s, v = svdCompressed(x, k=" + k + "): s", () -> {
                List<INDArray> se = ChunkedArray.compute(f.s(), f.error());
                return Show.format(se.get(0)) + "  (error ||x - u s v||_F = "
                        + Show.format(se.get(1)) + ", ||x||_F = " + Show.format(x.mul(x).sum().sqrt().compute()) + ")";
            });

            delayed();
        }
    }

    /**
     * The demo's matrix: uniform in [0, 1), seed {@value #SEED}. Its values depend only on the seed and each
     * element's position, so every chunk size shows the same numbers.
     */
    static ChunkedArray input(long n, long chunk) {
        return RandomArrays.seeded(SEED).uniform(0, 1, new long[] {n, n}, Chunks.of(chunk, chunk));
    }

    static void delayed() {
        List<Integer> as = IntStream.range(0, 10).boxed().toList();
        List<Integer> bs = IntStream.range(0, 10).boxed().toList();
        System.out.println("delayed: f(a, b) if a < b else g(a, b), for a, b in 0..9 ("
                + as.size() * bs.size() + " calls of " + DelayedLoop.WORK_MILLIS + " ms each)");
        Show.timed("sum(computeAll(results))", () -> DelayedLoop.run(as, bs));
    }

    private static long positive(String text, String what) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + text + "'; expected a positive integer", e);
        }
        if (v <= 0) {
            throw new IllegalArgumentException(what + " is not positive: " + v + "; expected a positive integer");
        }
        return v;
    }
}
