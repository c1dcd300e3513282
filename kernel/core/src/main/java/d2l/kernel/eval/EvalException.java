package d2l.kernel.eval;

/** Code run by {@code eval(String)} failed to compile or threw; the message is the cell error's. */
public final class EvalException extends RuntimeException {
    private final transient CellError error;

    EvalException(CellError error) {
        super(error.ename() + ": " + error.evalue());
        this.error = error;
    }

    /** The error as a cell would show it. */
    public CellError error() {
        return error;
    }
}
