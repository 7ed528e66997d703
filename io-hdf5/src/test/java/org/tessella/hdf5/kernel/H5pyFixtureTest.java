package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tessella.hdf5.Hdf5ArgumentException;

/**
 * Reads the fixture written by h5py 3.7 / libhdf5 1.10.8 (see src/test/resources/fixtures/README.md). The
 * expected values mirror make_h5py_fixture.py's VALUES.
 */
class H5pyFixtureTest {
    static Path fixture() {
        try {
            return Path.of(H5pyFixtureTest.class.getResource("/fixtures/h5py_fixture.h5").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** make_h5py_fixture.py's VALUES, as exact integers (booleans as 0/1, floats as value * 4). */
    static LongFunction<BigInteger> formula(H5Type type) {
        return k -> switch (type) {
            case INT8 -> BigInteger.valueOf((k * 37 + 11) % 251 - 125);
            case INT16 -> BigInteger.valueOf((k * 1237 + 11) % 65521 - 32760);
            case INT32 -> BigInteger.valueOf((k * 1000003 + 11) % 2147483629L - 1073741800);
            case INT64 -> BigInteger.valueOf(k * 1000000000007L - 4000000000000000L);
            case UINT8 -> BigInteger.valueOf((k * 37 + 11) % 256);
            case UINT16 -> BigInteger.valueOf((k * 1237 + 11) % 65536);
            case UINT32 -> BigInteger.valueOf((k * 1000003 + 11) % 4294967291L);
            case FLOAT32, FLOAT64 -> BigInteger.valueOf(k - 12); // 4 * (k * 0.25 - 3.0)
            case BOOL -> BigInteger.valueOf(k % 3 == 0 ? 1 : 0);
        };
    }

    /** Decodes element k of a block's bytes the same way. */
    static BigInteger element(H5Type type, ByteBuffer b, int k) {
        return switch (type) {
            case INT8 -> BigInteger.valueOf(b.get(k));
            case UINT8, BOOL -> BigInteger.valueOf(Byte.toUnsignedInt(b.get(k)));
            case INT16 -> BigInteger.valueOf(b.getShort(2 * k));
            case UINT16 -> BigInteger.valueOf(Short.toUnsignedInt(b.getShort(2 * k)));
            case INT32 -> BigInteger.valueOf(b.getInt(4 * k));
            case UINT32 -> BigInteger.valueOf(Integer.toUnsignedLong(b.getInt(4 * k)));
            case INT64 -> BigInteger.valueOf(b.getLong(8 * k));
            case FLOAT32 -> BigInteger.valueOf((long) (b.getFloat(4 * k) * 4));
            case FLOAT64 -> BigInteger.valueOf((long) (b.getDouble(8 * k) * 4));
        };
    }

    /** Checks a block read at {@code offset} of a dataset of {@code shape} against the formula. */
    static void assertFormula(H5Type type, long[] shape, long[] offset, INDArray block, String what) {
        assertEquals(type.nd4j(), block.dataType(), what);
        ByteBuffer b = ByteBuffer.wrap(TestArrays.bytesOf(block)).order(ByteOrder.LITTLE_ENDIAN);
        long[] bs = block.shape();
        int[] k = {0};
        TestArrays.forEachBlock(bs, ones(bs.length), (idx, unused) -> {
            long flat = 0;
            for (int a = 0; a < shape.length; a++) {
                flat = flat * shape[a] + offset[a] + idx[a];
            }
            assertEquals(formula(type).apply(flat), element(type, b, k[0]), what + " element " + flat);
            k[0]++;
        });
    }

    static long[] ones(int n) {
        long[] o = new long[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    @ParameterizedTest
    @EnumSource(H5Type.class)
    void everyDtypeWithGzipShuffleAndRaggedChunks(H5Type type) {
        try (H5File f = H5File.open(fixture(), H5File.Mode.READ)) {
            DatasetInfo info = f.dataset("/typed/" + type.label());
            assertEquals(type, info.type());
            assertArrayEquals(new long[] {7, 5, 3}, info.shape());
            assertArrayEquals(new long[] {3, 2, 2}, info.chunkShape());
            assertEquals(List.of(DatasetInfo.Filter.SHUFFLE, DatasetInfo.Filter.DEFLATE), info.filters());
            assertEquals(4, info.deflateLevel());
            assertTrue(info.rawChunksDecodable());
            DatasetSource s = DatasetSource.of(f, info.path());
            for (BlockReader.Path path : BlockReader.Path.values()) {
                assertFormula(type, info.shape(), new long[3], BlockReader.read(s, new long[3], info.shape(), path),
                        path.name());
                // A block that cuts chunks on every axis.
                long[] off = {2, 1, 1};
                long[] shp = {4, 3, 2};
                assertFormula(type, info.shape(), off, BlockReader.read(s, off, shp, path), path + " part");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"one_d", "four_d", "contiguous", "gzip_only", "shuffle_only", "big_endian", "fletcher32"})
    void otherLayoutsAndPipelines(String name) {
        try (H5File f = H5File.open(fixture(), H5File.Mode.READ)) {
            DatasetInfo info = f.dataset("/plain/" + name);
            boolean raw = switch (name) {
                case "contiguous", "big_endian", "fletcher32" -> false; // read through hyperslabs
                default -> true;
            };
            assertEquals(raw, info.rawChunksDecodable(), info.toString());
            DatasetSource s = DatasetSource.of(f, info.path());
            long[] shape = info.shape();
            long[] block = shape.clone();
            for (int a = 0; a < block.length; a++) {
                block[a] = Math.max(1, (shape[a] + 1) / 2);
            }
            for (BlockReader.Path path : BlockReader.Path.values()) {
                TestArrays.forEachBlock(shape, block, (off, sh) ->
                        assertFormula(info.type(), shape, off, BlockReader.read(s, off, sh, path), name + " " + path));
            }
        }
    }

    @Test
    void sparseDatasetReadsTheFillValueWhereNoChunkWasWritten() {
        try (H5File f = H5File.open(fixture(), H5File.Mode.READ)) {
            DatasetSource s = DatasetSource.of(f, "/plain/sparse");
            INDArray all = BlockReader.read(s, new long[2], new long[] {10, 10});
            INDArray viaLibrary = BlockReader.read(s, new long[2], new long[] {10, 10}, BlockReader.Path.HYPERSLAB);
            TestArrays.assertSame(viaLibrary, all, "raw path against library");
            for (int i = 0; i < 10; i++) {
                for (int j = 0; j < 10; j++) {
                    long expected = i < 4 && j >= 4 && j < 8 ? formula(H5Type.INT16).apply(i * 4 + (j - 4)).longValue() : -7;
                    assertEquals(expected, all.getLong(i, j), "(" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void scalarEmptyAndSoftLink() {
        try (H5File f = H5File.open(fixture(), H5File.Mode.READ)) {
            INDArray scalar = BlockReader.read(DatasetSource.of(f, "/plain/scalar"), new long[0], new long[0]);
            assertEquals(0, scalar.rank());
            assertEquals(2.5, scalar.getDouble(0));
            INDArray empty = BlockReader.read(DatasetSource.of(f, "/plain/empty"), new long[2], new long[] {0, 4});
            assertTrue(empty.isEmpty());
            // A soft link opens the dataset it points to.
            assertEquals(f.dataset("/plain/one_d").objectToken(), f.dataset("/plain/soft").objectToken());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uint64", "float16", "strings", "complex"})
    void unsupportedDtypesAreNamed(String name) {
        try (H5File f = H5File.open(fixture(), H5File.Mode.READ)) {
            Hdf5ArgumentException e = assertThrows(Hdf5ArgumentException.class, () -> f.dataset("/unsupported/" + name));
            String expectedName = switch (name) {
                case "uint64" -> "uint64";
                case "float16" -> "float16";
                case "strings" -> "string of 2 bytes";
                default -> "compound of 2 members";
            };
            assertTrue(e.getMessage().contains("unsupported element type: " + expectedName), e.getMessage());
            assertTrue(e.getMessage().contains("/unsupported/" + name), e.getMessage());
            assertTrue(e.getMessage().contains(fixture().toString()), e.getMessage());
            assertEquals("/unsupported/" + name, e.dataset().orElseThrow());
        }
    }

    @Test
    void listsGroupsAndDatasets() {
        try (H5File f = H5File.open(fixture(), H5File.Mode.READ)) {
            List<H5Node> nodes = f.list();
            assertTrue(nodes.contains(new H5Node("/typed", H5Node.Kind.GROUP)));
            assertTrue(nodes.contains(new H5Node("/typed/uint16", H5Node.Kind.DATASET)));
            assertTrue(nodes.contains(new H5Node("/plain/four_d", H5Node.Kind.DATASET)));
            assertTrue(nodes.contains(new H5Node("/plain/soft", H5Node.Kind.OTHER)));
            assertTrue(nodes.contains(new H5Node("/unsupported/complex", H5Node.Kind.DATASET)));
            assertEquals(3, nodes.stream().filter(n -> n.kind() == H5Node.Kind.GROUP).count());
            assertEquals(10 + 10 + 4, nodes.stream().filter(n -> n.kind() == H5Node.Kind.DATASET).count());
            assertEquals(nodes.stream().sorted().toList(), nodes);
            assertEquals(H5Node.Kind.GROUP, f.kind("/plain"));
            assertEquals(H5Node.Kind.DATASET, f.kind("plain/soft"));
            assertEquals(null, f.kind("/plain/nothing/deeper"));
        }
    }

    @Test
    void readsAttributesOfEveryKind() {
        try (H5File f = H5File.open(fixture(), H5File.Mode.READ)) {
            Map<String, Object> root = f.attributes("/");
            assertEquals("Tessella h5py fixture", root.get("title"));
            assertEquals("fixed-len", root.get("fixed"));
            assertEquals(3L, root.get("version"));
            assertEquals(0.5, root.get("scale"));
            assertArrayEquals(new double[] {1.5, 2.5, 3.5}, (double[]) root.get("levels"));
            assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) root.get("flags"));
            assertArrayEquals(new String[] {"alpha", "beta"}, (String[]) root.get("names"));
            assertEquals(List.of("fixed", "flags", "levels", "names", "scale", "title", "version"),
                    List.copyOf(root.keySet()));
            assertEquals(Map.of("units", "K"), f.attributes("/typed"));
            assertEquals(Map.of("long_name", "ramp"), f.attributes("plain/one_d"));
            assertFalse(f.attributes("/plain/four_d").containsKey("long_name"));
            Hdf5ArgumentException e = assertThrows(Hdf5ArgumentException.class, () -> f.attributes("/nope"));
            assertTrue(e.getMessage().contains("object does not exist: /nope"), e.getMessage());
        }
    }
}
