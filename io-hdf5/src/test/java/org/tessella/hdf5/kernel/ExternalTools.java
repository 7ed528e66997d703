package org.tessella.hdf5.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs HDF5's command-line tools (Debian hdf5-tools) to check files from the outside. */
final class ExternalTools {
    private ExternalTools() {
    }

    /** @return true if {@code h5dump} is on the PATH */
    static boolean h5dumpAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "h5dump"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command and returns its standard output; fails on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + Arrays.toString(command));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("exit " + p.exitValue() + " from " + Arrays.toString(command) + ":\n" + text);
        }
        return text;
    }

    /** @return the values h5dump prints for a dataset, in C order, as strings */
    static List<String> h5dumpValues(Path file, String dataset, String floatFormat) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("h5dump", "-d", dataset, "-y", "-w", "0"));
        if (floatFormat != null) {
            cmd.addAll(List.of("-m", floatFormat));
        }
        cmd.add(file.toString());
        String text = run(cmd.toArray(String[]::new));
        int start = text.indexOf("DATA {");
        if (start < 0) {
            throw new AssertionError("no DATA in h5dump output:\n" + text);
        }
        int end = text.indexOf('}', start);
        String body = text.substring(start + "DATA {".length(), end).trim();
        List<String> values = new ArrayList<>();
        for (String v : body.split("[,\\s]+")) {
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return values;
    }

    /** @return h5dump's header of a dataset (-H -p): datatype, dataspace, layout, filters */
    static String h5dumpHeader(Path file, String dataset) throws IOException, InterruptedException {
        return run("h5dump", "-H", "-p", "-d", dataset, file.toString());
    }
}
