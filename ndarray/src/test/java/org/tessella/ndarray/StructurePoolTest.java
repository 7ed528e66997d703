package org.tessella.ndarray;

import static org.tessella.ndarray.StructureAssert.assertSameValues;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;

/**
 * Views and aliases over owned blocks that the scheduler releases into the pool and recycles: if a
 * view's base block were released (or donated and overwritten) while the view is still read, the
 * values below would be wrong. Several outputs share inputs, so blocks have many dependents, some
 * of them views that pin the block and some elementwise tasks that would like to write into it.
 */
class StructurePoolTest {

    @ParameterizedTest(name = "workers={0}")
    @ValueSource(ints = {0, 2})
    void viewsAliasesAndCopiesSharingPooledBlocks(int workers) {
        Scheduler s = workers == 0 ? Schedulers.synchronous() : StructureAssert.THREADED;
        INDArray da = StructureAssert.dense(DataType.DOUBLE, 24, 18);
        INDArray db = da.mul(0.5).add(3.0);
        INDArray dat = da.transpose().dup('c');
        for (int round = 0; round < 3; round++) {
            ChunkedArray a = StructureAssert.chunked(da, new long[] {5, 4}, true);
            ChunkedArray b = StructureAssert.chunked(db, new long[] {5, 4}, true);
            ChunkedArray rev = a.get(Slice.every(-1), Slice.every(-1));
            ChunkedArray cat = ChunkedArray.concatenate(List.of(a, b, a.add(1)), 0);
            List<INDArray> out = ChunkedArray.compute(s,
                    a.transpose().add(b.transpose()),                           // two fused views
                    a.add(1).mul(a.transpose().transpose()),                    // a view beside a donatable block
                    rev.add(a),                                                 // a copy beside its source
                    cat.get(Slice.of(3, 70, 4), Slice.from(2)).mul(cat.get(Slice.of(3, 70, 4), Slice.from(2))),
                    ChunkedArray.stack(List.of(a, b), 0).sum(new int[] {0}, false),
                    a.transpose(),                                              // an output that is a view
                    a.get(Slice.of(2, 20), Slice.index(3)));
            INDArray dcat = Nd4j.concat(0, da, db, da.add(1.0));
            INDArray sl = StructureSliceTest.reference(dcat, new Slice[] {Slice.of(3, 70, 4), Slice.from(2)});
            assertSameValues(dat.add(db.transpose()), out.get(0), "a.T + b.T");
            assertSameValues(da.add(1.0).mul(da), out.get(1), "(a + 1) * a.T.T");
            INDArray drev = StructureSliceTest.reference(da, new Slice[] {Slice.every(-1), Slice.every(-1)});
            assertSameValues(drev.add(da), out.get(2), "a[::-1, ::-1] + a");
            assertSameValues(sl.mul(sl), out.get(3), "slice of a concatenation squared");
            assertSameValues(da.add(db), out.get(4), "stack(a, b).sum(0)");
            assertSameValues(dat, out.get(5), "a.T");
            assertSameValues(StructureSliceTest.reference(da, new Slice[] {Slice.of(2, 20), Slice.index(3)}),
                    out.get(6), "a[2:20, 3]");
        }
    }
}
