package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SmokeTest {
    @Test
    void basics() {
        Nd4j.getRandom().setSeed(1);
        INDArray d = Nd4j.rand(DataType.DOUBLE, 10, 13);
        ChunkedArray x = ChunkedArray.fromArray(d, Chunks.of(4, 5));
        INDArray y = x.add(1).mul(x).exp().compute();
        INDArray ref = org.nd4j.linalg.ops.transforms.Transforms.exp(d.add(1).mul(d));
        assertTrue(y.equalsWithEps(ref, 1e-12));
        assertEquals(d.sumNumber().doubleValue(), x.sum().compute().getDouble(0), 1e-10);
        assertTrue(x.sum(new int[] {0}, false).compute().equalsWithEps(d.sum(0), 1e-10));
        assertTrue(x.mean(new int[] {1}, true).compute().equalsWithEps(d.mean(true, 1), 1e-10));
        assertEquals(d.varNumber().doubleValue() * 129 / 130, x.var().compute().getDouble(0), 1e-10);
        assertEquals(Nd4j.argMax(d.reshape(130)).getLong(0), x.argmax().compute().getLong(0));
        assertTrue(x.rechunk(Chunks.of(3, 3)).compute().equalsWithEps(d, 0));
        ChunkedArray row = ChunkedArray.fromArray(Nd4j.linspace(DataType.DOUBLE, 1, 13, 1), Chunks.of(6));
        assertTrue(x.add(row).compute().equalsWithEps(d.addRowVector(Nd4j.linspace(DataType.DOUBLE, 1, 13, 1)), 1e-12));
        System.out.println(Nd4j.argMax(d, 0) + " vs " + x.argmax(0, false).compute());
        assertTrue(x.argmax(0, false).compute().equalsWithEps(Nd4j.argMax(d, 0), 0));
    }
}
