package d2l.kernel.eval;

import java.util.regex.Pattern;

/**
 * Where a cell's first top-level block ends, for code JShell's analysis cannot split. JDK 17's
 * {@code analyzeCompletion} calls a method whose arrow {@code switch} has a {@code -> throw} case
 * UNKNOWN together with everything after it, so {@code var y = act("relu", -1);} on the next line
 * was compiled as part of the method ("'var' is not allowed here"). javac itself parses the method
 * alone well; so when the analysis gives up, the text up to a line that closes the first top-level
 * {@code {}} block is taken as one snippet and the rest as the next.
 */
final class BlockSplit {
    /** What may continue a statement after its block: else, catch, finally, do-while's while, a call chain, ... */
    private static final Pattern CONTINUES =
            Pattern.compile("^(else|catch|finally|while)\\b|^[.,)\\]};:?+\\-*/&|^=<>%]");

    private BlockSplit() {}

    /**
     * The index just after the line whose only code is the {@code }} closing the first top-level
     * block, if more code follows that does not continue the block's statement; else -1.
     */
    static int firstBlockEnd(String code) {
        int depth = 0;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                i = lineEnd(code, i);
                continue;
            }
            if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                while (end > 0 && code.charAt(end - 1) == '\\') end = code.indexOf("\"\"\"", end + 1);
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (c == '"' || c == '\'') {
                i = literalEnd(code, i, c);
                continue;
            }
            if (c == '{' || c == '(' || c == '[') depth++;
            if (c == '}' || c == ')' || c == ']') {
                depth--;
                if (depth < 0) return -1;
                if (depth == 0 && c == '}') {
                    int end = lineEnd(code, i + 1);
                    String after = code.substring(i + 1, end).strip();
                    String next = code.substring(Math.min(n, end + 1)).strip();
                    while (next.startsWith("//"))
                        next = next.substring(lineEnd(next, 0)).strip();
                    if ((after.isEmpty() || after.startsWith("//"))
                            && !next.isEmpty()
                            && !CONTINUES.matcher(next).find()) {
                        return Math.min(n, end + 1);
                    }
                }
            }
            i++;
        }
        return -1;
    }

    private static int lineEnd(String code, int from) {
        int end = code.indexOf('\n', from);
        return end < 0 ? code.length() : end;
    }

    private static int literalEnd(String code, int start, char quote) {
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(code.length(), i + 1);
    }
}
