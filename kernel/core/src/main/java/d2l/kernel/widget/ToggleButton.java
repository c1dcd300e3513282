package d2l.kernel.widget;

import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import java.util.Objects;
import java.util.function.Consumer;

/** A button that stays pressed until clicked again: {@code new ToggleButton("sample", false)}. */
public final class ToggleButton extends ValueWidget<Boolean> {
    public ToggleButton(String description, boolean value) {
        super("ToggleButtonModel");
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        state.addProperty("value", value);
        set(state);
    }

    @Override
    public Boolean value() {
        return get("value").getAsBoolean();
    }

    @Override
    JsonObject encode(Boolean value) {
        var state = new JsonObject();
        state.addProperty("value", Objects.requireNonNull(value, "a ToggleButton's value cannot be null"));
        return state;
    }

    @Override
    public ToggleButton value(Boolean value) {
        super.value(value);
        return this;
    }

    @Override
    public ToggleButton onChange(Consumer<Boolean> observer) {
        super.onChange(observer);
        return this;
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
