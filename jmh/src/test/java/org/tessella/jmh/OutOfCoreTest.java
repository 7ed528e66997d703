package org.tessella.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutOfCoreTest {
    @ParameterizedTest
    @CsvSource({"300, 100", "301, 77", "5, 5"})
    void resultIsTwiceTheSumOfX(long n, long chunk) {
        OutOfCore.Outcome o = OutOfCore.run(n, chunk);
        assertTrue(o.correct(), o.toString());
        assertEquals(o.expected(), o.value(), Math.abs(o.expected()) * OutOfCore.TOLERANCE);
        assertTrue(o.meanIsPlausible(), o.toString());
        assertEquals(n * n, o.count());
        assertTrue(o.seconds() > 0);
    }
}
