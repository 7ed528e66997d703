package org.tessella.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.Chunks;
import org.tessella.ndarray.DType;

/** The façade's errors name the file and the dataset path. */
class Hdf5ErrorsTest {
    @TempDir
    Path dir;

    static void assertMentions(RuntimeException e, String... fragments) {
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    @Test
    void openErrors() throws Exception {
        Path missing = dir.resolve("missing.h5");
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> Hdf5.open(missing)), missing.toString(),
                "file does not exist");
        Path text = dir.resolve("text.h5");
        Files.writeString(text, "hello ".repeat(200));
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> Hdf5.open(text)), text.toString(),
                "not an HDF5 file");
        Path truncated = dir.resolve("truncated.h5");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(H5pyFixture.path()), 40_000));
        assertMentions(assertThrows(Hdf5Exception.class, () -> Hdf5.open(truncated)), truncated.toString(),
                "truncated file");
    }

    @Test
    void datasetErrors() {
        Hdf5File f = Hdf5.open(H5pyFixture.path());
        String file = H5pyFixture.path().toString();
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> f.dataset("/typed/nope")), file, "/typed/nope",
                "dataset does not exist", "/typed/float64");
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> f.dataset("/plain")), file, "/plain",
                "path names a group, not a dataset");
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> f.dataset("/unsupported/uint64")), file,
                "/unsupported/uint64", "unsupported element type: uint64");
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> f.info("/unsupported/complex")), file,
                "unsupported element type: compound");
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> f.attributes("/nope")), file, "/nope");
    }

    /** Element types without a ChunkedArray dtype: the error names the file, the dataset and the type. */
    @ParameterizedTest
    @ValueSource(strings = {"uint64", "float16", "strings", "complex"})
    void unsupportedTypesNameFileDatasetAndType(String name) {
        Hdf5File f = Hdf5.open(H5pyFixture.path());
        String type = switch (name) {
            case "strings" -> "string of 2 bytes";
            case "complex" -> "compound of 2 members";
            default -> name;
        };
        for (Runnable call : new Runnable[] {() -> f.dataset("/unsupported/" + name), () -> f.info("/unsupported/" + name)}) {
            assertMentions(assertThrows(Hdf5ArgumentException.class, call::run), H5pyFixture.path().toString(),
                    "/unsupported/" + name, "unsupported element type: " + type, "expected one of", "int8", "uint32");
        }
    }

    /** int8 and uint32, which the façade refused before DType had them, open with their own dtypes. */
    @ParameterizedTest
    @ValueSource(strings = {"int8", "uint32"})
    void int8AndUint32OpenWithTheirDtypes(String type) {
        Hdf5File f = Hdf5.open(H5pyFixture.path());
        assertEquals(type, f.info("/typed/" + type).dtype());
        ChunkedArray x = f.dataset("/typed/" + type, Chunks.of(4, 2, 2));
        assertEquals(DType.parse(type), x.dtype());
        org.nd4j.linalg.api.ndarray.INDArray a = x.compute();
        assertEquals(DType.parse(type).nd4j(), a.dataType());
        long[] values = a.castTo(org.nd4j.linalg.api.buffer.DataType.LONG).dup('c').data().asLong();
        assertEquals(7 * 5 * 3, values.length);
        for (int k = 0; k < values.length; k++) {
            // make_h5py_fixture.py's VALUES
            long want = type.equals("int8") ? (k * 37L + 11) % 251 - 125 : (k * 1000003L + 11) % 4294967291L;
            assertEquals(want, values[k], type + " element " + k);
        }
    }

    @Test
    void storeArgumentErrors() {
        Path file = dir.resolve("s.h5");
        ChunkedArray x = ChunkedArray.zeros(new long[] {4, 6}, DType.INT16, Chunks.of(2, 3));
        assertThrows(IllegalArgumentException.class, () -> Hdf5.store(file, Map.of(), StoreOptions.defaults()));
        Map<String, ChunkedArray> twice = new LinkedHashMap<>();
        twice.put("a", x);
        twice.put("/a", x);
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> Hdf5.store(file, twice, StoreOptions.defaults())),
                file.toString(), "/a", "appears twice");
        assertMentions(assertThrows(Hdf5ArgumentException.class, () -> Hdf5.store(file, Map.of("/a", x),
                StoreOptions.defaults().chunks(2, 2, 2))), file.toString(), "/a", "chunks has the wrong rank");
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.defaults().deflate(10));
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.defaults().chunks(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Hdf5.store(file, Map.of("a//b", x), StoreOptions.defaults()));
        assertTrue(Files.notExists(file));
        // A file that is not HDF5 is not added to.
        assertThrows(Hdf5ArgumentException.class, () -> {
            Files.writeString(file, "text ".repeat(100));
            Hdf5.store(file, Map.of("/a", x), StoreOptions.defaults());
        });
    }
}
