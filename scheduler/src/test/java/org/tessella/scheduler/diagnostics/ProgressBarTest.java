package org.tessella.scheduler.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tessella.scheduler.Callbacks;
import org.tessella.scheduler.Graph;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Layer;
import org.tessella.scheduler.SynchronousScheduler;
import org.tessella.scheduler.Task;

/** The progress bar's line and when it draws. */
class ProgressBarTest {
    private static final String NL = System.lineSeparator();

    /** {@code n} tasks sleeping {@code millis} each, a literal and a sum; the output key is "sum". */
    private static Graph graph(int n, long millis) {
        List<Task> tasks = new ArrayList<>();
        Key[] parts = new Key[n];
        for (int i = 0; i < n; i++) {
            parts[i] = Key.of("p", i);
            tasks.add(Task.of(parts[i], a -> {
                Thread.sleep(millis);
                return 1;
            }, Key.of("one")));
        }
        Graph g = Graph.merge(Graph.of(Layer.of("p", tasks)),
                Graph.of(Layer.of("one", List.of(Task.data(Key.of("one"), 1)))));
        return Graph.of(Layer.of("sum", List.of(Task.of(Key.of("sum"), a -> a.size(), parts))), g);
    }

    @Test
    void lineShowsDoneOfTotalElapsedAndEstimate() {
        assertEquals("[###############               ]  50% 50/100 tasks | 2.0 s elapsed | ~2.0 s left",
                ProgressBar.line(50, 100, 2_000_000_000L));
        assertEquals("[##########                    ]  33% 1/3 tasks | 3.0 s elapsed | ~6.0 s left",
                ProgressBar.line(1, 3, 3_000_000_000L));
        assertEquals("[                              ]   0% 0/10 tasks | 0.5 s elapsed | ~? left",
                ProgressBar.line(0, 10, 500_000_000L));
        assertEquals("[##############################] 100% 10/10 tasks | 1.2 s elapsed | ~0.0 s left",
                ProgressBar.line(10, 10, 1_200_000_000L));
        assertEquals("[##############################] 100% 0/0 tasks | 0.0 s elapsed | ~? left",
                ProgressBar.line(0, 0, 0));
    }

    @Test
    void lineDoesNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertTrue(ProgressBar.line(1, 4, 1_500_000_000L).endsWith("1.5 s elapsed | ~4.5 s left"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void quietUnlessEnabled() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            new SynchronousScheduler().compute(graph(20, 0), List.of(Key.of("sum")));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aComputationEndsWithTheFullLine() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (AutoCloseable handle = Callbacks.register(bar)) {
            new SynchronousScheduler().compute(graph(20, 0), List.of(Key.of("sum")));
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        // Usually drawn once; on a busy machine the computation may outlast a redraw interval.
        String last = text.substring(text.lastIndexOf('\r'));
        assertTrue(last.startsWith("\r[##############################] 100% 21/21 tasks | "), text);
        assertTrue(last.endsWith(" left" + NL), text);
        assertEquals(1, text.split(NL, -1).length - 1, "one line");
    }

    @Test
    void aLongComputationIsRedrawnInPlace() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (AutoCloseable handle = Callbacks.register(bar)) {
            new SynchronousScheduler().compute(graph(8, 40), List.of(Key.of("sum")));
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.split("\r", -1).length - 1 >= 2, "redrawn while running: " + text);
        assertTrue(text.contains("/9 tasks"), text);
        assertEquals(1, text.split(NL, -1).length - 1, "one line, redrawn with carriage returns");
    }

    @Test
    void enableDrawsOnStandardErrorUntilClosed() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            try (AutoCloseable handle = ProgressBar.enable()) {
                new SynchronousScheduler().compute(graph(5, 0), List.of(Key.of("sum")));
            }
            new SynchronousScheduler().compute(graph(5, 0), List.of(Key.of("sum")));
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("100% 6/6 tasks"), text);
        assertEquals(1, text.split(NL, -1).length - 1, "nothing after close: " + text);
        assertThrows(IllegalArgumentException.class, () -> new ProgressBar(null));
    }
}
