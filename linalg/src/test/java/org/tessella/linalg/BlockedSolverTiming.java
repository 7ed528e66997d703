package org.tessella.linalg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.linalg.kernel.Kernels;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;

/**
 * One timed run each of the tiled solvers against the single-block kernels, for the numbers behind
 * {@code Tiles.SINGLE_BLOCK_MAX_BYTES} (docs/design-notes.md, linalg, "Blocked solvers"). Not a test: run by hand,
 * on the default scheduler, with the load average printed beside each time:
 * {@code java -cp <test classpath> org.tessella.linalg.BlockedSolverTiming 4000 1000 chol,solve,spd,inv}.
 * Inputs are persisted in tiles of the given size first; the single-block runs include the rechunk to one block.
 */
public final class BlockedSolverTiming {
    private BlockedSolverTiming() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        long tile = Long.parseLong(args[1]);
        String ops = args.length > 2 ? args[2] : "chol,solve";
        warmUp();
        Nd4j.getRandom().setSeed(1);
        INDArray g = Nd4j.randn(DataType.DOUBLE, n, n);
        INDArray spd = g.add(g.transpose()).addi(Nd4j.eye(n).muli(3.0 * n)).dup('c'); // diagonally dominant: SPD
        INDArray rhs = Nd4j.randn(DataType.DOUBLE, n, 1);
        ChunkedArray a = ChunkedArray.fromArray(spd, Chunks.of(tile, tile)).persist();
        ChunkedArray general = ChunkedArray.fromArray(g, Chunks.of(tile, tile)).persist();
        ChunkedArray b = ChunkedArray.fromArray(rhs, Chunks.of(tile, 1)).persist();
        for (String op : ops.split(",")) {
            switch (op) {
                case "chol" -> {
                    time("cholesky tiled ", () -> BlockedCholesky.cholesky(a, tile));
                    time("cholesky single", () -> single("cholesky", List.of(a), x -> Kernels.cholesky(x[0]), a));
                }
                case "solve" -> {
                    time("solve tiled    ", () -> BlockedLu.solve(general, b, tile));
                    time("solve single   ", () -> single("solve", List.of(general, b),
                            x -> Kernels.solve(x[0], x[1]), b));
                }
                case "spd" -> {
                    time("solveSpd tiled ", () -> BlockedCholesky.solveSpd(a, b, tile));
                    time("solveSpd single", () -> single("solve-spd", List.of(a, b),
                            x -> Kernels.solveSpd(x[0], x[1]), b));
                }
                case "inv" -> {
                    time("inv tiled      ", () -> BlockedLu.inv(general, tile));
                    time("inv single     ", () -> single("inv", List.of(general), x -> Kernels.inv(x[0]), general));
                }
                default -> throw new IllegalArgumentException("op is unknown: " + op
                        + "; expected chol, solve, spd or inv");
            }
        }
    }

    private interface Build {
        ChunkedArray build();
    }

    private interface Dense {
        INDArray apply(INDArray[] blocks);
    }

    /** The single-block path: every input rechunked to one block, one dense task shaped like {@code like}. */
    private static ChunkedArray single(String op, List<ChunkedArray> inputs, Dense body, ChunkedArray like) {
        List<ChunkedArray> one = inputs.stream().map(x -> Linalg.singleBlock(x, "input")).toList();
        return Graphs.dense(op, one, null, like.shape(), like.dtype(), body::apply);
    }

    private static void time(String label, Build build) {
        long t0 = System.nanoTime();
        INDArray r = build.build().compute();
        long t1 = System.nanoTime();
        System.out.printf("%s %8.3f s  (load average %s)%n", label, (t1 - t0) / 1e9, load());
        r.close();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void warmUp() {
        INDArray g = Nd4j.randn(DataType.DOUBLE, 200, 200);
        INDArray spd = g.mmul(g.transpose()).addi(Nd4j.eye(200)).dup('c');
        ChunkedArray a = ChunkedArray.fromArray(spd, Chunks.of(50, 50));
        BlockedCholesky.cholesky(a, 50).compute();
        BlockedLu.solve(a, ChunkedArray.fromArray(g, Chunks.of(50, 50)), 50).compute();
        BlockedLu.inv(a, 50).compute();
    }
}
