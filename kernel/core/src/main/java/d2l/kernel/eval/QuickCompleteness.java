package d2l.kernel.eval;

import java.util.ArrayDeque;
import java.util.Set;

/**
 * Whether a cell is finished, from its characters alone: brackets, string and character literals,
 * text blocks, comments, and the last token. It needs no JShell, so it answers in microseconds
 * from the kernel's first moment, where JShell's own analysis takes a few hundred milliseconds the
 * first time (and {@code jupyter console} gives the kernel one second before it stops asking for
 * the rest of the session). {@link CodeAnalysis#isComplete} asks JShell only about what this finds
 * complete (JShell also knows that {@code void f()} still needs its body).
 *
 * <ul>
 * <li>incomplete: an open {@code (}, {@code [} or <code>{</code>, an open block comment or text
 * block, a last token that needs more ({@code =}, {@code +}, {@code .}, {@code ->}, {@code ,},
 * {@code else}, {@code new}, {@code if (...)} and the like); the indent is four spaces per open bracket;</li>
 * <li>invalid: a closing bracket that closes nothing or the wrong one, a string or character literal
 * not closed on its line;</li>
 * <li>complete: anything else (magic lines count as finished lines; a {@code %%} cell is complete).</li>
 * </ul>
 */
final class QuickCompleteness {
    private QuickCompleteness() {}

    /** Words after which a statement or declaration must go on. */
    private static final Set<String> CONTINUING_WORDS = Set.of(
            "else",
            "do",
            "try",
            "finally",
            "new",
            "extends",
            "implements",
            "throws",
            "instanceof",
            "import",
            "package",
            "class",
            "interface",
            "enum",
            "record",
            "public",
            "private",
            "protected",
            "static",
            "final",
            "abstract",
            "sealed",
            "permits",
            "non",
            "default",
            "case",
            "assert",
            "throw",
            "var");
    /** Words whose parenthesis is followed by a body: {@code if (ready)} is not finished. */
    private static final Set<String> BODY_AFTER_PARENTHESES =
            Set.of("if", "while", "for", "switch", "catch", "synchronized", "try");

    private enum Kind {
        WORD,
        NUMBER,
        LITERAL,
        OPERATOR,
        OPEN,
        CLOSE
    }

    private record Token(Kind kind, String text) {}

    static CodeAnalysis.Completion check(String code) {
        if (code.stripLeading().startsWith("%%")) return complete();
        var open = new ArrayDeque<Character>();
        /** For each open parenthesis, the word before it ("if", "while", a method name). */
        var wordBeforeOpen = new ArrayDeque<String>();
        Token last = null;
        Token beforeLast = null;
        String closedParenthesisOf = null;
        int i = 0;
        int n = code.length();
        boolean lineStart = true;
        while (i < n) {
            char c = code.charAt(i);
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (lineStart
                    && c == '%'
                    && open.isEmpty()
                    && (last == null || !needsMore(last, beforeLast, closedParenthesisOf))) {
                // A magic line (%classpath, %maven, ...): a finished line of its own.
                int end = code.indexOf('\n', i);
                i = end < 0 ? n : end;
                last = null;
                beforeLast = null;
                continue;
            }
            lineStart = false;
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                int end = code.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                if (end < 0) return incomplete(open.size());
                i = end + 2;
                continue;
            }
            Token token;
            if (c == '"' && code.startsWith("\"\"\"", i)) {
                int end = closingOfTextBlock(code, i + 3);
                if (end < 0) return incomplete(open.size());
                token = new Token(Kind.LITERAL, "\"\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = closingQuote(code, i + 1, c);
                if (end < 0) return invalid();
                token = new Token(Kind.LITERAL, String.valueOf(c));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) i++;
                token = new Token(Kind.WORD, code.substring(start, i));
            } else if (Character.isDigit(c)) {
                int start = i;
                boolean hex = code.startsWith("0x", i) || code.startsWith("0X", i);
                while (i < n) {
                    char d = code.charAt(i);
                    char previous = code.charAt(i - 1 < start ? start : i - 1);
                    boolean exponentSign =
                            (d == '+' || d == '-') && i > start && (hex ? "pP" : "eE").indexOf(previous) >= 0;
                    if (!(Character.isLetterOrDigit(d) || d == '_' || d == '.' || exponentSign)) break;
                    i++;
                }
                token = new Token(Kind.NUMBER, code.substring(start, i));
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(c);
                wordBeforeOpen.push(last != null && last.kind() == Kind.WORD ? last.text() : "");
                token = new Token(Kind.OPEN, String.valueOf(c));
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (open.isEmpty() || open.pop() != matching(c)) return invalid();
                String before = wordBeforeOpen.pop();
                closedParenthesisOf = c == ')' ? before : null;
                token = new Token(Kind.CLOSE, String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < n
                        && "=+-*/%&|^!~?:<>.@,;".indexOf(code.charAt(i)) >= 0
                        && !(code.charAt(i) == '/'
                                && i + 1 < n
                                && (code.charAt(i + 1) == '/' || code.charAt(i + 1) == '*'))) {
                    i++;
                }
                if (i == start) i++; // a character Java does not use here: JShell will say what it thinks
                token = new Token(Kind.OPERATOR, code.substring(start, i));
            }
            if (token.kind() != Kind.CLOSE) closedParenthesisOf = null;
            beforeLast = last;
            last = token;
        }
        if (!open.isEmpty()) return incomplete(open.size());
        if (last == null) return complete();
        if (needsMore(last, beforeLast, closedParenthesisOf)) return incomplete(0);
        return complete();
    }

    private static boolean needsMore(Token last, Token beforeLast, String closedParenthesisOf) {
        switch (last.kind()) {
            case WORD -> {
                if (beforeLast != null
                        && beforeLast.kind() == Kind.OPERATOR
                        && beforeLast.text().endsWith("@")) return true;
                return CONTINUING_WORDS.contains(last.text());
            }
            case CLOSE -> {
                return last.text().equals(")")
                        && closedParenthesisOf != null
                        && BODY_AFTER_PARENTHESES.contains(closedParenthesisOf);
            }
            case OPERATOR -> {
                String op = last.text();
                if (op.endsWith(";")) return false;
                if (op.equals("++") || op.equals("--")) return false; // x++
                if (op.equals(".*")
                        || op.equals("*")
                                && beforeLast != null
                                && beforeLast.text().endsWith(".")) return false; // import a.b.*
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Index after the quote closing a string or character literal begun before {@code from}; -1 if its line ends first. */
    private static int closingQuote(String code, int from, char quote) {
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** Index after the {@code """} closing a text block whose content starts at {@code from}; -1 if open. */
    private static int closingOfTextBlock(String code, int from) {
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"' && code.startsWith("\"\"\"", i)) {
                return i + 3;
            }
        }
        return -1;
    }

    private static char matching(char closing) {
        return switch (closing) {
            case ')' -> '(';
            case ']' -> '[';
            default -> '{';
        };
    }

    private static CodeAnalysis.Completion complete() {
        return new CodeAnalysis.Completion("complete", "");
    }

    private static CodeAnalysis.Completion invalid() {
        return new CodeAnalysis.Completion("invalid", "");
    }

    private static CodeAnalysis.Completion incomplete(int depth) {
        return new CodeAnalysis.Completion("incomplete", "    ".repeat(Math.max(1, depth)));
    }
}
