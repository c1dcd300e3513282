package d2l.kernel.eval;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import d2l.kernel.display.MimeBundle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a notebook's outputs as nbformat 4 output dicts, for the headless runner. Call
 * {@link #startCell()} before each cell and pass what it returns to {@link Session#execute};
 * {@link #outputs(int)} gives a cell's list. Consecutive stream text is merged; an update of a
 * display id rewrites that output in whichever earlier cell it was shown; clear_output empties
 * the current cell (or, with wait, does so when the next output arrives).
 */
public final class NotebookOutputs {
    private static final Gson GSON = new Gson();

    private final List<List<JsonObject>> cells = new ArrayList<>();
    private final Map<String, List<JsonObject>> byDisplayId = new HashMap<>();

    /** Begins collecting outputs of the next cell. */
    public OutputSink startCell() {
        var outputs = new ArrayList<JsonObject>();
        cells.add(outputs);
        return new CellSink(outputs);
    }

    /** The outputs of the i-th started cell (0-based), in order. */
    public List<JsonObject> outputs(int cell) {
        return cells.get(cell);
    }

    /** The outputs of the i-th cell as a JSON array ready for the notebook's "outputs". */
    public JsonArray outputsJson(int cell) {
        var array = new JsonArray();
        cells.get(cell).forEach(array::add);
        return array;
    }

    public int cellCount() {
        return cells.size();
    }

    /** nbformat's mime-bundle: multi-line text split into lines, as Jupyter writes it. */
    static JsonObject data(MimeBundle bundle) {
        var data = new JsonObject();
        bundle.data().forEach((mime, value) -> {
            if (MimeBundle.isJson(mime)) {
                data.add(mime, MimeBundle.wireValue(mime, value));
            } else if (mime.startsWith("text/") || mime.equals(MimeBundle.SVG)) {
                data.add(mime, lines(value));
            } else {
                data.addProperty(mime, value);
            }
        });
        return data;
    }

    /**
     * Joins an nbformat "multiline string" (a string or an array of strings, as {@link #lines}
     * writes it); "" for a missing or null one.
     */
    public static String multiline(JsonElement element) {
        if (element == null || element.isJsonNull()) return "";
        if (!element.isJsonArray()) return element.getAsString();
        var text = new StringBuilder();
        for (var part : element.getAsJsonArray()) text.append(part.getAsString());
        return text.toString();
    }

    static JsonArray lines(String text) {
        var array = new JsonArray();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            array.add(text.substring(start, end));
            start = end;
        }
        return array;
    }

    /**
     * Adds {@code text} to {@code lines} as {@link #lines} would split their joined text: the
     * first piece completes an unfinished last line. Costs the new text's length (plus that last
     * line's), not the whole text's, so a long log grows in linear time.
     */
    static void appendLines(JsonArray lines, String text) {
        var added = lines(text);
        if (added.isEmpty()) return;
        int last = lines.size() - 1;
        if (last >= 0 && !lines.get(last).getAsString().endsWith("\n"))
            lines.set(
                    last,
                    new JsonPrimitive(
                            lines.get(last).getAsString() + added.remove(0).getAsString()));
        lines.addAll(added);
    }

    private final class CellSink implements OutputSink {
        private final List<JsonObject> outputs;
        private boolean clearPending;

        CellSink(List<JsonObject> outputs) {
            this.outputs = outputs;
        }

        private synchronized void add(JsonObject output) {
            if (clearPending) {
                clearPending = false;
                outputs.clear();
            }
            outputs.add(output);
        }

        /** Text that follows text of the same stream joins its output, as Jupyter shows it. */
        @Override
        public synchronized void stream(String name, String text) {
            if (clearPending) {
                clearPending = false;
                outputs.clear();
            }
            if (!outputs.isEmpty()) {
                var last = outputs.get(outputs.size() - 1);
                if ("stream".equals(last.get("output_type").getAsString())
                        && name.equals(last.get("name").getAsString())) {
                    appendLines(last.getAsJsonArray("text"), text);
                    return;
                }
            }
            var output = new JsonObject();
            output.addProperty("output_type", "stream");
            output.addProperty("name", name);
            output.add("text", lines(text));
            outputs.add(output);
        }

        @Override
        public void displayData(MimeBundle bundle, String displayId) {
            var output = new JsonObject();
            output.addProperty("output_type", "display_data");
            output.add("data", data(bundle));
            output.add("metadata", GSON.toJsonTree(bundle.metadata()));
            add(output);
            if (displayId != null)
                byDisplayId.computeIfAbsent(displayId, k -> new ArrayList<>()).add(output);
        }

        @Override
        public void updateDisplayData(MimeBundle bundle, String displayId) {
            for (var output : byDisplayId.getOrDefault(displayId, List.of())) {
                output.add("data", data(bundle));
                output.add("metadata", GSON.toJsonTree(bundle.metadata()));
            }
        }

        @Override
        public void executeResult(int executionCount, MimeBundle bundle) {
            var output = new JsonObject();
            output.addProperty("output_type", "execute_result");
            output.addProperty("execution_count", executionCount);
            output.add("data", data(bundle));
            output.add("metadata", GSON.toJsonTree(bundle.metadata()));
            add(output);
        }

        @Override
        public void error(CellError error) {
            var output = new JsonObject();
            output.addProperty("output_type", "error");
            output.addProperty("ename", error.ename());
            output.addProperty("evalue", error.evalue());
            var traceback = new JsonArray();
            error.traceback().forEach(traceback::add);
            output.add("traceback", traceback);
            add(output);
        }

        @Override
        public synchronized void clearOutput(boolean wait) {
            if (wait) {
                clearPending = true;
            } else {
                outputs.clear();
            }
        }
    }

    /** Sends everything to the kernel's log; used for start-up scripts. */
    static final class ToLog implements OutputSink {
        @Override
        public void stream(String name, String text) {
            Stdio.log().print(text);
        }

        @Override
        public void displayData(MimeBundle bundle, String displayId) {}

        @Override
        public void updateDisplayData(MimeBundle bundle, String displayId) {}

        @Override
        public void executeResult(int executionCount, MimeBundle bundle) {}

        @Override
        public void error(CellError error) {}

        @Override
        public void clearOutput(boolean wait) {}
    }
}
