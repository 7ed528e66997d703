package org.tessella.ndarray;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.kernel.BlockPool;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.ThreadedScheduler;

/**
 * A measurement, not a test: GFLOP/s of a blocked n x n float64 matmul with 1 and 2 workers (the
 * scheduler gives each task cores/workers BLAS threads) against one ND4J gemm of the same size into
 * an existing result. The configurations run round-robin, {@code reps} rounds, so load changes on
 * a shared machine hit them alike; each reports its best wall time and its GFLOP per CPU-second
 * (process CPU time, native threads included), which contention distorts much less than wall time.
 * Blocked runs keep the output blocks (no assembly into one n x n array).
 *
 * <pre>
 * cd ndarray && mvn -q -o test-compile && mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.tessella.ndarray.MatmulThroughput [n] [chunk] [reps]
 * </pre>
 */
public final class MatmulThroughput {
    private MatmulThroughput() {
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        long chunk = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double flop = 2.0 * n * n * n;
        int cores = Runtime.getRuntime().availableProcessors();
        Nd4j.getRandom().setSeed(7);
        INDArray da = Nd4j.rand(DataType.DOUBLE, n, n);
        INDArray db = Nd4j.rand(DataType.DOUBLE, n, n);
        INDArray c = Nd4j.createUninitialized(DataType.DOUBLE, n, n);
        ChunkedArray a = ChunkedArray.fromArray(da, Chunks.of(chunk, chunk)).persist(Schedulers.synchronous());
        ChunkedArray b = ChunkedArray.fromArray(db, Chunks.of(chunk, chunk)).persist(Schedulers.synchronous());
        ChunkedArray p = a.matmul(b);
        List<Key> keys = p.blockKeys();
        int nb = a.numBlocks()[0];
        System.out.printf("n=%d float64, %d cores, blocks %dx%dx%d of %d, %d rounds%n", n, cores, nb, nb, nb, chunk, reps);
        String[] names = {
            "dense ND4J gemm, " + cores + " BLAS threads",
            "blocked, 1 worker x " + cores + " BLAS threads",
            "blocked, 2 workers x " + Math.max(1, cores / 2) + " BLAS thread(s)",
        };
        double[] bestWall = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] bestCpu = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        List<String> stats = new ArrayList<>(List.of("", "", ""));
        try (ThreadedScheduler one = Schedulers.threaded(1); ThreadedScheduler two = Schedulers.threaded(2)) {
            for (int r = 0; r < reps; r++) {
                for (int cfg = 0; cfg < 3; cfg++) {
                    long w0 = System.nanoTime();
                    long c0 = cpuNanos();
                    if (cfg == 0) {
                        Nd4j.getEnvironment().setMaxThreads(cores);
                        Nd4j.getEnvironment().setMaxMasterThreads(cores);
                        Nd4j.factory().blas().setMaxThreads(cores);
                        Nd4j.gemm(da, db, c, false, false, 1.0, 0.0);
                    } else {
                        Scheduler s = cfg == 1 ? one : two;
                        Scheduler.Result res = s.compute(p.graph(), keys);
                        stats.set(cfg, res.stats().toString());
                        if (r == reps - 1) {
                            checkAgainst(c, res, p);
                        }
                        for (Object v : res.values()) {
                            BlockPool.release((INDArray) v);
                        }
                    }
                    double wall = (System.nanoTime() - w0) / 1e9;
                    double cpu = (cpuNanos() - c0) / 1e9;
                    System.out.printf("  round %d %-42s %7.2f s wall %7.2f s cpu (BLAS max threads now %d)%n", r,
                            names[cfg], wall, cpu, Nd4j.factory().blas().getMaxThreads());
                    bestWall[cfg] = Math.min(bestWall[cfg], wall);
                    bestCpu[cfg] = Math.min(bestCpu[cfg], cpu);
                }
            }
        }
        for (int cfg = 0; cfg < 3; cfg++) {
            System.out.printf("%-44s best %6.2f s = %5.1f GFLOP/s wall, %5.1f GFLOP per cpu-second  %s%n", names[cfg],
                    bestWall[cfg], flop / bestWall[cfg] / 1e9, flop / bestCpu[cfg] / 1e9, stats.get(cfg));
        }
    }

    private static void checkAgainst(INDArray dense, Scheduler.Result res, ChunkedArray p) {
        double err = 0;
        ChunkGrid g = p.grid();
        List<Key> keys = p.blockKeys();
        for (int i = 0; i < keys.size(); i++) {
            INDArray block = (INDArray) res.value(i);
            long[] off = g.blockOffset(keys.get(i).index());
            INDArray ref = org.tessella.ndarray.kernel.Regions.copyOf(
                    org.tessella.ndarray.kernel.Regions.view(dense, off, g.blockShape(keys.get(i).index())));
            err = Math.max(err, block.sub(ref).amaxNumber().doubleValue());
            BlockPool.release(ref);
        }
        System.out.printf("  max |blocked - dense| = %.1e%n", err);
    }
}
