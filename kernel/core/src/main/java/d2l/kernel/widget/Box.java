package d2l.kernel.widget;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Widgets laid out together; the state lists them as references, so they open before the box.
 * HBox puts them in a row, VBox in a column.
 */
abstract class Box extends Widget {
    private final List<Widget> children;
    private final String name;

    Box(String modelName, String name, Widget... children) {
        super(modelName);
        this.name = name;
        for (var child : children) Objects.requireNonNull(child, name + "'s children cannot be null");
        this.children = List.of(children);
    }

    @Override
    void resolveReferences(JsonObject state) {
        super.resolveReferences(state);
        var references = new JsonArray();
        children.forEach(child -> references.add(reference(child)));
        state.add("children", references);
    }

    String html(String direction) {
        return "<div class=\"d2l-widget-box\" style=\"display:flex;flex-direction:" + direction
                + ";flex-wrap:wrap;gap:0.25em 1.5em;align-items:flex-start\">"
                + children.stream().map(Widget::html).collect(Collectors.joining()) + "</div>";
    }

    @Override
    public String toString() {
        return name + children.stream().map(Widget::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
