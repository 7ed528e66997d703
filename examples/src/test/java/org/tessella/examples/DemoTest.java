package org.tessella.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class DemoTest {
    @ParameterizedTest
    @CsvSource({"30, 7", "30, 1", "13, 5"})
    void inputIsTheSameMatrixForEveryChunkSize(long n, long chunk) {
        INDArray one = Demo.input(n, n).compute();
        INDArray chunked = Demo.input(n, chunk).compute();
        assertTrue(chunked.equalsWithEps(one, 0), "chunks " + chunk + " change the values");
        double min = one.minNumber().doubleValue();
        double max = one.maxNumber().doubleValue();
        assertTrue(min >= 0 && max < 1, "range [" + min + ", " + max + "]");
    }

    @Test
    void runsEveryExampleAndPrintsTheirResults() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[] {"40", "15"});
        } finally {
            System.setOut(out);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("x = 40 x 40 float64 uniform in [0, 1), 15 x 15 chunks, 9 blocks"), text);
        assertTrue(text.contains("z.std()"), text);
        // sin^2 + cos^2 = 1: the sum over 40 x 40 elements is 1600 up to rounding.
        assertTrue(text.contains("1600.000000"), text);
        // delayed: sum over a, b in 0..9 of (a < b ? a + b : a * b)
        long expected = 0;
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                expected += a < b ? a + b : (long) a * b;
            }
        }
        assertTrue(text.contains(" " + expected + "\n"), text);
    }

    @Test
    void badSizesAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Demo.main(new String[] {"0"}));
        assertEquals("n is not positive: 0; expected a positive integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Demo.main(new String[] {"10", "x"}));
        assertEquals("chunk is not a number: 'x'; expected a positive integer", e.getMessage());
    }
}
