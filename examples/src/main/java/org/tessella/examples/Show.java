package org.tessella.examples;

import java.util.Locale;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Console output of the demo: each result with the time it took. */
final class Show {
    private static final int CORNER = 3;

    private Show() {
    }

    /** Runs {@code work}, then prints {@code label}, the result (see {@link #format}) and the time. */
    static <T> T timed(String label, Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-44s %s%n%-44s (%.2f s)%n%n", label, format(value), "", seconds);
        System.out.flush();
        return value;
    }

    /** A scalar as a number; a short vector as its values; a matrix as its shape and top-left corner. */
    static String format(Object value) {
        if (!(value instanceof INDArray a)) {
            return String.valueOf(value);
        }
        if (a.length() == 1) {
            return String.format(Locale.ROOT, "%.6f", a.getDouble(0));
        }
        if (a.rank() == 1 && a.length() <= 8) {
            StringBuilder v = new StringBuilder("[");
            for (long i = 0; i < a.length(); i++) {
                v.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", a.getDouble(i)));
            }
            return v.append(']').toString();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(java.util.Arrays.toString(a.shape())).append(" array, top-left corner:");
        if (a.rank() != 2) {
            return sb.append(" (not 2-d)").toString();
        }
        long rows = Math.min(CORNER, a.rows());
        long cols = Math.min(CORNER, a.columns());
        for (long r = 0; r < rows; r++) {
            sb.append(System.lineSeparator()).append(String.format(Locale.ROOT, "%-44s", "")).append(' ');
            for (long c = 0; c < cols; c++) {
                sb.append(String.format(Locale.ROOT, "%14.4f", a.getDouble(r, c)));
            }
            sb.append(cols < a.columns() ? "  ..." : "");
        }
        return sb.toString();
    }
}
