package org.tessella.ndarray;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects (actual, expected, tolerance) triples and checks them with one
 * {@link ArrayAssert#assertAllEquals} call: one scheduler run per scheduler for many arrays
 * instead of one each (on loaded machines every run costs thread hand-offs).
 */
final class Batch {
    private final List<ChunkedArray> actual = new ArrayList<>();
    private final List<INDArray> expected = new ArrayList<>();
    private final List<Double> tols = new ArrayList<>();

    Batch add(ChunkedArray a, INDArray e, double relTol) {
        actual.add(a);
        expected.add(e);
        tols.add(relTol);
        return this;
    }

    void check() {
        if (!actual.isEmpty()) {
            ArrayAssert.assertAllEquals(actual, expected, tols.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
