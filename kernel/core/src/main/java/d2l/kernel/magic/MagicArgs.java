package d2l.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * A magic's arguments as IJava splits them: by spaces and tabs, with double quotes keeping spaces
 * ({@code %load "my file.jsh"}) and a backslash escaping a quote. Also turns them back into text for
 * magics that take their line whole, and into Java literals for the calls inline magics become.
 */
public final class MagicArgs {
    private MagicArgs() {}

    /** The arguments of a magic line, e.g. {@code a.jar "dir with space/b.jar"} gives two. */
    public static List<String> split(String line) {
        var args = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        boolean started = false;
        for (char c : line.strip().toCharArray()) {
            if (escaped) {
                if (c != '"') current.append('\\');
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
                started = true;
            } else if (c == '"') {
                quoted = !quoted;
                started = true;
            } else if ((c == ' ' || c == '\t') && !quoted) {
                if (started) args.add(current.toString());
                current.setLength(0);
                started = false;
            } else {
                current.append(c);
                started = true;
            }
        }
        if (escaped) current.append('\\');
        if (started) args.add(current.toString());
        return args;
    }

    /** The arguments as one line that {@link #split} reads back to the same list. */
    public static String join(List<String> args) {
        var line = new StringBuilder();
        for (String arg : args) {
            if (line.length() > 0) line.append(' ');
            boolean plain =
                    !arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"' || c == '\\');
            line.append(plain ? arg : '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        return line.toString();
    }

    /** {@code text} as a Java string literal. */
    public static String javaLiteral(String text) {
        var literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20) literal.append(String.format("\\u%04x", (int) c));
                    else literal.append(c);
                }
            }
        }
        return literal.append('"').toString();
    }
}
