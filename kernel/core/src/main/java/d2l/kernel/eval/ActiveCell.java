package d2l.kernel.eval;

import d2l.kernel.magic.MagicContext;
import d2l.kernel.magic.Magics;
import java.util.List;

/**
 * The session and cell that user code runs in, for the notebook functions that reach back into the
 * kernel ({@code lineMagic}, {@code cellMagic}, {@code eval}, IJava's {@code getKernelInstance()}).
 * Like {@link DisplayHub}, these reach the session the calling thread works for
 * ({@link SessionContext#current()}).
 */
public final class ActiveCell {
    private ActiveCell() {}

    /** The magics of the calling thread's session. */
    public static Magics magics() {
        return require(SessionContext.current()).magics();
    }

    /** What magics called from the running cell act on. */
    public static MagicContext context() {
        return require(require(SessionContext.current()).cell());
    }

    public static Object lineMagic(String name, List<String> args) {
        return magics().callLine(name, args, context());
    }

    public static Object cellMagic(String name, List<String> args, String body) {
        return magics().callCell(name, args, body, context());
    }

    /**
     * Runs code in the session, as part of the running cell (its outputs go there), and returns the
     * value of its last expression, or null.
     *
     * @throws EvalException if the code does not compile or throws
     */
    public static Object eval(String code) {
        try {
            return context().evaluateForValue(code, "eval");
        } catch (Session.CellFailure failure) {
            throw new EvalException(failure.error);
        }
    }

    /** Adds jars or class directories to the running session. */
    public static void addToClasspath(List<String> entries) {
        context().addToClasspath(entries);
    }

    private static <T> T require(T value) {
        if (value == null)
            throw new IllegalStateException(
                    "No notebook session is running in this JVM (the IJava functions work inside a kernel's cells)");
        return value;
    }
}
