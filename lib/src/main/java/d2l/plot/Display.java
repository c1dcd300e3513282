package d2l.plot;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where the library shows rich output (charts, tables) while code runs. The library does not
 * depend on any kernel: a notebook kernel installs its {@code display}/{@code updateDisplay}
 * functions here at start-up, and outside a notebook nothing is installed and callers fall back
 * to printing or files.
 */
public final class Display {
    private static volatile Function<Object, String> show;
    private static volatile BiConsumer<String, Object> update;

    private Display() {}

    /** Called once by the kernel's start-up script. */
    public static void install(Function<Object, String> show, BiConsumer<String, Object> update) {
        Display.show = Objects.requireNonNull(show, "show");
        Display.update = Objects.requireNonNull(update, "update");
    }

    /** Detaches the front end again; afterwards the library behaves as outside a notebook. */
    public static void uninstall() {
        show = null;
        update = null;
    }

    /** Whether a notebook front end is attached. */
    public static boolean available() {
        return show != null;
    }

    /** Shows an object as a new output and returns its display id, or null outside a notebook. */
    public static String show(Object value) {
        var s = show;
        return s == null ? null : s.apply(value);
    }

    /** Replaces the output with this display id in place; a no-op outside a notebook. */
    public static void update(String displayId, Object value) {
        var u = update;
        if (u != null && displayId != null) u.accept(displayId, value);
    }
}
