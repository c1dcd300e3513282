package d2l.kernel.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces {@code System.out}/{@code System.err} for the whole JVM (user code runs in-process,
 * also on threads it starts) and routes the text to the {@link OutputSink} of the running cell of
 * the session the writing thread works for ({@link SessionContext#current()}): each session has
 * its {@link Streams}, so two sessions in one JVM keep their outputs apart. Text of a thread that
 * belongs to no session goes to the original streams. {@code System.in} reads as empty unless the
 * session's cell was given an {@link InputSource}, so a cell that reads input never hangs unseen.
 * A cell cannot take these streams away from later cells: closing them only flushes, and streams
 * a cell puts in their place with {@code System.setOut} (or {@code setErr}, {@code setIn}) are
 * replaced by the kernel's again when the cell ends.
 *
 * <p>A thread may have a route of its own ({@link #routeThread}): the comm thread, whose handler's
 * outputs belong to the front end's message it handles, while a cell running at the same time
 * keeps its outputs on its own request. Text printed on that thread is buffered apart.
 */
public final class Stdio {
    private static final PrintStream ORIGINAL_OUT = System.out;
    private static final PrintStream ORIGINAL_ERR = System.err;
    private static volatile Stdio installed;

    /** The streams of threads that belong to no session: the process's own. */
    private final Streams noSession = new Streams();

    private final ThreadLocal<Route> threadRoute = new ThreadLocal<>();
    private final PrintStream outStream = new Unclosable(new ByThread(true));
    private final CompilerOutput compilerErr = new CompilerOutput(new ByThread(false));
    private final PrintStream errStream = new Unclosable(compilerErr);
    private final InputStream in = new ByThreadInput();

    /**
     * One session's streams: what its threads print, buffered and sent to its running cell's sink
     * (to the process's streams while it has none), and what {@code System.in} reads for its cell.
     */
    static final class Streams {
        final StreamBuffer out = new StreamBuffer(text -> deliver("stdout", text));
        final StreamBuffer err = new StreamBuffer(text -> deliver("stderr", text));
        final CellInput in = new CellInput();
        volatile OutputSink sink;

        private void deliver(String name, String text) {
            var s = sink;
            if (s != null) {
                s.stream(name, text);
            } else {
                (name.equals("stdout") ? ORIGINAL_OUT : ORIGINAL_ERR).print(text);
            }
        }

        /** Delivers everything printed so far. */
        void drain() {
            out.drain();
            err.drain();
        }
    }

    /** The streams of the session the calling thread works for. */
    private Streams streams() {
        var session = SessionContext.current();
        return session == null ? noSession : session.streams;
    }

    /** A thread's own destination and the buffers of what it prints there. */
    static final class Route {
        final OutputSink sink;
        final StreamBuffer out;
        final StreamBuffer err;

        Route(OutputSink sink) {
            this.sink = sink;
            this.out = new StreamBuffer(text -> sink.stream("stdout", text));
            this.err = new StreamBuffer(text -> sink.stream("stderr", text));
        }

        void drain() {
            out.drain();
            err.drain();
        }
    }

    /** Writes to the calling thread's route if it has one, else to its session's buffer. */
    private final class ByThread extends java.io.OutputStream {
        private final boolean isOut;

        ByThread(boolean isOut) {
            this.isOut = isOut;
        }

        private StreamBuffer target() {
            var route = threadRoute.get();
            if (route != null) return isOut ? route.out : route.err;
            var streams = streams();
            return isOut ? streams.out : streams.err;
        }

        @Override
        public void write(int b) {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target().write(b, off, len);
        }
    }

    /** Reads the input of the calling thread's session. */
    private final class ByThreadInput extends InputStream {
        @Override
        public int read() throws IOException {
            return streams().in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return streams().in.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return streams().in.available();
        }
    }

    private Stdio() {}

    /** The capture if it is installed, else null (nothing asked for it in this JVM yet). */
    static Stdio installed() {
        return installed;
    }

    /** Installs the capture once per JVM and returns it. */
    public static synchronized Stdio install() {
        if (installed == null) {
            var stdio = new Stdio();
            System.setOut(stdio.outStream);
            System.setErr(stdio.errStream);
            System.setIn(stdio.in);
            installed = stdio;
        }
        return installed;
    }

    /**
     * Puts the kernel's streams back where a cell replaced them and names those it replaced:
     * a {@code System.setOut} in a cell lasts until the end of that cell.
     */
    List<String> reclaim() {
        var replaced = new ArrayList<String>();
        if (System.out != outStream) {
            System.out.flush();
            System.setOut(outStream);
            replaced.add("System.out");
        }
        if (System.err != errStream) {
            System.err.flush();
            System.setErr(errStream);
            replaced.add("System.err");
        }
        if (System.in != in) {
            System.setIn(in);
            replaced.add("System.in");
        }
        return replaced;
    }

    /**
     * While the calling thread compiles (it never runs cell code: JShell runs that on threads of its
     * own), what it writes to {@code System.err} is javac's own report of a crash (90 KB of stack
     * for a cell nested too deeply): it goes to the kernel's log, cut short, and the cell gets the
     * kernel's error instead. A mark of the thread, so sessions compiling at once keep theirs apart;
     * false ends it.
     */
    void compiling(boolean on) {
        if (on) compilerErr.logged.set(new int[1]);
        else compilerErr.logged.remove();
    }

    /** System.err's bytes, except those of compiling threads, which go to the log (at most 4 KB per compile). */
    private static final class CompilerOutput extends java.io.OutputStream {
        private static final int MAX_LOGGED = 4096;
        private final java.io.OutputStream cell;
        /** Set on a compiling thread: how many bytes it logged. */
        final ThreadLocal<int[]> logged = new ThreadLocal<>();

        CompilerOutput(java.io.OutputStream cell) {
            this.cell = cell;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            int[] count = logged.get();
            if (count == null) {
                cell.write(b, off, len);
                return;
            }
            int n = Math.min(len, MAX_LOGGED - count[0]);
            if (n > 0) ORIGINAL_ERR.write(b, off, n);
            count[0] += Math.max(0, n);
        }

        @Override
        public void flush() throws java.io.IOException {
            cell.flush();
        }
    }

    /** The kernel's streams outlive any cell: {@code System.out.close()} only flushes. */
    private static final class Unclosable extends PrintStream {
        Unclosable(java.io.OutputStream target) {
            super(target, true, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** The process's real standard error, for the kernel's own log lines. */
    public static PrintStream log() {
        return ORIGINAL_ERR;
    }

    /**
     * Until {@link #unrouteThread}, what the calling thread prints or displays goes to {@code target},
     * whatever the cell's route is. Returns the thread's route before, for {@code unrouteThread}.
     */
    Route routeThread(OutputSink target) {
        var before = threadRoute.get();
        threadRoute.set(new Route(target));
        return before;
    }

    /** Delivers what the calling thread printed on its own route, and puts back the route it had before. */
    void unrouteThread(Route before) {
        var route = threadRoute.get();
        if (route != null) {
            System.out.flush();
            System.err.flush();
            route.drain();
        }
        if (before == null) {
            threadRoute.remove();
        } else {
            threadRoute.set(before);
        }
    }

    /** Where outputs made on the calling thread go: its own route, or its session's running cell's. */
    OutputSink sink() {
        var route = threadRoute.get();
        return route != null ? route.sink : streams().sink;
    }

    /** Delivers everything the calling thread's session (and route) printed so far, so outputs keep their order. */
    void flush() {
        flush(streams());
    }

    /** Delivers what {@code session}'s threads, and the calling thread on its route, printed so far. */
    void flush(Streams session) {
        System.out.flush();
        System.err.flush();
        session.drain();
        var route = threadRoute.get();
        if (route != null) route.drain();
    }
}
