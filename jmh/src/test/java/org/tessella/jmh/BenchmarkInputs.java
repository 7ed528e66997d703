package org.tessella.jmh;

/** Builds the benchmark states as JMH would, for tests at small sizes. */
final class BenchmarkInputs {
    private BenchmarkInputs() {
    }

    static Inputs.Chunked chunked(long n, long chunk, String source) {
        Inputs.Chunked in = new Inputs.Chunked();
        in.n = n;
        in.chunk = chunk;
        in.source = source;
        in.setUp();
        return in;
    }

    static Inputs.DenseMatrix dense(long n) {
        Inputs.DenseMatrix in = new Inputs.DenseMatrix();
        in.n = n;
        in.setUp();
        return in;
    }
}
