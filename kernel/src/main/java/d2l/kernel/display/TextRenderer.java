package d2l.kernel.display;

import java.util.Arrays;

/** The {@code text/plain} form of any value, readable for arrays too. */
public final class TextRenderer {
    private TextRenderer() {}

    public static String plain(Object value) {
        if (value == null) return "null";
        if (value instanceof Object[] a) return Arrays.deepToString(a);
        if (value instanceof int[] a) return Arrays.toString(a);
        if (value instanceof long[] a) return Arrays.toString(a);
        if (value instanceof double[] a) return Arrays.toString(a);
        if (value instanceof float[] a) return Arrays.toString(a);
        if (value instanceof boolean[] a) return Arrays.toString(a);
        if (value instanceof byte[] a) return Arrays.toString(a);
        if (value instanceof short[] a) return Arrays.toString(a);
        if (value instanceof char[] a) return Arrays.toString(a);
        return JSHELL_WRAPPER.matcher(String.valueOf(value)).replaceAll("");
    }

    /** Classes declared in cells print as "REPL.$JShell$12$Point@1b6d"; users wrote "Point". */
    private static final java.util.regex.Pattern JSHELL_WRAPPER = java.util.regex.Pattern.compile("REPL\\.\\$JShell\\$\\d+\\$");
}
