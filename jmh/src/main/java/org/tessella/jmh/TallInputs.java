package org.tessella.jmh;

import org.tessella.ndarray.Chunks;

/**
 * The inputs of the tall-and-skinny factorization benchmarks ({@link LinalgSvd}, {@link LinalgQr}): an m x n
 * uniform matrix, chunked in row blocks or dense, with the reference its factors are checked against. The JMH
 * state classes of each benchmark only declare their {@code @Param} defaults and call these.
 */
final class TallInputs {
    private TallInputs() {
    }

    /** One column of row blocks of {@code rows} x n, generated or persisted. */
    abstract static class Chunked extends Inputs.ChunkedInput {
        LinalgChecks.Tall reference;

        void open(long m, long n, long rows, String source) {
            reference = LinalgChecks.Tall.of(m, n);
            make(Inputs.uniform(m, n, Chunks.of(rows, n)), source);
        }

        void close() {
            drop();
            reference = null;
        }
    }

    /** The same values as one dense matrix. */
    abstract static class Dense extends Inputs.DenseInput {
        LinalgChecks.Tall reference;

        void open(long m, long n) {
            reference = LinalgChecks.Tall.of(m, n);
            make(m, n);
        }

        void close() {
            drop();
            reference = null;
        }
    }
}
