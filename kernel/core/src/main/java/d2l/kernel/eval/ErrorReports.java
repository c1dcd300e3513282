package d2l.kernel.eval;

import d2l.kernel.memory.MemoryAdvice;
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
        return compileError(shell, snippet, source, offset, offset);
    }

    /** As above, no position pointing before {@code earliest} (the snippet's text may begin with the kernel's). */
    CellError compileError(JShell shell, Snippet snippet, SourceText source, int offset, int earliest) {
        var diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
        var lines = new ArrayList<String>();
        String first = "could not compile";
        for (Diag d : diags) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            int at = Math.max(earliest, offset + (int) Math.max(0, pos));
            int line = source.lineOf(at);
            int column = source.columnOf(at);
            // javac's "location: class" names JShell's wrapper class, which means nothing to the user.
            String message = d.getMessage(Locale.ROOT)
                    .lines()
                    .filter(l -> !l.strip().startsWith("location:"))
                    .collect(Collectors.joining("\n"))
                    .strip();
            if (lines.isEmpty())
                first = message.lines().findFirst().orElse(message) + " (" + source.label() + " line " + line
                        + ", column " + column + ")";
            lines.add(source.label() + " line " + line + ", column " + column + ": error: " + message);
            lines.addAll(excerpt(source.line(line), column));
        }
        if (diags.isEmpty()) {
            lines.add(source.label() + " line " + source.lineOf(offset) + ": "
                    + snippet.source().strip() + " was rejected");
        }
        diags.stream()
                .map(Diag::getCode)
                .distinct()
                .map(ErrorReports::limitAdvice)
                .filter(a -> !a.isEmpty())
                .forEach(lines::add);
        return new CellError("CompilationException", first, lines);
    }

    /** Longest part of a source line an error quotes (a pasted data set can make a line of megabytes). */
    static final int MAX_QUOTED = 160;

    /** The line and a caret under {@code column}; of a long line, the part around the column. */
    static List<String> excerpt(String line, int column) {
        int caret = Math.max(0, column - 1);
        if (line.length() <= MAX_QUOTED) return List.of("    " + line, "    " + " ".repeat(caret) + "^");
        int from = Math.max(0, Math.min(caret - MAX_QUOTED / 4, line.length() - MAX_QUOTED));
        int to = Math.min(line.length(), from + MAX_QUOTED);
        String head = from > 0 ? "..." : "";
        String shown =
                head + line.substring(from, to) + (to < line.length() ? "... (" + line.length() + " characters)" : "");
        return List.of("    " + shown, "    " + " ".repeat(head.length() + caret - from) + "^");
    }

    /** javac's limits of the class file format, which it finds only while writing the class. */
    static boolean isLimit(Diag diag) {
        return diag.isError() && diag.getCode().startsWith("compiler.err.limit.");
    }

    /**
     * Whether a snippet JShell keeps as "recoverable" (declared, waiting for something it uses) has
     * errors other than unresolved names: javac failed to write its class, e.g. at one of its
     * limits, and JShell keeps the snippet without saying so.
     */
    static boolean hasUnrecoverableErrors(JShell shell, Snippet snippet) {
        return shell.diagnostics(snippet)
                .anyMatch(d -> d.isError()
                        && !d.getCode().startsWith("compiler.err.cant.resolve")
                        && !d.getCode().equals("compiler.err.cant.apply.symbol"));
    }

    /** What to do about a class-file limit javac reported; empty for other errors. */
    static String limitAdvice(String code) {
        return switch (code) {
            case "compiler.err.limit.string", "compiler.err.limit.string.overflow" ->
                "A string constant can hold at most 65,535 bytes (in UTF-8) in a class file. Read long text from a file"
                        + " (Files.readString(Path.of(\"data.txt\"))), or split it into an array of shorter literals"
                        + " and join them (javac folds \"a\" + \"b\" into one constant).";
            case "compiler.err.limit.code", "compiler.err.limit.code.too.large.for.try.stmt" ->
                "A method's byte code can be at most 64 KB (a cell's statements, and a variable's initializer, count as"
                        + " one method). Split the code into several methods or cells, or read large data from a file instead of"
                        + " writing it out.";
            case "compiler.err.limit.pool", "compiler.err.limit.pool.in.class" ->
                "A class can hold at most 65,535 constants (numbers, strings, names). Split it into several classes,"
                        + " or read the values from a file.";
            case "compiler.err.limit.locals" -> "A method can have at most 65,535 local variable slots; use an array.";
            case "compiler.err.limit.parameters" ->
                "A method can take at most 255 parameters (a long or double counts twice);"
                        + " pass an array or a record.";
            case "compiler.err.limit.dimensions" -> "An array type can have at most 255 dimensions.";
            case "compiler.err.limit.stack" ->
                "This code needs more operand stack than a method can have; split the expression.";
            default ->
                code.startsWith("compiler.err.limit.")
                        ? "This is a limit of the Java class file format, not of the kernel."
                        : "";
        };
    }

    /**
     * javac or JShell itself failed on the cell (it threw rather than reporting an error), such as
     * a stack overflow in javac's recursive parser on deeply nested code.
     */
    CellError compilerFailure(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        var lines = new ArrayList<String>();
        String evalue;
        if (root instanceof StackOverflowError) {
            evalue = "the Java compiler ran out of stack space on this cell";
            lines.add("CompilerError: " + evalue + ".");
            lines.add(
                    "javac reads and checks code recursively, and this cell nests too deeply for it: brackets, generics,"
                            + " lambdas or blocks inside one another, or a very long chain of + (or other operators).");
            lines.add("Split it into smaller expressions, variables or methods.");
        } else if (root instanceof OutOfMemoryError) {
            evalue = "the Java compiler ran out of memory on this cell";
            lines.add("CompilerError: " + evalue + " (" + root.getMessage()
                    + "). Make the cell smaller, or give the kernel more heap.");
        } else {
            evalue = "JShell failed on this cell: " + failure;
            lines.add("CompilerError: " + evalue);
        }
        return new CellError("CompilerError", evalue, lines);
    }

    /** After a session was rebuilt: origins of snippets that were declared again, under their new ids. */
    void keepOrigins(Map<String, String> oldToNewIds) {
        var kept = new java.util.HashMap<String, Origin>();
        oldToNewIds.forEach((oldId, newId) -> {
            var origin = origins.get(oldId);
            if (origin != null) kept.put(newId, origin);
        });
        origins.clear();
        origins.putAll(kept);
    }

    CellError runtimeError(JShell shell, JShellException exception) {
        var lines = new ArrayList<String>();
        describe(shell, exception, "", lines);
        String ename =
                exception instanceof EvalException ee ? ee.getExceptionClassName() : "UnresolvedReferenceException";
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
            return "'" + snippet.name() + "' cannot be used until "
                    + (missing.isEmpty() ? "its dependencies are" : missing + " is") + " declared";
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
                : origin.source().label() + " line "
                        + (origin.source().lineOf(origin.offset()) + Math.max(1, f.getLineNumber()) - 1);
        String method = userMethod(f);
        return method.isEmpty() ? where : method + "(" + where + ")";
    }

    /** "REPL.$JShell$12$Point.norm" becomes "Point.norm"; a top-level method keeps its bare name. */
    private static String userMethod(StackTraceElement f) {
        String cls = f.getClassName()
                .replaceFirst("^REPL\\.\\$JShell\\$\\d+\\$?", "")
                .replace('$', '.');
        String method = f.getMethodName();
        if (method.isEmpty() || method.equals("do_it$")) return "";
        return cls.isEmpty() ? method : cls + "." + method;
    }
}
