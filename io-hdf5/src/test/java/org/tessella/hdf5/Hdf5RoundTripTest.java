package org.tessella.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/** Every ChunkedArray dtype through the façade: store, open, compute, compared byte for byte. */
class Hdf5RoundTripTest {
    @TempDir
    Path dir;

    static final List<long[][]> SHAPES = List.of(
            new long[][] {{1000}, {64}},                       // shape, array chunks (ragged last chunk)
            new long[][] {{37, 23}, {8, 5}},
            new long[][] {{7, 5, 3}, {3, 2, 2}},
            new long[][] {{5, 4, 3, 6}, {2, 3, 2, 4}});

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType d : DType.values()) {
            for (boolean compressed : new boolean[] {false, true}) {
                for (long[][] s : SHAPES) {
                    out.add(Arguments.of(d, compressed, s[0], s[1]));
                }
            }
        }
        return out.stream();
    }

    /** Fixed-seed values of {@code dtype}: random bit patterns (floats: random finite values, bools: 0/1). */
    static INDArray values(DType dtype, long[] shape, long seed) {
        INDArray a = Nd4j.create(dtype.nd4j(), shape);
        int n = (int) a.length();
        byte[] bytes = new byte[n * dtype.itemSize()];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < n; k++) {
            switch (dtype) {
                case BOOL -> bytes[k] = (byte) r.nextInt(2);
                case FLOAT32 -> b.putFloat(4 * k, (float) r.nextDouble(-1e3, 1e3));
                case FLOAT64 -> b.putDouble(8 * k, r.nextDouble(-1e3, 1e3));
                default -> {
                    for (int j = 0; j < dtype.itemSize(); j++) {
                        bytes[k * dtype.itemSize() + j] = (byte) (k % 7 == 0 ? r.nextInt(256) : (k / 5 + j));
                    }
                }
            }
        }
        a.data().asNio().order(ByteOrder.LITTLE_ENDIAN).put(0, bytes);
        return a;
    }

    static byte[] bytes(INDArray a) {
        if (a.isEmpty()) {
            return new byte[0];
        }
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        ByteBuffer nio = c.data().asNio();
        byte[] out = new byte[(int) (c.length() * c.data().getElementSize())];
        nio.get(0, out);
        return out;
    }

    static void assertSameArray(INDArray expected, INDArray actual) {
        assertEquals(expected.dataType(), actual.dataType());
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(bytes(expected), bytes(actual));
    }

    @ParameterizedTest(name = "{0} compressed={1} {2}")
    @MethodSource("cases")
    void storeThenOpen(DType dtype, boolean compressed, long[] shape, long[] chunks) {
        INDArray data = values(dtype, shape, 7);
        Path file = dir.resolve("rt.h5");
        StoreOptions options = compressed ? StoreOptions.defaults().deflate(3).shuffle(true) : StoreOptions.defaults();
        Hdf5.store(file, Map.of("/g/x", ChunkedArray.fromArray(data, Chunks.of(chunks))), options);

        Hdf5File f = Hdf5.open(file);
        Hdf5DatasetInfo info = f.info("/g/x");
        assertEquals(dtype.numpyName(), info.dtype());
        assertArrayEquals(shape, info.shape());
        assertArrayEquals(chunks, info.chunkShape(), "file chunks default to the array's chunks");
        assertEquals(compressed ? 3 : -1, info.deflateLevel());
        assertEquals(compressed, info.shuffle());
        assertEquals(compressed, info.parallelDecoding());

        ChunkedArray back = f.dataset("/g/x");
        assertEquals(dtype, back.dtype());
        assertSameArray(data, back.compute());
        // Explicit chunks that cut the file's chunks.
        long[] odd = new long[shape.length];
        for (int a = 0; a < odd.length; a++) {
            odd[a] = Math.max(1, chunks[a] + 1);
        }
        ChunkedArray cut = f.dataset("/g/x", Chunks.of(odd));
        assertArrayEquals(odd, firstChunks(cut));
        assertSameArray(data, cut.compute());
    }

    private static long[] firstChunks(ChunkedArray x) {
        long[] c = new long[x.ndim()];
        for (int a = 0; a < c.length; a++) {
            c[a] = x.chunks()[a][0];
        }
        return c;
    }

    @Test
    void defaultBlocksAreWholeMultiplesOfTheFileChunks() {
        Path file = dir.resolve("blocks.h5");
        INDArray data = values(DType.FLOAT32, new long[] {300, 200}, 3);
        Hdf5.store(file, Map.of("x", ChunkedArray.fromArray(data, Chunks.of(30, 40))), StoreOptions.defaults());
        ChunkedArray x = Hdf5.open(file).dataset("x", 64 * 1024);
        for (int a = 0; a < 2; a++) {
            long chunk = a == 0 ? 30 : 40;
            long[] lengths = x.chunks()[a];
            for (int i = 0; i < lengths.length - 1; i++) {
                assertEquals(0, lengths[i] % chunk, "axis " + a + ": " + java.util.Arrays.toString(lengths));
            }
        }
        assertTrue(x.chunks()[0][0] * x.chunks()[1][0] * 4 <= 64 * 1024);
        assertTrue(x.numBlocks()[0] * x.numBlocks()[1] > 1);
        assertSameArray(data, x.compute());
        // One block when the whole dataset fits the default budget.
        assertEquals(1, Hdf5.open(file).dataset("x").grid().totalBlocks());
    }

    @Test
    void severalArraysAndAnExpressionInOneStore() {
        Path file = dir.resolve("several.h5");
        INDArray a = values(DType.FLOAT64, new long[] {40, 30}, 1);
        ChunkedArray x = ChunkedArray.fromArray(a, Chunks.of(16, 10));
        Map<String, ChunkedArray> out = new LinkedHashMap<>();
        out.put("/raw", x);
        out.put("/derived/plus_one", x.add(1));
        out.put("/derived/total", x.sum());
        Hdf5.store(file, out, StoreOptions.defaults().deflate(1));
        Hdf5File f = Hdf5.open(file);
        assertEquals(List.of("/derived/plus_one", "/derived/total", "/raw"), f.datasets());
        assertEquals(List.of("/derived"), f.groups());
        assertSameArray(a, f.dataset("/raw").compute());
        assertSameArray(a.add(1), f.dataset("/derived/plus_one").compute());
        INDArray total = f.dataset("/derived/total").compute();
        assertEquals(0, total.rank());
        assertEquals(a.sumNumber().doubleValue(), total.getDouble(0), 1e-9 * Math.abs(a.sumNumber().doubleValue()) + 1e-9);
    }

    @Test
    void fileChunksThatCutTheBlocksWithTwoWorkers() {
        Path file = dir.resolve("cut.h5");
        INDArray a = values(DType.FLOAT32, new long[] {95, 47}, 4);
        try (org.tessella.scheduler.ThreadedScheduler two = org.tessella.scheduler.Schedulers.threaded(2)) {
            // Blocks of 16 x 10 over file chunks of 10 x 7: most chunks are shared by blocks (library
            // read-modify-write under the lock), some are whole (compressed by the workers).
            Hdf5.store(two, file, Map.of("/x", ChunkedArray.fromArray(a, Chunks.of(16, 10))),
                    StoreOptions.defaults().chunks(10, 7).deflate(5).shuffle(true));
            assertArrayEquals(new long[] {10, 7}, Hdf5.open(file).info("/x").chunkShape());
            assertSameArray(a, Hdf5.open(file).dataset("/x").compute(two));
        }
    }

    @Test
    void emptyAndZeroDimensionalArrays() {
        Path file = dir.resolve("edges.h5");
        Map<String, ChunkedArray> out = new LinkedHashMap<>();
        out.put("/empty", ChunkedArray.zeros(new long[] {0, 4}, DType.INT64, Chunks.of(2, 2)));
        out.put("/scalar", ChunkedArray.full(new long[0], 2.5, DType.FLOAT32, Chunks.of()));
        Hdf5.store(file, out, StoreOptions.defaults().deflate(1));
        Hdf5File f = Hdf5.open(file);
        INDArray empty = f.dataset("/empty").compute();
        assertArrayEquals(new long[] {0, 4}, empty.shape());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.LONG, empty.dataType());
        INDArray scalar = f.dataset("/scalar").compute();
        assertEquals(0, scalar.rank());
        assertEquals(2.5f, scalar.getFloat(0));
    }

    @Test
    void storeIntoTheFileBeingRead() {
        Path file = dir.resolve("inplace.h5");
        INDArray a = values(DType.INT32, new long[] {50, 20}, 2);
        Hdf5.store(file, Map.of("/a", ChunkedArray.fromArray(a, Chunks.of(10, 20))),
                StoreOptions.defaults().deflate(4).shuffle(true));
        ChunkedArray x = Hdf5.open(file).dataset("/a");
        // Read /a while adding /b to the same file, then overwrite /a with itself times two.
        Hdf5.store(file, Map.of("/b", x.mul(3)), StoreOptions.defaults());
        Hdf5.store(file, Map.of("/a", x.mul(2)), StoreOptions.defaults().overwrite(true));
        Hdf5File f = Hdf5.open(file);
        assertSameArray(a.mul(3), f.dataset("/b").compute());
        assertSameArray(a.mul(2), f.dataset("/a").compute());
    }

    /** Every dataset of the h5py fixture that ChunkedArray can hold, through the façade, against the kernel's read. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/typed/int8", "/typed/int16", "/typed/int32",
            "/typed/int64", "/typed/uint8", "/typed/uint16", "/typed/uint32", "/typed/float32", "/typed/float64",
            "/typed/bool", "/plain/one_d",
            "/plain/four_d", "/plain/contiguous", "/plain/big_endian", "/plain/fletcher32", "/plain/sparse",
            "/plain/scalar", "/plain/empty"})
    void readsTheH5pyFixture(String path) {
        INDArray expected;
        try (org.tessella.hdf5.kernel.H5File f = org.tessella.hdf5.kernel.H5File.open(H5pyFixture.path(),
                org.tessella.hdf5.kernel.H5File.Mode.READ)) {
            org.tessella.hdf5.kernel.DatasetSource s = org.tessella.hdf5.kernel.DatasetSource.of(f, path);
            expected = org.tessella.hdf5.kernel.BlockReader.read(s, new long[s.info().ndim()], s.info().shape(),
                    org.tessella.hdf5.kernel.BlockReader.Path.HYPERSLAB);
        }
        Hdf5File f = Hdf5.open(H5pyFixture.path());
        assertSameArray(expected, f.dataset(path).compute());
        long[] shape = f.info(path).shape();
        long[] small = new long[shape.length];
        for (int a = 0; a < small.length; a++) {
            small[a] = Math.max(1, (shape[a] + 2) / 3);
        }
        assertSameArray(expected, f.dataset(path, Chunks.of(small)).compute());
    }

    @Test
    void attributesAndListingThroughTheFacade() {
        Hdf5File f = Hdf5.open(H5pyFixture.path());
        assertTrue(f.datasets().contains("/typed/float64"));
        assertTrue(f.groups().contains("/plain"));
        assertEquals("K", f.attributes("/typed").get("units"));
        assertEquals(3L, f.attributes("/").get("version"));
    }
}
