package d2l.kernel.eval;

import d2l.kernel.magic.InlineMagics;
import d2l.kernel.magic.Magics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/** Completion, documentation and "is this cell finished?" for a session, via JShell's analysis. */
public final class CodeAnalysis {
    /** Replacement candidates for {@code code[start, end)}. */
    public record Completions(List<String> matches, int start, int end) {}

    /** Jupyter's answer to is_complete: "complete", "incomplete" or "invalid", plus an indent hint. */
    public record Completion(String status, String indent) {}

    /** The session's JShell now: a session that had to be rebuilt has a new one. */
    private final Supplier<JShell> shell;

    private final Magics magics;

    CodeAnalysis(Supplier<JShell> shell, Magics magics) {
        this.shell = shell;
        this.magics = magics;
    }

    private SourceCodeAnalysis analysis() {
        return shell.get().sourceCodeAnalysis();
    }

    /**
     * Runs {@code work} with javac's crash reports (code nested too deeply for its parser) sent to
     * the kernel's log rather than to whichever cell last printed.
     */
    private static <T> T quietly(Supplier<T> work) {
        var stdio = Stdio.install();
        stdio.compiling(true);
        try {
            return work.get();
        } finally {
            stdio.compiling(false);
        }
    }

    public Completions complete(String code, int cursor) {
        return quietly(() -> completeAt(code, cursor));
    }

    private Completions completeAt(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        if (line.stripLeading().startsWith("%")) return completeMagic(line, lineStart, cursor);
        int snippetStart = snippetStart(code, cursor);
        String snippet = code.substring(snippetStart);
        int[] anchor = new int[1];
        var suggestions = analysis().completionSuggestions(snippet, cursor - snippetStart, anchor);
        var matches = new LinkedHashSet<String>();
        suggestions.stream()
                .filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completions(new ArrayList<>(matches), snippetStart + anchor[0], cursor);
    }

    private Completions completeMagic(String line, int lineStart, int cursor) {
        boolean cell = line.stripLeading().startsWith("%%");
        String typed = line.stripLeading().substring(cell ? 2 : 1);
        if (typed.contains(" ")) return new Completions(List.of(), cursor, cursor);
        var names = cell ? magics.cellNames() : magics.lineNames();
        var matches = names.stream().filter(n -> n.startsWith(typed)).toList();
        return new Completions(matches, cursor - typed.length(), cursor);
    }

    /** Start of the snippet the cursor is in: JShell completes one snippet at a time. */
    private int snippetStart(String code, int cursor) {
        int start = 0;
        String rest = code;
        while (true) {
            var info = analysis().analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) return start;
            int next = start + rest.length() - info.remaining().length();
            if (next > cursor) return start;
            start = next;
            rest = info.remaining();
        }
    }

    /** Signature and Javadoc of what is at the cursor, or an empty string. */
    public String inspect(String code, int cursor, boolean detailed) {
        return quietly(() -> inspectAt(code, cursor));
    }

    private String inspectAt(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        // Documentation is looked up for the call or name that ends at the cursor.
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        int start = snippetStart(code, cursor);
        String snippet = code.substring(start, end);
        var docs = analysis().documentation(snippet, snippet.length(), true);
        if (docs.isEmpty()) {
            // JShell documents a method only inside its call: "Math.abs(".
            snippet = code.substring(start, end) + "(";
            docs = analysis().documentation(snippet, snippet.length(), true);
        }
        var text = new StringBuilder();
        for (var doc : docs) {
            if (text.length() > 0) text.append("\n\n");
            text.append(doc.signature());
            if (doc.javadoc() != null && !doc.javadoc().isBlank())
                text.append("\n\n").append(doc.javadoc().strip());
        }
        return text.toString();
    }

    /**
     * Whether the cell is finished: {@link QuickCompleteness} first, which needs no JShell; only
     * what it finds complete goes to JShell's analysis, which also knows that {@code void f()} or
     * {@code class A} still needs its body and that {@code int x = ;} is invalid.
     */
    public Completion isComplete(String code) {
        String java = InlineMagics.rewrite(code); // x = %jars lib/*.jar: the arguments are no comment
        var quick = quickIsComplete(java);
        return quick.status().equals("complete") ? quietly(() -> shellIsComplete(java)) : quick;
    }

    /**
     * The answer from the cell's characters alone (brackets, literals, comments, last token), in
     * microseconds and without a session: for a front end that asks before JShell is ready.
     */
    public static Completion quickIsComplete(String code) {
        return QuickCompleteness.check(InlineMagics.rewrite(code));
    }

    private Completion shellIsComplete(String code) {
        if (code.stripLeading().startsWith("%%")) return new Completion("complete", "");
        var lines = code.lines().filter(l -> !l.stripLeading().startsWith("%")).toList();
        String rest = String.join("\n", lines);
        while (!rest.isBlank()) {
            var info = analysis().analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Completion("incomplete", "    ");
                }
                case UNKNOWN -> {
                    return new Completion("invalid", "");
                }
                case EMPTY -> {
                    return new Completion("complete", "");
                }
                default -> rest = info.remaining();
            }
        }
        return new Completion("complete", "");
    }
}
