package d2l.kernel.runner;

import d2l.kernel.eval.ExecuteResult;
import d2l.kernel.eval.NotebookOutputs;
import java.util.ArrayList;

/**
 * Executes a notebook's code cells top to bottom in one session, writes their outputs and
 * execution counts into the notebook, and stops at the first failing cell.
 */
public final class NotebookExecutor {
    /**
     * Where a run stopped: the notebook, the cell's position counting every cell from 1 (as a reader
     * counts them down the page), its {@code In [n]} execution count, its first line, and the
     * kernel's error.
     */
    public record Failure(
            String notebook, int cellNumber, int executionCount, String firstLine, String ename, String evalue) {
        public String describe() {
            return notebook + ".ipynb: cell " + cellNumber + " (In [" + executionCount + "]) failed: " + ename
                    + (evalue == null || evalue.isEmpty() ? "" : ": " + evalue);
        }
    }

    private NotebookExecutor() {}

    /**
     * Runs {@code notebook} in {@code session}; returns null when every code cell succeeded. Cells
     * after a failure are left with no outputs, so the saved file shows exactly what ran. Each cell's
     * start and end go to {@code progress}.
     */
    public static Failure execute(NotebookFile notebook, CellEvaluator session, ProgressLine progress) {
        notebook.ensureCellIds();
        var cells = notebook.cells();
        cells.stream().filter(NotebookFile.Cell::isCode).forEach(NotebookFile.Cell::resetOutputs);
        // One collector for the whole notebook: a later cell may update an earlier cell's display.
        var outputs = new NotebookOutputs();
        var ran = new ArrayList<NotebookFile.Cell>();
        Failure failure = null;
        for (var index = 0; index < cells.size() && failure == null; index++) {
            var cell = cells.get(index);
            if (!cell.isCode() || cell.source().isBlank()) {
                continue;
            }
            progress.cellStarted(index + 1, cells.size(), cell.source());
            ExecuteResult result;
            try {
                result = session.execute(cell.source(), outputs.startCell());
            } finally {
                progress.cellFinished();
            }
            cell.setExecutionCount(result.executionCount());
            ran.add(cell);
            if (!result.ok()) {
                failure = new Failure(
                        notebook.name(),
                        index + 1,
                        result.executionCount(),
                        ProgressLine.firstLine(cell.source()),
                        result.error().ename(),
                        result.error().evalue());
            }
        }
        // Outputs are attached last so that in-place display updates from later cells are included.
        for (var i = 0; i < ran.size(); i++) {
            ran.get(i).json().add("outputs", outputs.outputsJson(i));
        }
        // Read while the session is open: closing it closes the widgets.
        notebook.widgetState(session.widgetState());
        return failure;
    }
}
