package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Files written by Tessella, read by the HDF Group's own h5dump (Debian hdf5-tools). */
class H5dumpTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireH5dump() {
        Assumptions.assumeTrue(ExternalTools.h5dumpAvailable(), "h5dump not on PATH: apt-get install -y hdf5-tools");
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (H5Type type : H5Type.values()) {
            out.add(Arguments.of(type, false));
            out.add(Arguments.of(type, true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} compressed={1}")
    @MethodSource("cases")
    void h5dumpReadsWhatWeWrite(H5Type type, boolean compressed) throws Exception {
        long[] shape = {6, 7};
        INDArray data = TestArrays.make(type, shape, compressed ? TestArrays.Data.SMOOTH : TestArrays.Data.RANDOM, 5);
        Path file = dir.resolve("dump.h5");
        try (H5Transaction tx = H5Transaction.createFile(file, false)) {
            DatasetSink sink = tx.createDataset("/g/x", shape, type, compressed ? new long[] {4, 3} : null,
                    compressed ? 6 : -1, compressed, false);
            // Two row blocks: the first covers whole chunks (raw-chunk writes), the second the ragged edge.
            BlockWriter.write(sink, TestArrays.box(data, new long[] {0, 0}, new long[] {4, 7}), new long[] {0, 0});
            BlockWriter.write(sink, TestArrays.box(data, new long[] {4, 0}, new long[] {2, 7}), new long[] {4, 0});
            tx.commit();
        }
        String header = ExternalTools.h5dumpHeader(file, "/g/x");
        assertTrue(header.contains(expectedTypeName(type)), header);
        assertTrue(header.contains("( 6, 7 ) / ( 6, 7 )"), header);
        if (compressed) {
            assertTrue(header.contains("CHUNKED ( 4, 3 )"), header);
            assertTrue(header.contains("PREPROCESSING SHUFFLE"), header);
            assertTrue(header.contains("COMPRESSION DEFLATE { LEVEL 6 }"), header);
        } else {
            assertTrue(header.contains("CONTIGUOUS"), header);
        }
        String format = type == H5Type.FLOAT32 ? "%.9g" : type == H5Type.FLOAT64 ? "%.17g" : null;
        List<String> dumped = ExternalTools.h5dumpValues(file, "/g/x", format);
        List<String> expected = expectedValues(type, data);
        assertEquals(expected.size(), dumped.size());
        for (int k = 0; k < expected.size(); k++) {
            String d = dumped.get(k);
            String e = expected.get(k);
            if (type == H5Type.FLOAT32) {
                assertEquals(Float.parseFloat(e), Float.parseFloat(d), "element " + k);
            } else if (type == H5Type.FLOAT64) {
                assertEquals(Double.parseDouble(e), Double.parseDouble(d), "element " + k);
            } else {
                assertEquals(e, d, "element " + k);
            }
        }
    }

    static Stream<Arguments> facadeCases() {
        List<Arguments> out = new ArrayList<>();
        for (org.tessella.ndarray.DType d : new org.tessella.ndarray.DType[] {org.tessella.ndarray.DType.INT8,
            org.tessella.ndarray.DType.UINT32}) {
            out.add(Arguments.of(d, false));
            out.add(Arguments.of(d, true));
        }
        return out.stream();
    }

    /**
     * int8 and uint32 ChunkedArrays stored through the façade ({@code Hdf5.store}, ragged blocks) are the standard
     * types to h5dump, with negative int8 values and uint32 values above 2^31 intact.
     */
    @ParameterizedTest(name = "{0} compressed={1}")
    @MethodSource("facadeCases")
    void h5dumpReadsInt8AndUint32StoredFromChunkedArrays(org.tessella.ndarray.DType dtype, boolean compressed)
            throws Exception {
        long[] shape = {6, 7};
        long[] v = new long[42];
        for (int k = 0; k < v.length; k++) {
            long h = (k * 2654435761L + 17) & 0xFFFF_FFFFL;
            v[k] = dtype == org.tessella.ndarray.DType.INT8 ? (byte) h : h;
        }
        v[0] = dtype == org.tessella.ndarray.DType.INT8 ? -128 : 0xFFFF_FFFFL;
        v[1] = dtype == org.tessella.ndarray.DType.INT8 ? 127 : 1L << 31;
        INDArray data = org.nd4j.linalg.factory.Nd4j.createFromArray(v).castTo(dtype.nd4j()).reshape('c', shape);
        org.tessella.ndarray.ChunkedArray x = org.tessella.ndarray.ChunkedArray.fromArray(data,
                org.tessella.ndarray.Chunks.of(4, 3));
        Path file = dir.resolve("facade.h5");
        org.tessella.hdf5.StoreOptions options = compressed
                ? org.tessella.hdf5.StoreOptions.defaults().deflate(6).shuffle(true)
                : org.tessella.hdf5.StoreOptions.defaults();
        org.tessella.hdf5.Hdf5.store(file, java.util.Map.of("/g/x", x), options);
        String header = ExternalTools.h5dumpHeader(file, "/g/x");
        H5Type type = dtype == org.tessella.ndarray.DType.INT8 ? H5Type.INT8 : H5Type.UINT32;
        assertTrue(header.contains("DATATYPE  " + expectedTypeName(type)), header);
        assertTrue(header.contains("CHUNKED ( 4, 3 )"), header);
        assertEquals(compressed, header.contains("COMPRESSION DEFLATE { LEVEL 6 }"), header);
        List<String> dumped = ExternalTools.h5dumpValues(file, "/g/x", null);
        List<String> expected = new ArrayList<>();
        for (long e : v) {
            expected.add(Long.toString(e));
        }
        assertEquals(expected, dumped);
    }

    private static String expectedTypeName(H5Type type) {
        return switch (type) {
            case INT8 -> "H5T_STD_I8LE";
            case INT16 -> "H5T_STD_I16LE";
            case INT32 -> "H5T_STD_I32LE";
            case INT64 -> "H5T_STD_I64LE";
            case UINT8 -> "H5T_STD_U8LE";
            case UINT16 -> "H5T_STD_U16LE";
            case UINT32 -> "H5T_STD_U32LE";
            case FLOAT32 -> "H5T_IEEE_F32LE";
            case FLOAT64 -> "H5T_IEEE_F64LE";
            case BOOL -> "H5T_ENUM";
        };
    }

    /** The values of {@code data} as h5dump prints them, decoded from its bytes independently of ND4J. */
    private static List<String> expectedValues(H5Type type, INDArray data) {
        ByteBuffer b = ByteBuffer.wrap(TestArrays.bytesOf(data)).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) data.length();
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(switch (type) {
                case INT8 -> Byte.toString(b.get(k));
                case UINT8 -> Integer.toString(Byte.toUnsignedInt(b.get(k)));
                case INT16 -> Short.toString(b.getShort(2 * k));
                case UINT16 -> Integer.toString(Short.toUnsignedInt(b.getShort(2 * k)));
                case INT32 -> Integer.toString(b.getInt(4 * k));
                case UINT32 -> Integer.toUnsignedString(b.getInt(4 * k));
                case INT64 -> Long.toString(b.getLong(8 * k));
                case FLOAT32 -> Float.toString(b.getFloat(4 * k));
                case FLOAT64 -> Double.toString(b.getDouble(8 * k));
                case BOOL -> b.get(k) != 0 ? "TRUE" : "FALSE";
            });
        }
        return out;
    }
}
