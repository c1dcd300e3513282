package d2l.kernel.widget;

import com.google.gson.JsonObject;
import java.util.Objects;

/** A box to tick: {@code new Checkbox("greedy", true)}. */
public final class Checkbox extends ValueWidget<Boolean, Checkbox> {
    public Checkbox(String description, boolean value) {
        super("CheckboxModel");
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
        state.addProperty("value", Objects.requireNonNull(value, "a Checkbox's value cannot be null"));
        return state;
    }

    @Override
    String html() {
        return StaticHtml.row(
                "",
                "<label><input type=\"checkbox\"" + (value() ? " checked" : "") + " disabled> "
                        + d2l.kernel.display.Html.escape(description()) + "</label>");
    }

    @Override
    public String toString() {
        return "Checkbox(" + description() + " = " + value() + ")";
    }
}
