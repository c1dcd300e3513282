package d2l.kernel.runner;

/**
 * An executed notebook from an earlier run whose outputs can stand for running another notebook:
 * the chapter's Vietnamese edition has the English edition's code cells, cell for cell, and the
 * chapter seeds every random draw, so running it again would train the same models to the same
 * numbers. The copy counts only when its code is this notebook's and every cell of it ran.
 */
final class ExecutedCopy {
    private ExecutedCopy() {}

    /** Why {@code copy}'s outputs cannot stand for a run of {@code notebook}; null when they can. */
    static String mismatch(NotebookFile notebook, NotebookFile copy) {
        if (!java.util.Objects.equals(notebook.kernelName(), copy.kernelName())) {
            return "it ran in kernel " + copy.kernelName() + ", this notebook names " + notebook.kernelName();
        }
        var mine = notebook.cells().stream().filter(NotebookFile.Cell::isCode).toList();
        var theirs = copy.cells().stream().filter(NotebookFile.Cell::isCode).toList();
        if (mine.size() != theirs.size()) {
            return "it has " + theirs.size() + " code cells, this notebook " + mine.size();
        }
        for (var i = 0; i < mine.size(); i++) {
            var cell = theirs.get(i);
            if (!mine.get(i).source().equals(cell.source())) {
                return "code cell " + (i + 1) + " differs";
            }
            if (cell.source().isBlank()) {
                continue;
            }
            if (!cell.json().has("execution_count")
                    || cell.json().get("execution_count").isJsonNull()) {
                return "its code cell " + (i + 1) + " did not run";
            }
            for (var output : cell.outputs()) {
                var type = output.getAsJsonObject().get("output_type");
                if (type != null && type.getAsString().equals("error")) {
                    return "its code cell " + (i + 1) + " failed";
                }
            }
        }
        return null;
    }

    /** Gives {@code notebook}'s code cells the outputs and execution counts of {@code copy}'s, and its widget state (see {@link #mismatch}). */
    static void copyOutputs(NotebookFile copy, NotebookFile notebook) {
        notebook.ensureCellIds();
        var mine = notebook.cells().stream().filter(NotebookFile.Cell::isCode).toList();
        var theirs = copy.cells().stream().filter(NotebookFile.Cell::isCode).toList();
        for (var i = 0; i < mine.size(); i++) {
            var from = theirs.get(i).json();
            var to = mine.get(i).json();
            to.add("outputs", from.has("outputs") ? from.get("outputs").deepCopy() : new com.google.gson.JsonArray());
            to.add(
                    "execution_count",
                    from.has("execution_count")
                            ? from.get("execution_count").deepCopy()
                            : com.google.gson.JsonNull.INSTANCE);
        }
        // The outputs name widget models by id: their state comes along.
        var widgets = copy.widgetState();
        notebook.widgetState(widgets == null ? null : widgets.deepCopy());
    }
}
