package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import java.util.Objects;
import java.util.function.Function;

/** Text beside the controls, which code may change: {@code new Label("loss: 1.03")}. */
public final class Label extends ValueWidget<String, Label> {
    public Label(String value) {
        super("LabelModel");
        var state = new JsonObject();
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
        state.addProperty("value", Objects.requireNonNull(value, "a Label's value cannot be null (use \"\")"));
        return state;
    }

    @Override
    String html() {
        return StaticHtml.row("", "<span>" + Html.escape(value()) + "</span>");
    }

    @Override
    public String toString() {
        return "Label(\"" + value() + "\")";
    }
}
