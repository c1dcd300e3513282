package d2l.kernel.widget;

import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** A button that runs code when clicked: {@code new Button("Generate").onClick(() -> ...)}. */
public final class Button extends Widget {
    private final List<Runnable> clickHandlers = new CopyOnWriteArrayList<>();

    public Button(String description) {
        super("ButtonModel");
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        set(state);
    }

    /** Runs {@code handler} on each click in the front end. */
    public Button onClick(Runnable handler) {
        clickHandlers.add(handler);
        return this;
    }

    /** Acts as if the reader clicked: runs the click handlers. */
    public void click() {
        clickHandlers.forEach(Runnable::run);
    }

    /** The front end reports a click as a custom message {@code {"event": "click"}}. */
    @Override
    void custom(JsonObject content) {
        var event = content.get("event");
        if (event != null && event.isJsonPrimitive() && event.getAsString().equals("click")) click();
        else super.custom(content);
    }

    @Override
    String html() {
        return StaticHtml.row("", "<button disabled>" + Html.escape(description()) + "</button>");
    }

    @Override
    public String toString() {
        return "Button(" + description() + ")";
    }
}
