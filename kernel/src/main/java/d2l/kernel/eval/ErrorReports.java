package d2l.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

import d2l.kernel.memory.MemoryAdvice;

/**
 * Turns JShell's diagnostics and exceptions into {@link CellError}s that point at lines of the
 * user's cells. Remembers where each snippet came from, so a method defined in cell 2 and failing
 * when called from cell 5 is reported at its line in cell 2.
 */
final class ErrorReports {
    /** Where a snippet's text starts. */
    private record Origin(SourceText source, int offset) {}

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    void remember(Snippet snippet, SourceText source, int offset) {
        origins.put(snippet.id(), new Origin(source, offset));
    }

    CellError compileError(JShell shell, Snippet snippet, SourceText source, int offset) {
        var diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
        var lines = new ArrayList<String>();
        String first = "could not compile";
        for (Diag d : diags) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            int at = offset + (int) Math.max(0, pos);
            int line = source.lineOf(at);
            int column = source.columnOf(at);
            // javac's "location: class" names JShell's wrapper class, which means nothing to the user.
            String message = d.getMessage(Locale.ROOT).lines().filter(l -> !l.strip().startsWith("location:"))
                    .collect(Collectors.joining("\n")).strip();
            if (lines.isEmpty()) first = message.lines().findFirst().orElse(message) + " (" + source.label() + " line " + line + ", column " + column + ")";
            lines.add(source.label() + " line " + line + ", column " + column + ": error: " + message);
            lines.add("    " + source.line(line));
            lines.add("    " + " ".repeat(Math.max(0, column - 1)) + "^");
        }
        if (diags.isEmpty()) {
            lines.add(source.label() + " line " + source.lineOf(offset) + ": " + snippet.source().strip() + " was rejected");
        }
        return new CellError("CompilationException", first, lines);
    }

    CellError runtimeError(JShell shell, JShellException exception) {
        var lines = new ArrayList<String>();
        describe(shell, exception, "", lines);
        String ename = exception instanceof EvalException ee ? ee.getExceptionClassName() : "UnresolvedReferenceException";
        String evalue = message(shell, exception);
        if (ename.equals(EXIT_REFUSED)) ename = "SystemExit";
        MemoryAdvice.explain(ename, evalue).ifPresent(advice -> lines.addAll(1, advice));
        return new CellError(ename, evalue == null ? "" : evalue, lines);
    }

    /** The cell ran, but showing its value failed: its {@code toString} (or a renderer) threw. */
    CellError valueError(Throwable thrown, String message) {
        String name = thrown.getClass().getName();
        var lines = new ArrayList<String>();
        lines.add("The cell's value could not be shown: " + name + (message == null ? "" : ": " + message));
        var frames = thrown.getStackTrace();
        int last = -1;
        for (int i = 0; i < frames.length; i++) if (isSnippetFrame(frames[i])) last = i;
        int keep = last >= 0 ? last + 1 : Math.min(frames.length, 8);
        for (int i = 0; i < keep; i++) lines.add("\tat " + frame(frames[i]));
        return new CellError(name.equals(EXIT_REFUSED) ? "SystemExit" : name, message == null ? "" : message, lines);
    }

    private static final String EXIT_REFUSED = ExitGuard.Refused.class.getName();

    CellError interrupted(String why) {
        return new CellError("InterruptedException", why, List.of("InterruptedException: " + why));
    }

    private void describe(JShell shell, JShellException e, String prefix, List<String> lines) {
        String name = e instanceof EvalException ee ? ee.getExceptionClassName() : "UnresolvedReferenceException";
        if (name.equals(EXIT_REFUSED)) name = "SystemExit";
        String msg = message(shell, e);
        lines.add(prefix + name + (msg == null || msg.isEmpty() ? "" : ": " + msg));
        var frames = e.getStackTrace();
        int last = -1;
        for (int i = 0; i < frames.length; i++) if (isSnippetFrame(frames[i])) last = i;
        // Below the last snippet frame are only JShell's reflective calls: not the user's business.
        int keep = last >= 0 ? last + 1 : frames.length;
        for (int i = 0; i < keep; i++) {
            // The guard's own frame is where the call was redirected, not part of the user's code.
            if (!frames[i].getClassName().equals(ExitGuard.class.getName())) lines.add("\tat " + frame(frames[i]));
        }
        if (e.getCause() instanceof JShellException cause) describe(shell, cause, "Caused by: ", lines);
    }

    private static String message(JShell shell, JShellException e) {
        if (e instanceof UnresolvedReferenceException ure) {
            var snippet = ure.getSnippet();
            String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
            return "'" + snippet.name() + "' cannot be used until " + (missing.isEmpty() ? "its dependencies are" : missing + " is") + " declared";
        }
        return e.getMessage();
    }

    private static boolean isSnippetFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private String frame(StackTraceElement f) {
        if (!isSnippetFrame(f)) return f.toString();
        var origin = origins.get(f.getFileName().substring(1));
        String where = origin == null
                ? "snippet " + f.getFileName() + " line " + f.getLineNumber()
                : origin.source().label() + " line " + (origin.source().lineOf(origin.offset()) + Math.max(1, f.getLineNumber()) - 1);
        String method = userMethod(f);
        return method.isEmpty() ? where : method + "(" + where + ")";
    }

    /** "REPL.$JShell$12$Point.norm" becomes "Point.norm"; a top-level method keeps its bare name. */
    private static String userMethod(StackTraceElement f) {
        String cls = f.getClassName().replaceFirst("^REPL\\.\\$JShell\\$\\d+\\$?", "").replace('$', '.');
        String method = f.getMethodName();
        if (method.isEmpty() || method.equals("do_it$")) return "";
        return cls.isEmpty() ? method : cls + "." + method;
    }
}
