package org.tessella.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every Tessella benchmark shares (subclasses inherit JMH's class annotations and may
 * override them). One operation takes seconds, so each is timed on its own
 * ({@link Mode#SingleShotTime}): one warm-up and three measured runs in one fork.
 *
 * <p>The fork gets a modest heap (blocks live in native memory) and native limits high enough for
 * the dense baselines: the largest, {@code sin/cos} on a 20000 x 20000 float64 matrix, holds three
 * 3.2 GB arrays. JavaCPP's {@code maxphysicalbytes} bounds the whole process's resident memory;
 * {@code maxbytes} is set alongside it for JavaCPP's own allocations (ND4J's arrays ignore it).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx4g",
        "-Dorg.bytedeco.javacpp.maxbytes=16g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=20g"})
@State(Scope.Benchmark)
public abstract class AbstractBenchmark {
    /** Seed of every input. */
    public static final long SEED = 42;
}
