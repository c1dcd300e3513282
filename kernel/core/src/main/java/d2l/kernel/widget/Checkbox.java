package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;
import java.util.function.Function;

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
    Boolean decode(Function<String, JsonElement> state) {
        return state.apply("value").getAsBoolean();
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
