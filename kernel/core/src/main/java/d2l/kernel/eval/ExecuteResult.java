package d2l.kernel.eval;

/**
 * How a cell ended. {@code error} is null when it succeeded; {@code executionCount} is the number
 * the cell was given (the previous count again for silent or unstored cells).
 */
public record ExecuteResult(int executionCount, CellError error) {
    public boolean ok() {
        return error == null;
    }
}
