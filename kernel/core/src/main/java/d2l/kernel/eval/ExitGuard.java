package d2l.kernel.eval;

/**
 * What {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} call in code the session
 * loads: {@link ExitCallRewriter} points those calls here. Ending the JVM would end the kernel and
 * every variable of the session with it, so the call ends the cell with an error instead.
 */
public final class ExitGuard {
    static final String MESSAGE = " is not available in a notebook; use Kernel \u2192 Restart";

    private ExitGuard() {}

    /** Replaces {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new Refused("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void exit(Runtime runtime, int status) {
        throw new Refused("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void halt(Runtime runtime, int status) {
        throw new Refused("Runtime.halt", status);
    }

    /** An Error, so that {@code catch (Exception e)} in the cell does not carry on as if nothing happened. */
    public static final class Refused extends Error {
        private static final long serialVersionUID = 1L;

        Refused(String method, int status) {
            super(method + MESSAGE + " (exit status " + status + ")");
        }
    }
}
