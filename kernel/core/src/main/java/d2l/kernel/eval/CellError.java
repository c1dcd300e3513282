package d2l.kernel.eval;

import java.util.List;

/**
 * A failed cell as Jupyter reports it: exception class name, message and traceback lines that
 * name cell lines rather than JShell internals.
 */
public record CellError(String ename, String evalue, List<String> traceback) {
    public CellError {
        traceback = List.copyOf(traceback);
    }

    /** The same error with {@code notes} added at the end of its traceback. */
    public CellError withNotes(List<String> notes) {
        if (notes.isEmpty()) return this;
        var lines = new java.util.ArrayList<>(traceback);
        lines.addAll(notes);
        return new CellError(ename, evalue, lines);
    }

    /** The whole report as one text, as a terminal would show it. */
    public String text() {
        return String.join("\n", traceback);
    }
}
