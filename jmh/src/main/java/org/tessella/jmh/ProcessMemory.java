package org.tessella.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory from {@code /proc/self/status} (Linux): the current resident set
 * ({@code VmRSS}) and its high-water mark ({@code VmHWM}), which counts the Java heap, native blocks
 * and the mapped native libraries alike. On other systems the readings are -1.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    /** Peak resident bytes since the process started or since the last {@link #resetPeak()}. */
    public static long peakRssBytes() {
        return readKb("VmHWM:");
    }

    public static long rssBytes() {
        return readKb("VmRSS:");
    }

    /**
     * Restarts the peak from the current resident size (writes 5 to {@code /proc/self/clear_refs},
     * Linux 4.0+). Returns false where that is not possible; the peak then covers the whole process.
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long readKb(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String kb = line.substring(field.length()).trim();
                    return Long.parseLong(kb.substring(0, kb.indexOf(' '))) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
