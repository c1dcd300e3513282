package d2l.kernel.magic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line magics used as values, as IJava allows: {@code List<String> added = %jars lib/*.jar} becomes
 * {@code List<String> added = lineMagic("jars", java.util.List.of("lib/*.jar"));}, a call of the
 * notebook function that runs the magic and returns what it returns. As in IJava, a magic is a value
 * where {@code %name} follows an {@code =} on its line, outside a string literal, and its arguments
 * are the rest of the line (a final {@code ;} there ends the statement, not an argument).
 */
public final class InlineMagics {
    private static final Pattern INLINE = Pattern.compile("^(.*=)\\s*%([A-Za-z]\\w*)(.*?);?\\s*$");

    private InlineMagics() {}

    /** The cell's text with each inline magic turned into a {@code lineMagic(...)} call; lines stay lines. */
    public static String rewrite(String cell) {
        if (cell.indexOf('%') < 0) return cell;
        String[] lines = cell.split("\n", -1);
        boolean changed = false;
        boolean inTextBlock = false;
        for (int i = 0; i < lines.length; i++) {
            boolean textLine = inTextBlock;
            // A line of a text block ("total=%d") is text: an odd number of """ opens or closes one.
            if ((lines[i].split("\"\"\"", -1).length - 1) % 2 == 1) inTextBlock = !inTextBlock;
            if (textLine || lines[i].contains("\"\"\"")) continue;
            Matcher m = INLINE.matcher(lines[i]);
            if (!m.matches() || inString(m.group(1))) continue;
            lines[i] = m.group(1) + " " + lineCall(m.group(2), MagicArgs.split(m.group(3))) + ";";
            changed = true;
        }
        return changed ? String.join("\n", lines) : cell;
    }

    /** The expression {@code lineMagic("name", java.util.List.of("arg", ...))}. */
    public static String lineCall(String name, java.util.List<String> args) {
        return "lineMagic(" + MagicArgs.javaLiteral(name) + ", " + list(args) + ")";
    }

    /** The expression {@code cellMagic("name", java.util.List.of(...), "body")}. */
    public static String cellCall(String name, java.util.List<String> args, String body) {
        return "cellMagic(" + MagicArgs.javaLiteral(name) + ", " + list(args) + ", " + MagicArgs.javaLiteral(body)
                + ")";
    }

    private static String list(java.util.List<String> args) {
        var list = new StringBuilder();
        for (String arg : args) {
            if (list.length() > 0) list.append(", ");
            list.append(MagicArgs.javaLiteral(arg));
        }
        return "java.util.List.of(" + list + ")";
    }

    /** Whether the end of {@code prefix} is inside a string literal (an odd number of unescaped quotes). */
    private static boolean inString(String prefix) {
        boolean in = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') in = !in;
        }
        return in;
    }
}
