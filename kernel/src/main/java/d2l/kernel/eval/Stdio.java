package d2l.kernel.eval;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out}/{@code System.err} for the whole JVM (user code runs in-process,
 * also on threads it starts) and routes the text to the current cell's {@link OutputSink}.
 * Outside a cell the text goes to the original streams. {@code System.in} reads as empty unless
 * the cell was given an {@link InputSource}, so a cell that reads input never hangs unseen.
 */
public final class Stdio {
    private static final PrintStream ORIGINAL_OUT = System.out;
    private static final PrintStream ORIGINAL_ERR = System.err;
    private static volatile Stdio installed;

    private final StreamBuffer out = new StreamBuffer(text -> deliver("stdout", text));
    private final StreamBuffer err = new StreamBuffer(text -> deliver("stderr", text));
    private final CellInput in = new CellInput();
    private volatile OutputSink sink;

    private Stdio() {}

    /** Installs the capture once per JVM and returns it. */
    public static synchronized Stdio install() {
        if (installed == null) {
            var stdio = new Stdio();
            System.setOut(new PrintStream(stdio.out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stdio.err, true, StandardCharsets.UTF_8));
            System.setIn(stdio.in);
            installed = stdio;
        }
        return installed;
    }

    /** The process's real standard error, for the kernel's own log lines. */
    public static PrintStream log() {
        return ORIGINAL_ERR;
    }

    void route(OutputSink target) {
        sink = target;
    }

    /** Where the current cell's {@code System.in} reads come from; null means empty input. */
    void input(InputSource source) {
        in.use(source);
    }

    OutputSink sink() {
        return sink;
    }

    /** Delivers everything printed so far, so outputs keep their order. */
    void flush() {
        System.out.flush();
        System.err.flush();
        out.drain();
        err.drain();
    }

    private void deliver(String name, String text) {
        var s = sink;
        if (s != null) {
            s.stream(name, text);
        } else {
            (name.equals("stdout") ? ORIGINAL_OUT : ORIGINAL_ERR).print(text);
        }
    }
}
