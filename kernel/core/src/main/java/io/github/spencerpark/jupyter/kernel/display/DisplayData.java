package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered data by MIME type, as IJava's renderers fill it ({@code putHTML}, {@code putData}).
 * Compatibility type of the d2l kernel; {@code display(data)} and a cell's value show it as it is
 * (binary types such as {@code image/png} are base64 text, as in Jupyter's messages).
 */
public class DisplayData {
    public static final String DISPLAY_ID_KEY = "display_id";

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private String displayId;

    public DisplayData() {}

    public DisplayData(String text) {
        putText(text);
    }

    public DisplayData(DisplayData that) {
        data.putAll(that.data);
        metadata.putAll(that.metadata);
        displayId = that.displayId;
    }

    public void putData(String mimeType, Object value) {
        data.put(mimeType, value);
    }

    public void putData(MIMEType type, Object value) {
        putData(type.toString(), value);
    }

    public void putData(MIMEType type, Object value, Object typeMetadata) {
        putData(type, value);
        putMetaData(type, typeMetadata);
    }

    public void putMetaData(String key, Object value) {
        metadata.put(key, value);
    }

    public void putMetaData(MIMEType type, Object value) {
        putMetaData(type.toString(), value);
    }

    public Object getData(MIMEType type) {
        return data.get(type.toString());
    }

    public boolean hasDataForType(MIMEType type) {
        return data.containsKey(type.toString());
    }

    /** Adds {@code other}'s data and metadata to this. */
    public void assign(DisplayData other) {
        data.putAll(other.data);
        metadata.putAll(other.metadata);
        if (other.displayId != null) displayId = other.displayId;
    }

    public void putText(String text) {
        putData("text/plain", text);
    }

    public void putHTML(String html) {
        putData("text/html", html);
    }

    public void putLatex(String latex) {
        putData("text/latex", latex);
    }

    /** LaTeX math without the {@code $$} around it. */
    public void putMath(String math) {
        putLatex("$$" + math + "$$");
    }

    public void putMarkdown(String markdown) {
        putData("text/markdown", markdown);
    }

    public void putJavaScript(String javascript) {
        putData("application/javascript", javascript);
    }

    public void putJSON(String json) {
        putData("application/json", json);
    }

    public void putJSON(String json, boolean expanded) {
        putJSON(json);
        putMetaData("expanded", expanded);
    }

    public void putSVG(String svg) {
        putData("image/svg+xml", svg);
    }

    public void setDisplayId(String id) {
        displayId = id;
    }

    public boolean hasDisplayId() {
        return displayId != null;
    }

    public String getDisplayId() {
        return displayId;
    }

    /** The data as the kernel shows it: MIME type to text (objects as JSON). */
    public Map<String, String> mimeBundle() {
        var bundle = new LinkedHashMap<String, String>();
        data.forEach((type, value) ->
                bundle.put(type, value instanceof String s ? s : new com.google.gson.Gson().toJson(value)));
        return bundle;
    }

    /** The metadata, by MIME type or key. */
    public Map<String, Object> metadata() {
        return java.util.Collections.unmodifiableMap(metadata);
    }

    @Override
    public String toString() {
        return "DisplayData" + data.keySet();
    }
}
