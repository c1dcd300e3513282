package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import java.util.Objects;
import java.util.function.Function;

/** A button that stays pressed until clicked again: {@code new ToggleButton("sample", false)}. */
public final class ToggleButton extends ValueWidget<Boolean, ToggleButton> {
    public ToggleButton(String description, boolean value) {
        super("ToggleButtonModel");
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        state.addProperty("value", value);
        set(state);
    }

    @Override
    Boolean decode(Function<String, JsonElement> state) {
        return state.apply("value").getAsBoolean();
    }

    @Override
    JsonObject encode(Boolean value) {
        var state = new JsonObject();
        state.addProperty("value", Objects.requireNonNull(value, "a ToggleButton's value cannot be null"));
        return state;
    }

    @Override
    String html() {
        boolean on = value();
        return StaticHtml.row(
                "",
                "<button disabled aria-pressed=\"" + on + "\"" + (on ? " style=\"font-weight:bold\"" : "") + ">"
                        + Html.escape(description()) + (on ? " ✓" : "") + "</button>");
    }

    @Override
    public String toString() {
        return "ToggleButton(" + description() + " = " + value() + ")";
    }
}
