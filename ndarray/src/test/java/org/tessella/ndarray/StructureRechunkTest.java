package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessella.ndarray.StructureAssert.assertSameValues;
import static org.tessella.ndarray.StructureAssert.assertStructure;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.ndarray.kernel.Regions;
import org.tessella.ndarray.kernel.Structure;

/**
 * Rechunk after the small-region copy path and the two-stage plan: values and block shapes against
 * the dense array, for every dtype and for view inputs (transposed, sliced).
 */
class StructureRechunkTest {

    @ParameterizedTest(name = "shape={0} chunks={1} owned={2}")
    @MethodSource("org.tessella.ndarray.StructureAssert#geometries")
    void rechunkToOtherGridsAndViews(long[] shape, long[] chunks, boolean owned) {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, shape);
        ChunkedArray x = StructureAssert.chunked(d, chunks, owned);
        int n = shape.length;
        long[] ones = StructureTransposeTest.longs(n, 1);
        long[] whole = StructureTransposeTest.longs(n, -1);
        long[] plusOne = chunks.clone();
        for (int a = 0; a < n; a++) {
            plusOne[a]++;
        }
        for (long[] c : new long[][] {ones, whole, plusOne}) {
            assertStructure(d, x.rechunk(Chunks.of(c)));
        }
        int[] rev = new int[n];
        for (int a = 0; a < n; a++) {
            rev[a] = n - 1 - a;
        }
        assertStructure(d.permute(rev), x.transpose().rechunk(Chunks.of(plusOne)));
        Slice[] odd = new Slice[n];
        Arrays.fill(odd, Slice.from(1).withStep(2));
        assertStructure(StructureSliceTest.reference(d, odd), x.get(odd).rechunk(Chunks.of(ones)));
    }

    @Test
    void allToAllRechunkRunsInTwoStages() {
        INDArray d = StructureAssert.dense(DataType.DOUBLE, 200, 150);
        ChunkedArray x = ChunkedArray.fromArray(d, Chunks.of(200, 1));
        ChunkGrid target = Chunks.of(1, 150).resolve(x.shape(), x.dtype());
        ChunkGrid mid = Rechunk.intermediate(x.grid(), target);
        assertNotNull(mid, "an all-to-all rechunk gets an intermediate grid");
        assertArrayEquals(new long[] {14}, new long[] {mid.chunk(0, 0)}, "sqrt(200 * 1) rounded");
        assertArrayEquals(new long[] {12}, new long[] {mid.chunk(1, 0)}, "sqrt(1 * 150) rounded");
        assertTrue(Rechunk.edges(x.grid(), mid) + Rechunk.edges(mid, target) < Rechunk.edges(x.grid(), target) / 5, "4850 edges instead of 30000");
        ChunkedArray y = x.rechunk(Chunks.of(1, 150));
        assertStructure(d, y);
        assertArrayEquals(target.chunks(), y.chunks());
        // and back, from owned blocks
        ChunkedArray z = StructureAssert.chunked(d, new long[] {1, 150}, true).rechunk(Chunks.of(200, 1));
        assertStructure(d, z);
    }

    @Test
    void simpleRechunksStayDirect() {
        ChunkGrid a = Chunks.of(10, 10).resolve(new long[] {100, 100}, DType.FLOAT64);
        assertNull(Rechunk.intermediate(a, Chunks.of(20, 20).resolve(new long[] {100, 100}, DType.FLOAT64)));
        assertNull(Rechunk.intermediate(a, Chunks.of(7, 13).resolve(new long[] {100, 100}, DType.FLOAT64)));
        assertNull(Rechunk.intermediate(a, Chunks.of(100, 1).resolve(new long[] {100, 100}, DType.FLOAT64)));
        ChunkGrid v = Chunks.of(1).resolve(new long[] {1000}, DType.FLOAT64);
        assertNull(Rechunk.intermediate(v, Chunks.of(1000).resolve(new long[] {1000}, DType.FLOAT64)),
                "1-D rechunks never have more edges than blocks");
    }

    @Test
    void everyDtypeThroughBothCopyPaths() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT, DataType.LONG, DataType.INT,
            DataType.SHORT, DataType.UINT8, DataType.UINT16, DataType.BYTE, DataType.UINT32, DataType.BOOL}) {
            INDArray d = StructureAssert.dense(type, 70, 60);
            for (boolean owned : new boolean[] {false, true}) {
                ChunkedArray x = StructureAssert.chunked(d, new long[] {70, 1}, owned);
                assertStructure(d, x.rechunk(Chunks.of(1, 60))); // small pieces: element copies
                assertStructure(d, x.rechunk(Chunks.of(-1, -1))); // 60 pieces of 70
                ChunkedArray big = StructureAssert.chunked(d, new long[] {50, 40}, owned);
                assertStructure(d, big.rechunk(Chunks.of(35, 60))); // pieces above the threshold: views
            }
        }
    }

    @Test
    void regionCopyMatchesTheElementReference() {
        Random rnd = new Random(7);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT, DataType.LONG, DataType.INT,
            DataType.SHORT, DataType.UINT8, DataType.UINT16, DataType.BYTE, DataType.UINT32, DataType.BOOL}) {
            INDArray base = StructureAssert.dense(type, 9, 8, 40);
            // sources: the dense array, a view of a view, a permuted view, a strided slice
            INDArray[] sources = {
                base,
                Regions.view(Regions.view(base, new long[] {1, 1, 2}, new long[] {8, 7, 38}), new long[] {1, 0, 3},
                        new long[] {6, 6, 30}),
                Structure.permute(Regions.view(base, new long[] {2, 1, 0}, new long[] {6, 7, 40}), new int[] {2, 0, 1}),
                Structure.sliceView(base, new long[] {1, 0, 2}, new long[] {2, 1, 3}, new long[] {4, 8, 12},
                        new boolean[] {false, false, false}),
            };
            for (INDArray src : sources) {
                for (int trial = 0; trial < 6; trial++) {
                    long[] s = src.shape();
                    long[] len = new long[3];
                    long[] so = new long[3];
                    long[] dof = new long[3];
                    for (int a = 0; a < 3; a++) {
                        len[a] = 1 + rnd.nextInt((int) s[a]);
                        so[a] = rnd.nextInt((int) (s[a] - len[a] + 1));
                        dof[a] = rnd.nextInt(3);
                    }
                    INDArray dstBase = StructureAssert.dense(type, len[0] + 4, len[1] + 4, len[2] + 4);
                    INDArray dst = Regions.view(dstBase, new long[] {1, 0, 1}, new long[] {len[0] + 3, len[1] + 3, len[2] + 3});
                    INDArray expected = dst.dup('c');
                    for (long i = 0; i < len[0]; i++) {
                        for (long j = 0; j < len[1]; j++) {
                            for (long k = 0; k < len[2]; k++) {
                                expected.putScalar(new long[] {dof[0] + i, dof[1] + j, dof[2] + k},
                                        src.getDouble(so[0] + i, so[1] + j, so[2] + k));
                            }
                        }
                    }
                    Regions.copy(src, so, dst, dof, len);
                    assertSameValues(expected, dst, type + " copy of " + Arrays.toString(len) + " from "
                            + Arrays.toString(so) + " of " + Arrays.toString(s));
                }
            }
        }
        INDArray s0 = StructureAssert.dense(DataType.DOUBLE, 3, 4);
        INDArray d0 = StructureAssert.dense(DataType.DOUBLE);
        Regions.copy(Structure.sliceView(s0, new long[] {2, 1}, new long[] {1, 1}, new long[] {1, 1},
                new boolean[] {true, true}), new long[0], d0, new long[0], new long[0]);
        assertSameValues(StructureAssert.dense(DataType.DOUBLE).assign(9.0), d0, "0-d copy");
    }
}
