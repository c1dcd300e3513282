package d2l.kernel.eval;

import d2l.kernel.comm.CommManager;
import d2l.kernel.comm.CommTransport;
import d2l.kernel.display.MimeBundle;
import d2l.kernel.display.Renderers;
import d2l.kernel.display.TextRenderer;
import d2l.kernel.magic.InlineMagics;
import d2l.kernel.magic.MagicArgs;
import d2l.kernel.magic.MagicContext;
import d2l.kernel.magic.MagicException;
import d2l.kernel.magic.Magics;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;

/**
 * One JShell session running cells in this JVM: the evaluation and display code shared by the
 * Jupyter kernel and the headless notebook runner. Not for concurrent use, except
 * {@link #interrupt()}, which any thread may call while a cell runs.
 *
 * <pre>{@code
 * try (var session = Session.start(SessionConfig.fromEnvironment())) {
 *     var outputs = new NotebookOutputs();
 *     ExecuteResult r = session.execute("1 + 1", outputs.startCell(), ExecuteOptions.DEFAULT);
 * }
 * }</pre>
 */
public final class Session implements Interpreter {
    /** Imports every session gets: JShell's usual ones and the notebook functions. */
    static final String BASE_IMPORTS = """
        import java.io.*;
        import java.math.*;
        import java.net.*;
        import java.nio.file.*;
        import java.util.*;
        import java.util.concurrent.*;
        import java.util.function.*;
        import java.util.regex.*;
        import java.util.stream.*;
        import static d2l.kernel.Notebook.*;
        """;

    private static final long STOP_REPEAT_MILLIS = 100;
    private static final Pattern MAGIC_LINE = Pattern.compile("^\\s*%([A-Za-z][\\w-]*)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z][\\w-]*)([^\\n]*)\\n?");

    private final SessionConfig config;
    /** Replaced, with {@link #control} and {@link #fileManager}, when the session is rebuilt (see {@link #repair}). */
    private volatile JShell shell;

    private SessionExecutionControl control;
    private final Stdio stdio = Stdio.install();
    private final Renderers renderers = new Renderers();
    private final Magics magics = new Magics();
    /** Goes nowhere until the kernel (or the runner) gives it a transport. */
    private final CommManager comms = new CommManager(CommTransport.NONE);
    /** What this session's code reaches through the static notebook functions, whatever its thread. */
    private final SessionContext context = new SessionContext(renderers, magics, comms);

    private final ErrorReports errors = new ErrorReports();
    private final CodeAnalysis analysis;
    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    private volatile boolean running;
    /** Guards running, stopReason and runs (cells started), so a repeated stop never reaches the next cell. */
    private final Object stopLock = new Object();

    private long runs;
    private volatile String stopReason;
    private int executionCount;
    /** Shown on stderr in the first cell, where the user will see it. */
    private final StringBuilder startupProblems = new StringBuilder();

    /** The set-up of libraries that the kernelspec (or an added jar) ships: KernelExtensions. */
    private final Extensions extensions = new Extensions(Stdio.log());

    private IndexKeepingFileManager fileManager;
    /** Entries that {@code %classpath} and {@code %maven} added, for a rebuilt session. */
    private final List<String> addedClasspath = new ArrayList<>();
    /** Ids of the snippets the start-up scripts declared: a rebuilt session runs the scripts again. */
    private java.util.Set<String> startupSnippets = java.util.Set.of();

    private Session(SessionConfig config) {
        this.config = config;
        openShell();
        analysis = new CodeAnalysis(() -> shell, magics);
        timeoutMillis = config.timeoutMillis();
        timer = timeoutMillis > 0
                ? Executors.newSingleThreadScheduledExecutor(r -> KernelThreads.daemon("cell-timeout", r))
                : null;
    }

    /** Opens a new JShell (and its engine) on this session's configuration and class path. */
    private void openShell() {
        var provider = new SessionExecutionControl.Provider(Session.class.getClassLoader());
        var builder = JShell.builder()
                .executionEngine(provider, java.util.Map.of())
                .fileManager(standard -> fileManager = new IndexKeepingFileManager(standard))
                .in(java.io.InputStream.nullInputStream())
                .out(System.out)
                .err(System.err);
        var options = new ArrayList<>(config.compilerOptions());
        if (!options.isEmpty()) builder.compilerOptions(options.toArray(String[]::new));
        var opened = builder.build();
        control = provider.created();
        context.adopt(control.loader());
        // JShell's compiler sees the JVM's class path (kernel, library) already; the session loader
        // reaches those classes through its parent, so only extra entries are added here.
        for (String entry : config.classpath()) opened.addToClasspath(entry);
        for (String entry : addedClasspath) opened.addToClasspath(entry);
        shell = opened;
        extensions.loaderChanged(control.loader());
    }

    /** Starts a session and runs the base imports and the configured start-up scripts. */
    public static Session start(SessionConfig config) {
        var session = new Session(config);
        for (String problem : session.runStartupScripts()) {
            Stdio.log().print(problem);
            session.startupProblems.append(problem);
        }
        session.warmUpExpressions();
        return session;
    }

    /** Runs the base imports and the start-up scripts, outputs to the log; returns their failures. */
    private List<String> runStartupScripts() {
        var startup = new ArrayList<String>();
        startup.add(BASE_IMPORTS);
        startup.addAll(config.startupScripts());
        var log = new NotebookOutputs.ToLog();
        var problems = new ArrayList<String>();
        for (String script : startup) {
            var result = run(script, "start-up script", log, ExecuteOptions.SILENT);
            if (!result.ok())
                problems.add("Start-up script failed: " + result.error().text() + "\n");
        }
        startupSnippets = shell.snippets().map(Snippet::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
        return problems;
    }

    /**
     * Compiles two throw-away snippets: a value through {@link FinalExpression} and a call through
     * JShell's expression path (type analysis), which statements like {@code f(x);} take. Each costs
     * a few hundred ms the first time, and the kernel starts sessions while Jupyter is still
     * connecting, so this moves that cost off the user's first cells. Likewise JShell's analysis of
     * unfinished code, which is_complete asks for (jupyter console gives it one second).
     */
    private void warmUpExpressions() {
        // is_complete's questions to JShell: its first analysis of each shape is slow (a few hundred ms).
        for (String code : List.of("int twice(int x)", "class A", "int x = ;", "if (true) { }\n1 + 1")) {
            shell.sourceCodeAnalysis().analyzeCompletion(code);
        }
        for (String code : List.of(
                FinalExpression.declaration("java.util.List.of(1).size() + 1"), "java.util.List.of(1).size() + 1")) {
            for (var event : shell.eval(code)) {
                if (event.causeSnippet() == null
                        && event.snippet() != null
                        && shell.status(event.snippet()).isActive()) {
                    shell.drop(event.snippet());
                }
            }
        }
    }

    public Renderers renderers() {
        return renderers;
    }

    public Magics magics() {
        return magics;
    }

    public CodeAnalysis analysis() {
        return analysis;
    }

    /** How many javac tasks JShell has run in this session (what a cell costs is mostly their number). */
    long compilerTasks() {
        return fileManager.tasksStarted();
    }

    /** The count of the last cell that was stored in history. */
    public int executionCount() {
        return executionCount;
    }

    /**
     * Runs one cell (magics included) and reports its outputs to {@code sink} as they happen:
     * streams, displays, the value of a final expression (unless silent), and an error if any.
     */
    public ExecuteResult execute(String code, OutputSink sink, ExecuteOptions options) {
        return execute(code, sink, options, null);
    }

    /** As {@link #execute(String, OutputSink, ExecuteOptions)}, with {@code System.in} answered by {@code input}. */
    public ExecuteResult execute(String code, OutputSink sink, ExecuteOptions options, InputSource input) {
        int count = options.storeHistory() && !options.silent() ? ++executionCount : executionCount;
        if (!startupProblems.isEmpty()) {
            sink.stream("stderr", startupProblems.toString());
            startupProblems.setLength(0);
        }
        String label = options.silent() ? "cell" : "cell [" + count + "]";
        context.streams.in.use(input);
        try {
            var result = run(code, label, sink, options);
            return new ExecuteResult(count, result.error());
        } finally {
            context.streams.in.use(null);
        }
    }

    /**
     * Evaluates one expression for Jupyter's {@code user_expressions}: its rich value, or the
     * error. Outputs it prints are dropped; the execution count is unchanged.
     */
    public ExpressionResult evaluateExpression(String expression) {
        var capture = new ValueCapture();
        var result = run(expression, "expression", capture, new ExecuteOptions(false, false));
        return new ExpressionResult(result.ok() ? capture.value : null, result.error());
    }

    /** A user expression's value (empty {@code text/plain} when it has none) or its error. */
    public record ExpressionResult(MimeBundle value, CellError error) {}

    private static final class ValueCapture implements OutputSink {
        MimeBundle value = MimeBundle.text("");

        @Override
        public void stream(String name, String text) {}

        @Override
        public void displayData(MimeBundle bundle, String displayId) {}

        @Override
        public void updateDisplayData(MimeBundle bundle, String displayId) {}

        @Override
        public void executeResult(int executionCount, MimeBundle bundle) {
            value = bundle;
        }

        @Override
        public void error(CellError error) {}

        @Override
        public void clearOutput(boolean wait) {}
    }

    private ExecuteResult run(String code, String label, OutputSink sink, ExecuteOptions options) {
        var cell = new CellRun(sink);
        context.enter(sink, cell);
        var thread = Thread.currentThread();
        var previousLoader = thread.getContextClassLoader();
        // Snippets run on threads created from this one and inherit its context loader.
        thread.setContextClassLoader(control.loader());
        ScheduledFuture<?> timeout = timer == null
                ? null
                : timer.schedule(
                        () -> stop("Cell timed out after " + timeoutMillis + " ms (IJAVA_TIMEOUT)"),
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
        synchronized (stopLock) {
            stopReason = null;
            running = true;
            runs++;
        }
        CellError error = null;
        MimeBundle shown = null;
        try {
            cell.runCell(new SourceText(label, code));
            // As in IJava, a null value shows nothing.
            if (cell.value != null && cell.value.object() != null && !options.silent() && stopReason == null) {
                shown = renderAsUserCode(cell.value.object());
            }
        } catch (CellFailure failure) {
            error = failure.error;
        } catch (MagicException e) {
            error = new CellError("MagicException", e.getMessage(), List.of(e.getMessage()));
        } catch (RuntimeException e) {
            error = new CellError(
                    e.getClass().getName(), String.valueOf(e.getMessage()), List.of("Kernel error: " + e));
            cell.suspect = true;
        } catch (StackOverflowError | OutOfMemoryError | InternalError e) {
            // Thrown by javac or JShell compiling the cell (user code's errors come back as events);
            // the serving thread must go on, and the session be checked.
            error = errors.compilerFailure(e);
            cell.suspect = true;
        } finally {
            synchronized (stopLock) {
                running = false;
            }
            if (timeout != null) timeout.cancel(false);
            reclaimStreams(); // its note is printed in the session, whose loader the thread still has
            thread.setContextClassLoader(previousLoader);
        }
        if (error == null && stopReason != null) error = errors.interrupted(stopReason);
        if (cell.suspect) {
            stdio.flush(context.streams);
            var notes = repair();
            context.enter(sink, cell);
            if (error != null) error = error.withNotes(notes);
        }
        stdio.flush(context.streams);
        if (error != null) {
            sink.error(error);
        } else if (shown != null) {
            sink.executeResult(executionCount, shown);
        }
        stdio.flush(context.streams);
        return new ExecuteResult(executionCount, error);
    }

    /**
     * Renders a cell's value as a snippet runs, on JShell's execution thread: a {@code toString}
     * (or {@code mimeBundle()}, or renderer) that never returns is stopped by the interrupt or
     * the time-out like the cell's own code.
     */
    private MimeBundle renderAsUserCode(Object value) {
        // Most values are numbers and text, whose rendering runs no user code: no thread needed.
        if (runsNoUserCode(value)) return renderValue(value);
        try {
            // A stop that came just before the engine reset its stop flag would be lost: look once more.
            var bundle = control.callAsUserCode(() -> stopReason == null ? renderValue(value) : null);
            if (stopReason != null) throw new CellFailure(errors.interrupted(stopReason));
            return bundle;
        } catch (ExecutionControl.StoppedException e) {
            throw new CellFailure(errors.interrupted(stopReason == null ? "Interrupted" : stopReason));
        } catch (InvocationTargetException e) {
            if (stopReason != null) throw new CellFailure(errors.interrupted(stopReason));
            throw new CellFailure(errors.valueError(e.getCause(), control.messageOf(e.getCause())));
        } catch (Exception e) {
            throw new CellFailure(new CellError(
                    e.getClass().getName(),
                    String.valueOf(e.getMessage()),
                    List.of("Kernel error while showing the value: " + e)));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(Session::reportUncaught);
        }
    }

    private boolean runsNoUserCode(Object value) {
        if (renderers.hasCustom()) return false;
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof MimeBundle) return true;
        if (value instanceof Number) return value.getClass().getName().startsWith("java.lang.");
        return value.getClass().isArray() && value.getClass().getComponentType().isPrimitive();
    }

    /** A rich form of the value; if that fails, its text; if even its text fails, the cell's error. */
    private MimeBundle renderValue(Object value) {
        try {
            return renderers.render(value, java.util.Set.of());
        } catch (RuntimeException | LinkageError e) {
            return MimeBundle.text(TextRenderer.plain(value) + "\n(rich display failed: " + e + ")");
        }
    }

    /** A stream a cell put in place of the kernel's lasts for that cell only. */
    private void reclaimStreams() {
        var replaced = stdio.reclaim();
        if (!replaced.isEmpty()) {
            System.err.println("Note: this cell replaced " + String.join(", ", replaced)
                    + "; later cells use the notebook's streams again.");
        }
    }

    /** Stops the running cell, if any: a busy loop, a sleep, or threads it started. */
    public void interrupt() {
        stop("Interrupted");
    }

    private void stop(String reason) {
        long run;
        synchronized (stopLock) {
            if (!running) return;
            stopReason = reason;
            run = runs;
        }
        shell.stop();
        // JShell ignores a stop that comes while no user code runs, and on JDK 21+ one that lands
        // just before a snippet starts is undone by the engine resetting its stop flag; so the
        // stop is repeated until this cell (and never the next one) has ended.
        KernelThreads.daemon("cell-stop", () -> {
                    while (true) {
                        try {
                            Thread.sleep(STOP_REPEAT_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        synchronized (stopLock) {
                            if (!running || runs != run) return;
                            shell.stop();
                        }
                    }
                })
                .start();
    }

    @Override
    public CommManager comms() {
        return comms;
    }

    @Override
    public void runHandler(OutputSink outputs, Runnable handler) {
        var thread = Thread.currentThread();
        var previousLoader = thread.getContextClassLoader();
        // As for a cell: classes the handler loads (or a library looks up) are found in the session.
        thread.setContextClassLoader(control.loader());
        var before = stdio.routeThread(outputs);
        try {
            handler.run();
        } finally {
            stdio.unrouteThread(before);
            thread.setContextClassLoader(previousLoader);
        }
    }

    /**
     * Closes the open comms (the front end is told), then the JShell session; from then on no
     * thread's code reaches this session through the static functions ({@link SessionContext}).
     */
    @Override
    public void close() {
        try {
            comms.closeAll();
            if (timer != null) timer.shutdownNow();
            shell.close();
        } finally {
            context.close();
        }
    }

    /**
     * An expression whose value a working session computes: compiled against every live declaration,
     * loaded and run like a cell. It names nothing, so no user declaration (a class called Integer)
     * can change its meaning.
     */
    private static final String PROBE = "6 * 7";

    /**
     * Whether the session still compiles and runs a new snippet correctly: a snippet compiled
     * against every live declaration and import, run, and its value checked.
     */
    boolean works() {
        try {
            control.takeResult();
            List<SnippetEvent> events;
            stdio.compiling(true);
            try {
                events = shell.eval(PROBE);
            } finally {
                stdio.compiling(false);
            }
            Object produced = control.takeResult();
            boolean ok = false;
            for (var event : events) {
                if (event.causeSnippet() != null) continue;
                ok = event.status() == Snippet.Status.VALID
                        && event.exception() == null
                        && Integer.valueOf(42).equals(produced);
                if (shell.status(event.snippet()).isActive()) shell.drop(event.snippet());
            }
            return ok;
        } catch (RuntimeException | StackOverflowError | InternalError e) {
            return false;
        }
    }

    /**
     * After a cell on which JShell or javac failed in their own machinery: checks that the session
     * still works and, if not, restores it, returning what to tell the user (nothing when it worked).
     * Steps, each checked: javac afresh, keeping everything (a failure while writing a class can
     * leave javac's reused compiler state broken, so that every later cell fails or answers null);
     * then a new JShell given the user's declarations again and the variables' values; then a new
     * JShell with the start-up scripts only, naming what was lost.
     */
    private List<String> repair() {
        if (repairing) return List.of(); // the start-up scripts of a rebuilt session failing the same way
        repairing = true;
        try {
            return checkAndRestore();
        } finally {
            repairing = false;
        }
    }

    private boolean repairing;

    private List<String> checkAndRestore() {
        if (works()) return List.of();
        String broken =
                "After this error the Java session no longer compiled new code correctly (later cells would have failed or shown wrong values).";
        freshCompiler();
        if (works()) {
            return List.of(
                    broken,
                    "The kernel started the compiler afresh and checked it: the session works again, with all your variables, methods and classes.");
        }
        var declarations = Declarations.of(shell, control, startupSnippets);
        var replayed = rebuild(declarations);
        if (replayed != null && works()) {
            var notes = new ArrayList<String>();
            notes.add(broken);
            notes.add(
                    "The kernel restarted the Java session and declared your imports, methods, classes and variables again"
                            + " (variables keep their values; nothing was run again), and checked that it works.");
            if (!replayed.lost().isEmpty()) {
                notes.add("Not restored: " + Declarations.list(replayed.lost())
                        + ". Run the cells that define them again.");
            }
            return notes;
        }
        rebuild(null);
        var lost = declarations.names();
        return List.of(
                broken,
                "The kernel restarted the Java session with its start-up code only"
                        + (works() ? "." : ", and even that does not work: restart the kernel (Kernel \u2192 Restart).")
                        + (lost.isEmpty()
                                ? ""
                                : " Lost: " + Declarations.list(lost) + ". Run the cells that define them again."));
    }

    /**
     * A new javac for JShell, keeping the session: JShell makes a new pool of compiler contexts
     * whenever the class path grows, and an entry already on it changes nothing else (javac's
     * class path is a set).
     */
    private void freshCompiler() {
        String entry = System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)[0];
        if (entry.isEmpty()) return;
        try {
            shell.addToClasspath(entry);
        } catch (RuntimeException e) {
            Stdio.log().println("Could not renew the session's compiler: " + e);
        }
    }

    /**
     * Replaces the JShell with a new one, runs the start-up scripts in it and, if {@code declarations}
     * is not null, declares them again. Returns what the replay gave (null without declarations).
     */
    private Declarations.Replayed rebuild(Declarations declarations) {
        var old = shell;
        try {
            old.close();
        } catch (RuntimeException e) {
            Stdio.log().println("Closing the broken session: " + e);
        }
        openShell();
        runStartupScripts().forEach(Stdio.log()::print);
        var thread = Thread.currentThread();
        var previousLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(control.loader());
        try {
            if (declarations == null) {
                errors.keepOrigins(java.util.Map.of());
                return null;
            }
            var replayed = declarations.replay(shell);
            errors.keepOrigins(replayed.ids());
            return replayed;
        } finally {
            thread.setContextClassLoader(previousLoader);
            Thread.setDefaultUncaughtExceptionHandler(Session::reportUncaught);
        }
    }

    /** Rebuilds the session from its declarations now, as {@link #repair} does when all else fails (for tests). */
    List<String> rebuildForTest() {
        var replayed = rebuild(Declarations.of(shell, control, startupSnippets));
        return replayed.lost();
    }

    /** The extensions attached to this session, by name (for tests). */
    List<String> extensionNames() {
        return extensions.names();
    }

    /** A cell ends early with this error. */
    static final class CellFailure extends RuntimeException {
        final transient CellError error;

        CellFailure(CellError error) {
            super(error.evalue(), null, false, false);
            this.error = error;
        }
    }

    /** A cell's value, which may itself be null. */
    private record Value(Object object) {}

    /** The state of one cell while it runs; also the context its magics see. */
    private final class CellRun implements MagicContext {
        private final OutputSink sink;
        Value value;
        /** JShell or javac failed on the cell in their own machinery: the session is checked afterwards. */
        boolean suspect;

        CellRun(OutputSink sink) {
            this.sink = sink;
        }

        void runCell(SourceText source) {
            var cellMagic = CELL_MAGIC.matcher(source.text());
            if (cellMagic.find()) {
                value = null;
                String name = cellMagic.group(1);
                String body = source.text().substring(cellMagic.end());
                if (magics.isUserCell(name)) {
                    runUserMagic(InlineMagics.cellCall(name, MagicArgs.split(cellMagic.group(2)), body), "%%" + name);
                } else {
                    magics.runCell(name, cellMagic.group(2), body, this);
                }
                return;
            }
            String text = InlineMagics.rewrite(source.text());
            if (!text.equals(source.text())) source = new SourceText(source.label(), text);
            int chunkStart = 0;
            int lineStart = 0;
            while (lineStart <= text.length()) {
                int lineEnd = text.indexOf('\n', lineStart);
                if (lineEnd < 0) lineEnd = text.length();
                var magic = MAGIC_LINE.matcher(text.substring(lineStart, lineEnd));
                if (magic.matches() && !insideCode(text, chunkStart, lineStart)) {
                    runCode(source, chunkStart, lineStart);
                    checkStopped();
                    value = null;
                    if (magics.isUserLine(magic.group(1))) {
                        runUserMagic(
                                InlineMagics.lineCall(magic.group(1), MagicArgs.split(magic.group(2))),
                                "%" + magic.group(1));
                    } else {
                        magics.runLine(magic.group(1), magic.group(2), this);
                    }
                    chunkStart = lineEnd + 1;
                }
                lineStart = lineEnd + 1;
            }
            if (chunkStart < text.length()) runCode(source, chunkStart, text.length());
        }

        /** Runs a notebook's own magic as the statement {@code call;}, whose value, as in IJava, is not shown. */
        private void runUserMagic(String call, String label) {
            var source = new SourceText(label, call + ";");
            runCode(source, 0, source.text().length());
            value = null;
        }

        /** A {@code %} line continues code (e.g. a modulo on its own line) if the code so far is unfinished. */
        private boolean insideCode(String text, int from, int to) {
            String code = text.substring(from, to);
            if (code.isBlank()) return false;
            var info = analyzeCompletion(code);
            while (info.completeness().isComplete() && !info.remaining().isBlank()) {
                info = analyzeCompletion(info.remaining());
            }
            return info.completeness() == Completeness.DEFINITELY_INCOMPLETE;
        }

        private void runCode(SourceText source, int from, int to) {
            String rest = source.text().substring(from, to);
            int base = from;
            while (!rest.isBlank()) {
                var info = analyzeCompletion(rest);
                if (info.completeness() == Completeness.EMPTY) return;
                boolean complete = info.completeness().isComplete() && info.source() != null;
                // Leading blank lines would shift JShell's line numbers but not its diagnostic
                // positions; without them both count from the snippet's first character.
                String snippet = (complete ? info.source() : rest).stripLeading();
                String remaining = complete ? info.remaining() : "";
                int blockEnd = info.completeness() == Completeness.UNKNOWN ? BlockSplit.firstBlockEnd(rest) : -1;
                if (blockEnd > 0) {
                    // JShell's analysis gave up on more than one snippet (BlockSplit): javac gets the first block
                    // alone.
                    snippet = rest.substring(0, blockEnd).stripLeading();
                    remaining = rest.substring(blockEnd);
                }
                int start = base + startOf(rest, snippet);
                boolean valued = complete
                        && FinalExpression.worthTrying(snippet, info.completeness())
                        && !IJavaValues.simpleAssignment(snippet)
                        && evalValue(snippet, source, start);
                if (!valued) evalSnippet(snippet, source, start);
                // As in IJava, the last snippet's value shows whether or not it ends in ';' (a simple
                // assignment, a declaration or a statement has none); display(x); shows x once.
                if (IJavaValues.hidden(snippet)) value = null;
                base += rest.length() - remaining.length();
                rest = remaining;
            }
        }

        private void evalSnippet(String code, SourceText source, int start) {
            var evaluation = eval(code);
            checkStopped();
            report(evaluation, source, start, start);
        }

        /**
         * Evaluates an expression as {@link FinalExpression}'s declaration. Returns false, having
         * run nothing, if JShell rejected the declaration; the caller then evaluates the expression
         * as typed. The declared variable is dropped whatever happens.
         */
        private boolean evalValue(String expression, SourceText source, int start) {
            var evaluation = eval(FinalExpression.declaration(expression));
            var declared = evaluation.events().stream()
                    .filter(e -> e.causeSnippet() == null)
                    .findFirst();
            try {
                checkStopped();
                if (declared.isPresent()
                        && declared.get().status().isActive()
                        && declared.get().status() != Snippet.Status.VALID) {
                    // Only writing its class can fail so: report it (compiling the expression again would fail
                    // the same way, and as slowly), positions counted from the expression.
                    report(
                            evaluation,
                            source,
                            start
                                    - FinalExpression.prefixLength(
                                            declared.get().snippet().source(), expression),
                            start);
                }
                if (declared.isEmpty() || declared.get().status() != Snippet.Status.VALID) return false;
                report(evaluation, source, start, start);
                return true;
            } finally {
                declared.map(SnippetEvent::snippet)
                        .filter(s -> shell.status(s).isActive())
                        .ifPresent(shell::drop);
            }
        }

        /** JShell's events for a snippet and the object it produced. */
        private record Evaluation(List<SnippetEvent> events, Object produced) {}

        private Evaluation eval(String code) {
            checkStopped();
            control.takeResult();
            List<SnippetEvent> events;
            stdio.compiling(true);
            try {
                events = shell.eval(code);
            } finally {
                stdio.compiling(false);
            }
            Object produced = control.takeResult();
            // JDK 17's local engine installs a JVM-wide handler that silently keeps exceptions of
            // any thread; put back one that shows them, so a failing background thread is visible.
            Thread.setDefaultUncaughtExceptionHandler(Session::reportUncaught);
            return new Evaluation(events, produced);
        }

        /**
         * Reports the snippet's events: its error, or its value. {@code start} is where the snippet's
         * text starts in the cell; {@code earliest}, the first position an error may point at (the
         * kernel's own text before an expression it declared is not the user's).
         */
        private void report(Evaluation evaluation, SourceText source, int start, int earliest) {
            Object produced = evaluation.produced();
            value = null;
            for (var event : evaluation.events()) {
                if (event.causeSnippet() != null) continue;
                Snippet snippet = event.snippet();
                errors.remember(snippet, source, start);
                if (event.status() == Snippet.Status.REJECTED) {
                    if (shell.diagnostics(snippet).anyMatch(ErrorReports::isLimit)) suspect = true;
                    throw new CellFailure(errors.compileError(shell, snippet, source, start, earliest));
                }
                if (event.status().isActive()
                        && event.status() != Snippet.Status.VALID
                        && ErrorReports.hasUnrecoverableErrors(shell, snippet)) {
                    // javac failed to write the class (a constant string over 64 KB, a method over 64 KB of
                    // byte code, ...), or a redeclaration others depend on has errors, and JShell keeps the
                    // snippet as if it only waited for a name: the error is the user's, the declaration goes.
                    suspect = true;
                    var error = errors.compileError(shell, snippet, source, start, earliest);
                    shell.drop(snippet);
                    throw new CellFailure(error);
                }
                if (event.exception() != null) {
                    if (stopReason != null) throw new CellFailure(errors.interrupted(stopReason));
                    throw new CellFailure(errors.runtimeError(shell, event.exception()));
                }
                if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    warnUnresolved(snippet);
                }
                // Only a snippet JShell could define and run has a value: "null" from anything else would be a lie.
                value = event.status() == Snippet.Status.VALID ? valueOf(snippet, produced) : null;
            }
        }

        private void checkStopped() {
            if (control.takeStopped() || stopReason != null) {
                throw new CellFailure(errors.interrupted(stopReason == null ? "Interrupted" : stopReason));
            }
        }

        /** The object an expression produced; JShell's text for it is never made (see SessionExecutionControl). */
        private Value valueOf(Snippet snippet, Object produced) {
            if (snippet instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                // JShell compiles every later snippet against all live declarations, so each kept
                // $N variable makes every later cell slower (about 20 ms after 100 cells of `1 + 1`).
                // The kernel never shows these names, so the value is all a cell needs.
                shell.drop(v);
                return new Value(produced);
            }
            if (snippet instanceof ExpressionSnippet) {
                // IJava: a variable's name shows its value, an assignment x = 5 shows nothing.
                return snippet.subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND ? null : new Value(produced);
            }
            if (snippet instanceof VarSnippet v && FinalExpression.declared(v.name())) return new Value(produced);
            return null;
        }

        private void warnUnresolved(Snippet snippet) {
            if (!(snippet instanceof jdk.jshell.DeclarationSnippet d)) return;
            var missing = shell.unresolvedDependencies(d).toList();
            if (!missing.isEmpty()) {
                System.err.println(
                        "Note: " + d.name() + " cannot be used until " + String.join(", ", missing) + " is declared.");
            }
        }

        @Override
        public void addToClasspath(List<String> entries) {
            try {
                for (String entry : entries) {
                    if (!Files.exists(Path.of(entry)))
                        throw new MagicException("Class path entry " + entry + " does not exist");
                    shell.addToClasspath(entry);
                    addedClasspath.add(entry);
                }
            } finally {
                extensions.loaderChanged(control.loader());
            }
        }

        @Override
        public void evaluate(String code, String label) {
            runCell(new SourceText(label, code));
        }

        @Override
        public Object evaluateForValue(String code, String label) {
            value = null;
            runCell(new SourceText(label, code));
            return value == null ? null : value.object();
        }

        @Override
        public OutputSink sink() {
            return sink;
        }
    }

    static void reportUncaught(Thread thread, Throwable error) {
        if (error instanceof ThreadDeath) return; // a thread stopped by an interrupt
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace(System.err);
    }

    /** JShell's split of {@code code} into its first snippet and the rest; javac's crash reports go to the log. */
    private jdk.jshell.SourceCodeAnalysis.CompletionInfo analyzeCompletion(String code) {
        stdio.compiling(true);
        try {
            return shell.sourceCodeAnalysis().analyzeCompletion(code);
        } finally {
            stdio.compiling(false);
        }
    }

    /** Where the snippet JShell returned starts within the text it was cut from. */
    private static int startOf(String text, String snippet) {
        int exact = text.indexOf(snippet);
        if (exact >= 0) return exact;
        String head = snippet.strip();
        head = head.substring(0, Math.min(20, head.length()));
        int found = head.isEmpty() ? -1 : text.indexOf(head);
        // Diagnostics count from the snippet's own first character, which may be whitespace.
        if (found >= 0) return Math.max(0, found - snippet.indexOf(head));
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }
}
