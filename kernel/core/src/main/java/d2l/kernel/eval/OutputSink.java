package d2l.kernel.eval;

import d2l.kernel.display.MimeBundle;

/**
 * Receives a cell's outputs as they happen, in Jupyter's terms. The kernel turns them into IOPub
 * messages; {@link NotebookOutputs} turns them into nbformat output dicts.
 */
public interface OutputSink {
    /** Text written to {@code System.out} ("stdout") or {@code System.err} ("stderr"). */
    void stream(String name, String text);

    /** A new rich output; {@code displayId} is null unless it may be updated later. */
    void displayData(MimeBundle bundle, String displayId);

    /** Replaces every earlier output with this display id. */
    void updateDisplayData(MimeBundle bundle, String displayId);

    /** The value of the cell's final expression. */
    void executeResult(int executionCount, MimeBundle bundle);

    void error(CellError error);

    /** Clears the cell's outputs; with {@code wait}, only once the next output arrives. */
    void clearOutput(boolean wait);
}
