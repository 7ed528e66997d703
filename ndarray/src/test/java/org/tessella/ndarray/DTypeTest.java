package org.tessella.ndarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** DType against NumPy's type rules (tables written by hand in {@link NumpyTypes}). */
class DTypeTest {
    static Stream<Arguments> pairs() {
        return Stream.of(NumpyTypes.ORDER).flatMap(a -> Stream.of(NumpyTypes.ORDER).map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "result_type({0}, {1})")
    @MethodSource("pairs")
    void promoteIsNumpyResultType(DType a, DType b) {
        assertEquals(NumpyTypes.resultType(a, b), DType.promote(a, b));
    }

    /** Pairs with int8 and uint32 spelled out (the table above has them too), each as NumPy 2.4.6 prints it. */
    @Test
    void int8AndUint32Promotions() {
        assertEquals(DType.INT16, DType.promote(DType.INT8, DType.UINT8));
        assertEquals(DType.INT32, DType.promote(DType.INT8, DType.UINT16));
        assertEquals(DType.INT64, DType.promote(DType.INT8, DType.UINT32));
        assertEquals(DType.INT16, DType.promote(DType.INT8, DType.INT16));
        assertEquals(DType.INT8, DType.promote(DType.INT8, DType.BOOL));
        assertEquals(DType.FLOAT32, DType.promote(DType.INT8, DType.FLOAT32));
        assertEquals(DType.INT64, DType.promote(DType.UINT32, DType.INT32));
        assertEquals(DType.INT64, DType.promote(DType.UINT32, DType.INT64));
        assertEquals(DType.INT64, DType.promote(DType.UINT32, DType.INT16));
        assertEquals(DType.UINT32, DType.promote(DType.UINT32, DType.UINT8));
        assertEquals(DType.UINT32, DType.promote(DType.UINT16, DType.UINT32));
        assertEquals(DType.UINT32, DType.promote(DType.BOOL, DType.UINT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.UINT32, DType.FLOAT32));
        assertEquals(DType.FLOAT64, DType.promote(DType.UINT32, DType.FLOAT64));
        assertEquals(DType.INT8, DType.promoteWithScalar(DType.INT8, false));
        assertEquals(DType.UINT32, DType.promoteWithScalar(DType.UINT32, false));
        assertEquals(DType.FLOAT64, DType.promoteWithScalar(DType.UINT32, true));
        assertEquals(DType.FLOAT32, DType.INT8.toFloating());
        assertEquals(DType.FLOAT64, DType.UINT32.toFloating());
    }

    @Test
    void resultTypeTableIsSymmetric() {
        for (DType a : NumpyTypes.ORDER) {
            for (DType b : NumpyTypes.ORDER) {
                assertEquals(NumpyTypes.resultType(a, b), NumpyTypes.resultType(b, a), a + " " + b);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void promoteWithPythonScalars(DType d) {
        assertEquals(NumpyTypes.withScalar(d, false), DType.promoteWithScalar(d, false));
        assertEquals(NumpyTypes.withScalar(d, true), DType.promoteWithScalar(d, true));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void floatingFunctionsType(DType d) {
        assertEquals(NumpyTypes.floatFunction(d), d.toFloating());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void namesSizesAndNd4jTypesRoundTrip(DType d) {
        assertEquals(d, DType.parse(d.numpyName()));
        assertEquals(d, DType.of(d.nd4j()));
        assertEquals(d.nd4j().width(), d.itemSize());
        int kinds = (d.isFloating() ? 1 : 0) + (d.isInteger() ? 1 : 0) + (d.isBool() ? 1 : 0);
        assertEquals(1, kinds, "exactly one kind");
    }

    @Test
    void numpyNamesAndSizes() {
        assertEquals("float64", DType.FLOAT64.numpyName());
        assertEquals("uint16", DType.UINT16.numpyName());
        assertEquals("bool", DType.BOOL.numpyName());
        assertEquals(8, DType.FLOAT64.itemSize());
        assertEquals(4, DType.FLOAT32.itemSize());
        assertEquals(8, DType.INT64.itemSize());
        assertEquals(4, DType.INT32.itemSize());
        assertEquals(2, DType.INT16.itemSize());
        assertEquals(2, DType.UINT16.itemSize());
        assertEquals(1, DType.UINT8.itemSize());
        assertEquals(1, DType.INT8.itemSize());
        assertEquals(4, DType.UINT32.itemSize());
        assertEquals(1, DType.BOOL.itemSize());
        assertEquals("int8", DType.INT8.numpyName());
        assertEquals("uint32", DType.UINT32.numpyName());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.BYTE, DType.INT8.nd4j());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.UINT32, DType.UINT32.nd4j());
        assertTrue(DType.INT8.isInteger());
        assertTrue(DType.UINT32.isInteger());
        assertTrue(DType.UINT8.isInteger());
        assertFalse(DType.BOOL.isInteger());
    }
}
