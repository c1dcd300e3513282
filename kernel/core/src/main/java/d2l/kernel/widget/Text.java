package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/** A one-line text field: {@code new Text("prefix", "time traveller")}. */
public final class Text extends ValueWidget<String, Text> {
    public Text(String description, String value) {
        super("TextModel");
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        state.addProperty("value", Objects.requireNonNullElse(value, ""));
        set(state);
    }

    @Override
    String decode(Function<String, JsonElement> state) {
        return state.apply("value").getAsString();
    }

    @Override
    JsonObject encode(String value) {
        var state = new JsonObject();
        state.addProperty("value", Objects.requireNonNull(value, "a Text's value cannot be null (use \"\")"));
        return state;
    }

    @Override
    String html() {
        return StaticHtml.row(description(), "<input type=\"text\"" + StaticHtml.attr("value", value()) + " disabled>");
    }

    @Override
    public String toString() {
        return "Text(" + description() + " = \"" + value() + "\")";
    }
}
