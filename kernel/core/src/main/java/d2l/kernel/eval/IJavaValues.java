package d2l.kernel.eval;

import java.util.regex.Pattern;

/**
 * Which snippets show a value, by IJava's rule: the last snippet of a cell shows its value whether
 * or not it ends in {@code ;} ({@code 1 + 1;}, {@code x;}, {@code list.add(3);}); a declaration, a
 * statement, a void call and a simple assignment ({@code x = 5;}, JShell's assignment kind) show
 * none. One deliberate difference: a cell ending in {@code display(x);} shows {@code x} once, not
 * also the display id that {@code display} returns (IJava shows the id as the cell's value).
 */
final class IJavaValues {
    /** JShell's ASSIGNMENT_SUBKIND: a plain name, then {@code =} (not {@code ==}). */
    private static final Pattern SIMPLE_ASSIGNMENT = Pattern.compile("^\\s*[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*=(?!=)");

    private static final Pattern DISPLAY_CALL =
            Pattern.compile("^\\s*(display|Display\\.show)\\s*\\((?s:.*)\\)\\s*;?\\s*$");

    private IJavaValues() {}

    static boolean simpleAssignment(String snippet) {
        return SIMPLE_ASSIGNMENT.matcher(snippet).find();
    }

    /** Whether the snippet's value is not shown although it has one. */
    static boolean hidden(String snippet) {
        return simpleAssignment(snippet) || DISPLAY_CALL.matcher(snippet).matches();
    }
}
