package d2l.kernel.widget;

import com.google.gson.JsonObject;
import java.util.Objects;
import java.util.function.Consumer;

/** A one-line text field: {@code new Text("prefix", "time traveller")}. */
public final class Text extends ValueWidget<String> {
    public Text(String description, String value) {
        super("TextModel");
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        state.addProperty("value", Objects.requireNonNullElse(value, ""));
        set(state);
    }

    @Override
    public String value() {
        return get("value").getAsString();
    }

    @Override
    JsonObject encode(String value) {
        var state = new JsonObject();
        state.addProperty("value", Objects.requireNonNull(value, "a Text's value cannot be null (use \"\")"));
        return state;
    }

    @Override
    public Text value(String value) {
        super.value(value);
        return this;
    }

    @Override
    public Text onChange(Consumer<String> observer) {
        super.onChange(observer);
        return this;
    }

    @Override
    public Text continuousUpdate(boolean continuous) {
        super.continuousUpdate(continuous);
        return this;
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
