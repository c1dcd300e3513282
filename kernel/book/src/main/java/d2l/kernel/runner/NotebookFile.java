package d2l.kernel.runner;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import d2l.kernel.eval.NotebookOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An nbformat 4 notebook kept as its JSON tree, so metadata this class does not model
 * survives a read-execute-write round trip unchanged.
 */
public final class NotebookFile {
    private static final String WIDGET_STATE = "application/vnd.jupyter.widget-state+json";

    private static final Gson PRETTY = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeNulls()
            .create();

    private final String name;
    private final JsonObject root;

    private NotebookFile(String name, JsonObject root) {
        this.name = name;
        this.root = root;
    }

    /** Reads a notebook file; a file that is not nbformat 4 JSON gets an error naming the file. */
    public static NotebookFile read(Path path) throws IOException {
        var fileName = path.getFileName().toString();
        var baseName = fileName.endsWith(".ipynb") ? fileName.substring(0, fileName.length() - 6) : fileName;
        return parse(Files.readString(path, StandardCharsets.UTF_8), baseName, path.toString());
    }

    /** Parses notebook JSON; {@code origin} names the source in error messages. */
    public static NotebookFile parse(String json, String name, String origin) {
        JsonElement tree;
        try {
            tree = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    origin + " is not valid JSON (" + e.getMessage() + "); is it an .ipynb notebook?", e);
        }
        if (!tree.isJsonObject()) {
            throw new IllegalArgumentException(origin + " is JSON but not a notebook object");
        }
        var root = tree.getAsJsonObject();
        var major = root.has("nbformat") ? root.get("nbformat").getAsInt() : -1;
        if (major != 4) {
            throw new IllegalArgumentException(origin + " has nbformat " + major
                    + "; only nbformat 4 is supported (convert it with `jupyter nbconvert --to notebook`)");
        }
        if (!root.has("cells") || !root.get("cells").isJsonArray()) {
            throw new IllegalArgumentException(origin + " has no \"cells\" array");
        }
        if (!root.has("metadata")) {
            root.add("metadata", new JsonObject());
        }
        return new NotebookFile(name, root);
    }

    /** The file's base name without {@code .ipynb}; used for output file names. */
    public String name() {
        return name;
    }

    public List<Cell> cells() {
        var cells = new ArrayList<Cell>();
        for (var element : root.getAsJsonArray("cells")) {
            cells.add(new Cell(element.getAsJsonObject()));
        }
        return cells;
    }

    /** {@code metadata.kernelspec.name}, or null when the notebook names no kernel. */
    public String kernelName() {
        var metadata = root.getAsJsonObject("metadata");
        if (metadata.has("kernelspec") && metadata.get("kernelspec").isJsonObject()) {
            var spec = metadata.getAsJsonObject("kernelspec");
            return spec.has("name") ? spec.get("name").getAsString() : null;
        }
        return null;
    }

    /** The notebook's natural language from metadata {@code "lang"} (such as "vi"), or null. */
    public String lang() {
        var metadata = root.getAsJsonObject("metadata");
        return metadata.has("lang") && metadata.get("lang").isJsonPrimitive()
                ? metadata.get("lang").getAsString()
                : null;
    }

    /**
     * Stores the widgets' state ({@code document}, nbformat's widget state) under
     * {@code metadata.widgets["application/vnd.jupyter.widget-state+json"]}, where JupyterLab and
     * nbconvert read it; null removes a stored state, so a run that made no widgets leaves none
     * from an earlier run.
     */
    public void widgetState(JsonObject document) {
        var metadata = root.getAsJsonObject("metadata");
        var widgets = metadata.has("widgets") && metadata.get("widgets").isJsonObject()
                ? metadata.getAsJsonObject("widgets")
                : new JsonObject();
        if (document == null) {
            widgets.remove(WIDGET_STATE);
        } else {
            widgets.add(WIDGET_STATE, document);
        }
        if (widgets.isEmpty()) {
            metadata.remove("widgets");
        } else {
            metadata.add("widgets", widgets);
        }
    }

    /** The stored widget state, or null. */
    public JsonObject widgetState() {
        var metadata = root.getAsJsonObject("metadata");
        if (!metadata.has("widgets") || !metadata.get("widgets").isJsonObject()) {
            return null;
        }
        var state = metadata.getAsJsonObject("widgets").get(WIDGET_STATE);
        return state != null && state.isJsonObject() ? state.getAsJsonObject() : null;
    }

    /** The text of the first markdown heading, or the file name when there is none. */
    public String title() {
        for (var cell : cells()) {
            if (cell.isMarkdown()) {
                for (var line : cell.source().split("\n")) {
                    var trimmed = line.strip();
                    if (trimmed.startsWith("#")) {
                        return trimmed.replaceFirst("^#+\\s*", "");
                    }
                }
            }
        }
        return name;
    }

    /**
     * Gives code cells without an id one, as nbformat 4.5 requires; older minor versions
     * must not carry ids, so they are left alone.
     */
    public void ensureCellIds() {
        var minor = root.has("nbformat_minor") ? root.get("nbformat_minor").getAsInt() : 0;
        if (minor < 5) {
            return;
        }
        for (var cell : cells()) {
            if (!cell.json().has("id")) {
                cell.json().addProperty("id", UUID.randomUUID().toString().substring(0, 8));
            }
        }
    }

    public String toJson() {
        return PRETTY.toJson(root) + "\n";
    }

    public void write(Path path) throws IOException {
        Files.writeString(path, toJson(), StandardCharsets.UTF_8);
    }

    /** One cell; code cells carry outputs and an execution count. */
    public record Cell(JsonObject json) {
        public String type() {
            return json.has("cell_type") ? json.get("cell_type").getAsString() : "";
        }

        public boolean isCode() {
            return type().equals("code");
        }

        public boolean isMarkdown() {
            return type().equals("markdown");
        }

        /** The source joined into one string (nbformat allows a string or a list of lines). */
        public String source() {
            return multiline(json.get("source"));
        }

        /** Replaces outputs and execution count before the cell runs, as a fresh kernel would. */
        public JsonArray resetOutputs() {
            var outputs = new JsonArray();
            json.add("outputs", outputs);
            json.add("execution_count", null);
            return outputs;
        }

        public void setExecutionCount(int count) {
            json.addProperty("execution_count", count);
        }

        public JsonArray outputs() {
            return json.has("outputs") ? json.getAsJsonArray("outputs") : new JsonArray();
        }
    }

    /** Joins an nbformat "multiline string" (a string or an array of strings). */
    public static String multiline(JsonElement element) {
        return NotebookOutputs.multiline(element);
    }
}
