package d2l.kernel.display;

import java.lang.reflect.Array;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code text/plain} form of any value, at a cost that does not grow with the value: arrays,
 * collections and maps of more than {@value #SUMMARY_THRESHOLD} elements show their shape and the
 * first and last {@value #EDGE} elements of each dimension (as NumPy and ND4J do); small ones read
 * as {@code Arrays.deepToString} and {@code toString} would. No text is longer than
 * {@value #MAX_CHARS} characters.
 */
public final class TextRenderer {
    /** Above this many elements a value is summarised. */
    static final int SUMMARY_THRESHOLD = 1000;
    /** Elements shown at each end of a summarised dimension. */
    static final int EDGE = 3;
    /** The longest text any value gets; the rest is cut off. */
    static final int MAX_CHARS = 100_000;

    /** Classes declared in cells print as "REPL.$JShell$12$Point@1b6d"; users wrote "Point". */
    private static final Pattern JSHELL_WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+\\$");

    private TextRenderer() {}

    public static String plain(Object value) {
        var out = new Writer();
        try {
            out.value(value, false);
        } catch (Full full) {
            return JSHELL_WRAPPER.matcher(out.text).replaceAll("") + "\n... (cut at " + MAX_CHARS
                    + " characters; print the parts you need)";
        }
        return JSHELL_WRAPPER.matcher(out.text).replaceAll("");
    }

    /** Thrown once the text reached {@link #MAX_CHARS}: nothing more is built. */
    private static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    private static final class Writer {
        final StringBuilder text = new StringBuilder();
        /** Arrays, collections and maps being written, to show a cycle instead of following it. */
        final Set<Object> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

        void append(String s) {
            int room = MAX_CHARS - text.length();
            if (s.length() <= room) {
                text.append(s);
                return;
            }
            text.append(s, 0, room);
            throw new Full();
        }

        void value(Object value, boolean summarise) {
            if (value == null) {
                append("null");
            } else if (value.getClass().isArray()) {
                array(value, summarise);
            } else if (value instanceof Collection<?> c && inheritsToString(c, AbstractCollection.class)) {
                collection(c);
            } else if (value instanceof Map<?, ?> m && inheritsToString(m, AbstractMap.class)) {
                map(m);
            } else {
                append(String.valueOf(value));
            }
        }

        /** A top-level array over the threshold is headed by its shape and summarised throughout. */
        private void array(Object array, boolean summarise) {
            if (!summarise && !open.contains(array) && leaves(array, SUMMARY_THRESHOLD) > SUMMARY_THRESHOLD) {
                append(shape(array) + " ");
                summarise = true;
            }
            if (!open.add(array)) {
                append("[...]");
                return;
            }
            int length = Array.getLength(array);
            boolean cut = summarise && length > 2 * EDGE;
            boolean rows = summarise
                    && array instanceof Object[]
                    && length > 0
                    && Array.get(array, 0) != null
                    && Array.get(array, 0).getClass().isArray();
            String separator = rows ? ",\n " : ", ";
            append("[");
            for (int i = 0; i < length; i++) {
                if (cut && i == EDGE) {
                    append(separator + "...");
                    i = length - EDGE;
                }
                if (i > 0) append(separator);
                Object element = Array.get(array, i);
                // Arrays.deepToString shows nested arrays; Object's toString would show "[I@1b6d".
                if (element != null && element.getClass().isArray()) array(element, summarise);
                else value(element, false);
            }
            append("]");
            open.remove(array);
        }

        private void collection(Collection<?> c) {
            if (!open.add(c)) {
                append("(this Collection)");
                return;
            }
            int size = c.size();
            boolean cut = size > SUMMARY_THRESHOLD;
            if (cut) append(c.getClass().getSimpleName() + " size=" + size + " ");
            append("[");
            if (cut && c instanceof List<?> list && c instanceof RandomAccess) {
                for (int i = 0; i < EDGE; i++) element(list.get(i), c, i > 0);
                append(", ...");
                for (int i = size - EDGE; i < size; i++) element(list.get(i), c, true);
            } else {
                int shown = 0;
                for (Iterator<?> it = c.iterator(); it.hasNext(); shown++) {
                    if (cut && shown == 2 * EDGE) {
                        append(", ...");
                        break;
                    }
                    element(it.next(), c, shown > 0);
                }
            }
            append("]");
            open.remove(c);
        }

        private void element(Object e, Collection<?> owner, boolean comma) {
            if (comma) append(", ");
            if (e == owner) append("(this Collection)");
            else value(e, false);
        }

        private void map(Map<?, ?> m) {
            if (!open.add(m)) {
                append("(this Map)");
                return;
            }
            int size = m.size();
            boolean cut = size > SUMMARY_THRESHOLD;
            if (cut) append(m.getClass().getSimpleName() + " size=" + size + " ");
            append("{");
            int shown = 0;
            for (var it = m.entrySet().iterator(); it.hasNext(); shown++) {
                if (cut && shown == 2 * EDGE) {
                    append(", ...");
                    break;
                }
                var entry = it.next();
                if (shown > 0) append(", ");
                if (entry.getKey() == m) append("(this Map)");
                else value(entry.getKey(), false);
                append("=");
                if (entry.getValue() == m) append("(this Map)");
                else value(entry.getValue(), false);
            }
            append("}");
            open.remove(m);
        }
    }

    /** Whether {@code value} prints with {@code base}'s own toString, which this class can bound. */
    private static boolean inheritsToString(Object value, Class<?> base) {
        try {
            return value.getClass().getMethod("toString").getDeclaringClass() == base;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Counts elements, nested arrays' elements included, but stops once past {@code limit}. */
    private static long leaves(Object array, long limit) {
        int length = Array.getLength(array);
        if (!(array instanceof Object[] objects)) return length;
        long count = 0;
        for (Object element : objects) {
            count += element != null && element.getClass().isArray() && element != array
                    ? leaves(element, limit - count)
                    : 1;
            if (count > limit) return count;
        }
        return count;
    }

    /** "double[1000][1000]": the element type and the lengths along the first element of each level. */
    static String shape(Object array) {
        var dims = new StringBuilder();
        Class<?> type = array.getClass();
        Object level = array;
        while (type.isArray()) {
            dims.append('[');
            if (level != null) dims.append(Array.getLength(level));
            dims.append(']');
            level = level != null && Array.getLength(level) > 0 ? Array.get(level, 0) : null;
            if (level != null && !level.getClass().isArray()) level = null;
            type = type.getComponentType();
        }
        return type.getSimpleName() + dims;
    }
}
