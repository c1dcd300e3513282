package d2l.kernel.display;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * A string shown as the MIME types the caller names, as IJava does: {@code display("<b>x</b>",
 * "text/html")} sends the string as {@code text/html} (plus the {@code text/plain} fallback), so
 * the front end renders it instead of printing the markup. With no type named it stays plain text.
 */
final class StringRenderer implements Renderer {
    @Override
    public boolean supports(Object value) {
        return value instanceof CharSequence;
    }

    @Override
    public MimeBundle render(Object value, Set<String> requested) {
        String text = value.toString();
        var data = new LinkedHashMap<String, String>();
        for (String mime : requested) {
            if (MimeBundle.isJson(mime)) requireJson(text, mime);
            data.put(mime, text);
        }
        data.putIfAbsent(MimeBundle.TEXT, text);
        return new MimeBundle(data, java.util.Map.of());
    }

    private static void requireJson(String text, String mime) {
        try {
            JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    "display(text, \"" + mime + "\") needs the text to be JSON, such as"
                            + " \"{\\\"a\\\": 1}\"; this text does not parse: " + e.getMessage(),
                    e);
        }
    }
}
