package d2l.kernel.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One output in several representations, keyed by MIME type ({@code text/plain},
 * {@code image/png} as base64, {@code text/html}, ...), as Jupyter's {@code data} field wants it.
 * Returned by {@code render(obj)}; as a cell's value it is shown as is.
 */
public record MimeBundle(Map<String, String> data, Map<String, Object> metadata) {
    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";

    public MimeBundle {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** JSON types ({@code application/json}, {@code application/vnd.foo+json}) travel as JSON values, not strings. */
    public static boolean isJson(String mime) {
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    /** A value as Jupyter's {@code data} carries it: JSON types as parsed JSON (a string if it is not JSON), others as strings. */
    public static com.google.gson.JsonElement wireValue(String mime, String value) {
        if (isJson(mime)) {
            try {
                return com.google.gson.JsonParser.parseString(value);
            } catch (com.google.gson.JsonParseException e) {
                // A self-rendering class's malformed JSON still reaches the front end, which shows it as text.
            }
        }
        return new com.google.gson.JsonPrimitive(value);
    }

    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT, text), Map.of());
    }

    /** A bundle of the given type that also carries the {@code text/plain} fallback Jupyter requires. */
    public static MimeBundle of(String mime, String value, String plainText) {
        var data = new LinkedHashMap<String, String>();
        data.put(mime, value);
        data.putIfAbsent(TEXT, plainText);
        return new MimeBundle(data, Map.of());
    }

    /** Keeps only the requested types (plus {@code text/plain}); all of them when none are requested. */
    public MimeBundle select(Set<String> mimeTypes) {
        if (mimeTypes.isEmpty()) return this;
        var kept = new LinkedHashMap<String, String>();
        data.forEach((k, v) -> {
            if (mimeTypes.contains(k) || k.equals(TEXT)) kept.put(k, v);
        });
        return new MimeBundle(kept, metadata);
    }
}
