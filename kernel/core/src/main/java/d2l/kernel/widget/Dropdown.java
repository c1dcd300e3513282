package d2l.kernel.widget;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A choice among labels: {@code new Dropdown("sampler", List.of("random", "sequential"), "random")}.
 * The value is the chosen label; the state holds the labels and the chosen index, as the front
 * end's model does.
 */
public final class Dropdown extends ValueWidget<String, Dropdown> {
    public Dropdown(String description, List<String> options, String value) {
        super("DropdownModel");
        if (options == null || options.isEmpty())
            throw new IllegalArgumentException("A Dropdown needs at least one option");
        var labels = new JsonArray();
        for (var option : options)
            labels.add(Objects.requireNonNull(option, "a Dropdown's options cannot contain null"));
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        state.add("_options_labels", labels);
        state.addProperty("index", indexOf(labels, value));
        set(state);
    }

    /** The labels to choose from, in order. */
    public List<String> options() {
        var options = new ArrayList<String>();
        get("_options_labels").getAsJsonArray().forEach(e -> options.add(e.getAsString()));
        return options;
    }

    /** The chosen label; null when nothing is chosen (the front end may clear the choice). */
    @Override
    String decode(Function<String, JsonElement> state) {
        var index = state.apply("index");
        return index.isJsonNull()
                ? null
                : state.apply("_options_labels")
                        .getAsJsonArray()
                        .get(index.getAsInt())
                        .getAsString();
    }

    @Override
    JsonObject encode(String value) {
        var state = new JsonObject();
        state.addProperty("index", indexOf(get("_options_labels").getAsJsonArray(), value));
        return state;
    }

    private static int indexOf(JsonArray labels, String value) {
        for (int i = 0; i < labels.size(); i++) if (labels.get(i).getAsString().equals(value)) return i;
        throw new IllegalArgumentException("'" + value + "' is not one of the Dropdown's options " + labels);
    }

    @Override
    Set<String> valueKeys() {
        return Set.of("index");
    }

    @Override
    String problem(String key, JsonElement value, JsonObject candidate) {
        var problem = super.problem(key, value, candidate);
        if (problem != null || !(key.equals("index") || key.equals("_options_labels"))) return problem;
        var index = candidate.get("index");
        int size = candidate.getAsJsonArray("_options_labels").size();
        if (!index.isJsonNull() && (index.getAsInt() < 0 || index.getAsInt() >= size))
            return "index " + index + " is outside the " + size + " options";
        return null;
    }

    @Override
    String html() {
        var select = new StringBuilder("<select disabled>");
        var chosen = value();
        for (var option : options())
            select.append("<option")
                    .append(option.equals(chosen) ? " selected" : "")
                    .append(">")
                    .append(Html.escape(option))
                    .append("</option>");
        return StaticHtml.row(description(), select.append("</select>").toString());
    }

    @Override
    public String toString() {
        return "Dropdown(" + description() + " = " + value() + ", " + options() + ")";
    }
}
