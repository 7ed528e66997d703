package org.tessella.random;

import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.ThreadedScheduler;

/**
 * Rough ChunkedArray-level throughput (the JMH benchmark proper belongs to the jmh module): uniform and normal
 * 20000x20000 float64 in 2000x2000 chunks, reduced with sum() so that the 3.2 GB array is never held whole,
 * beside the same sum over a constant array (the cost of the graph, the pool and the reduction alone).
 *
 * <pre>
 * mvn -B -q -o test-compile -pl random -am
 * mvn -B -q -o dependency:build-classpath -pl random -Dmdep.outputFile=/tmp/random-cp.txt
 * java -Xmx2g -cp "random/target/classes:random/target/test-classes:ndarray/target/classes:scheduler/target/classes:$(
 *     tr ':' '\n' &lt; /tmp/random-cp.txt | grep -v tessella | paste -sd:)" org.tessella.random.ArrayThroughput
 * </pre>
 * (the worktree's module classes, not the tessella jars in the shared local repository, which other builds
 * overwrite).
 */
public final class ArrayThroughput {

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 20000;
        long c = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long[] shape = {n, n};
        Chunks chunks = Chunks.of(c, c);
        RandomArrays r = RandomArrays.seeded(42);
        for (int workers : new int[] {1, 2}) {
            try (ThreadedScheduler s = Schedulers.threaded(workers)) {
                report("constant (baseline)", workers, reps, n,
                        () -> ChunkedArray.full(shape, 1.0, DType.FLOAT64, chunks).sum().compute(s).getDouble(0));
                report("uniform", workers, reps, n, () -> r.uniform(0, 1, shape, chunks).sum().compute(s).getDouble(0));
                report("normal", workers, reps, n, () -> r.standardNormal(shape, chunks).sum().compute(s).getDouble(0));
            }
        }
    }

    interface Run {
        double run();
    }

    static void report(String what, int workers, int reps, long n, Run run) {
        run.run(); // warm-up
        double best = Double.MAX_VALUE;
        double value = 0;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            value = run.run();
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        System.out.printf("%-20s %d worker(s): %.2f s, %.0f M values/s (sum %.4g)%n", what, workers, best,
                (double) n * n / best / 1e6, value);
    }
}
