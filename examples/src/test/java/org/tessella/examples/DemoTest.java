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
        // the compressed SVD prints its 5 singular values, descending, and its error estimate
        java.util.regex.Matcher svd = java.util.regex.Pattern.compile(
                "svdCompressed\\(x, k=5\\): s +\\[([0-9., ]+)\\]  \\(error \\|\\|x - u s v\\|\\|_F = ([0-9.]+), \\|\\|x\\|\\|_F = ([0-9.]+)\\)")
                .matcher(text);
        assertTrue(svd.find(), text);
        double[] s = java.util.Arrays.stream(svd.group(1).split(", ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(5, s.length, svd.group(1));
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] <= s[i - 1] && s[i] > 0, "descending and positive: " + svd.group(1));
        }
        double error = Double.parseDouble(svd.group(2));
        double norm = Double.parseDouble(svd.group(3));
        double sum = 0;
        for (double v : s) {
            sum += v * v;
        }
        // ||x||_F^2 = ||u s v||_F^2 + ||x - u s v||_F^2 (the residual is orthogonal to the approximation, up to the
        // rounding of the printed 4-6 digits)
        assertEquals(norm * norm, sum + error * error, 1e-3 * norm * norm, "Pythagoras of the printed figures");
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
