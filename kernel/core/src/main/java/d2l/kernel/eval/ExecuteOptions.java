package d2l.kernel.eval;

/**
 * Jupyter's execute flags. {@code silent} sends no result and does not count; {@code storeHistory}
 * counts the cell and keeps it in the history.
 */
public record ExecuteOptions(boolean silent, boolean storeHistory) {
    public static final ExecuteOptions DEFAULT = new ExecuteOptions(false, true);
    public static final ExecuteOptions SILENT = new ExecuteOptions(true, false);
}
