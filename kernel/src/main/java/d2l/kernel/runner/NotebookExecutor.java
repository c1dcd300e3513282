package d2l.kernel.runner;

import com.google.gson.JsonObject;

/**
 * Executes a notebook's code cells top to bottom in one session, recording outputs into the
 * notebook itself, and stops at the first failing cell.
 */
public final class NotebookExecutor {
  /** Where a run stopped: the cell (0-based index among all cells) and the kernel's error. */
  public record Failure(String notebook, int cellIndex, String ename, String evalue) {
    public String describe() {
      return notebook + ": cell " + cellIndex + " failed: " + ename
          + (evalue == null || evalue.isEmpty() ? "" : ": " + evalue);
    }
  }

  private NotebookExecutor() {}

  /**
   * Runs {@code notebook} in {@code session}; returns null when every code cell succeeded. Cells
   * after a failure keep no stale outputs, so the saved file shows exactly what ran.
   */
  public static Failure execute(Notebook notebook, CellEvaluator session) {
    notebook.ensureCellIds();
    var assembler = new OutputAssembler();
    var cells = notebook.cells();
    cells.stream().filter(Notebook.Cell::isCode).forEach(Notebook.Cell::resetOutputs);
    var count = 0;
    for (var index = 0; index < cells.size(); index++) {
      var cell = cells.get(index);
      if (!cell.isCode() || cell.source().isBlank()) {
        continue;
      }
      count++;
      cell.setExecutionCount(count);
      assembler.startCell(cell.outputs());
      var ok = session.execute(cell.source(), count, assembler);
      if (!ok) {
        return failure(notebook, index, assembler.error());
      }
    }
    return null;
  }

  private static Failure failure(Notebook notebook, int index, JsonObject error) {
    if (error == null) {
      return new Failure(notebook.name(), index, "Error", "the cell failed without publishing an error");
    }
    return new Failure(notebook.name(), index, error.get("ename").getAsString(), error.get("evalue").getAsString());
  }
}
