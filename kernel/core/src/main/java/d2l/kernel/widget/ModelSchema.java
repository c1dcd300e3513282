package d2l.kernel.widget;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One widget model as ipywidgets' schema describes it: its model and view names, modules and
 * versions, and each attribute's type and default. The entries come from ipywidgets'
 * {@code packages/schema/jupyterwidgetmodels.latest.json} (ipywidgets 8: controls 2.0.0, base
 * 2.0.0, output 1.0.0), kept as data in {@code models.json} for the models we implement, so a
 * widget's full state is the schema's and not a hand-typed copy. To add a model, copy its entry
 * from that file (the "help" texts are left out).
 */
record ModelSchema(
        String modelName,
        String modelModule,
        String modelVersion,
        String viewName,
        String viewModule,
        String viewVersion,
        Map<String, Attribute> attributes) {

    /** An attribute's type ("int", "float", "bool", "string", "array", "object", "reference"), default and limits. */
    record Attribute(
            String name, String type, JsonElement defaultValue, boolean allowNone, JsonArray choices, String widget) {
        /** Why {@code value} cannot be this attribute's value, or null if it can. */
        String problem(JsonElement value) {
            if (value == null || value.isJsonNull()) return allowNone ? null : name + " may not be null";
            boolean fits =
                    switch (type) {
                        case "int" -> isNumber(value) && isWhole(value.getAsDouble());
                        case "float" -> isNumber(value) && Double.isFinite(value.getAsDouble());
                        case "bool" ->
                            value.isJsonPrimitive()
                                    && value.getAsJsonPrimitive().isBoolean();
                        case "string", "reference" ->
                            value.isJsonPrimitive()
                                    && value.getAsJsonPrimitive().isString();
                        case "array" -> value.isJsonArray();
                        case "object" -> value.isJsonObject();
                        default -> true;
                    };
            if (!fits) return name + " must be " + (allowNone ? "null or " : "") + "a JSON " + type + ", got " + value;
            if (choices != null && !choices.contains(value))
                return name + " must be one of " + choices + ", got " + value;
            return null;
        }

        private static boolean isNumber(JsonElement value) {
            return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
        }

        private static boolean isWhole(double x) {
            return Double.isFinite(x) && x == Math.rint(x) && Math.abs(x) <= 1L << 53;
        }
    }

    private static final Map<String, ModelSchema> MODELS = load();

    /** The schema of {@code modelName}, e.g. "IntSliderModel". */
    static ModelSchema of(String modelName) {
        var schema = MODELS.get(modelName);
        if (schema == null)
            throw new IllegalArgumentException(
                    "No widget model " + modelName + " in models.json; copy its entry from ipywidgets' schema");
        return schema;
    }

    /**
     * The schema's default state, without the references ("reference to new instance"), which the
     * widget fills with the models it opens.
     */
    JsonObject defaultState() {
        var state = new JsonObject();
        attributes.forEach((name, a) -> {
            if (!a.type().equals("reference")) state.add(name, a.defaultValue().deepCopy());
        });
        return state;
    }

    private static Map<String, ModelSchema> load() {
        var in = ModelSchema.class.getResourceAsStream("models.json");
        if (in == null) throw new IllegalStateException("d2l/kernel/widget/models.json is missing from the class path");
        try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            var models = new LinkedHashMap<String, ModelSchema>();
            for (var entry : JsonParser.parseReader(reader).getAsJsonArray()) {
                var schema = parse(entry.getAsJsonObject());
                models.put(schema.modelName(), schema);
            }
            return Map.copyOf(models);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelSchema parse(JsonObject entry) {
        var model = entry.getAsJsonObject("model");
        var view = entry.getAsJsonObject("view");
        var attributes = new LinkedHashMap<String, Attribute>();
        for (var element : entry.getAsJsonArray("attributes")) {
            var a = element.getAsJsonObject();
            String name = a.get("name").getAsString();
            attributes.put(
                    name,
                    new Attribute(
                            name,
                            a.get("type").getAsString(),
                            a.has("default") ? a.get("default") : JsonNull.INSTANCE,
                            a.has("allow_none") && a.get("allow_none").getAsBoolean(),
                            a.has("enum") ? a.getAsJsonArray("enum") : null,
                            a.has("widget") ? a.get("widget").getAsString() : null));
        }
        return new ModelSchema(
                model.get("name").getAsString(),
                model.get("module").getAsString(),
                model.get("version").getAsString(),
                view.get("name").isJsonNull() ? null : view.get("name").getAsString(),
                view.get("module").getAsString(),
                view.get("version").getAsString(),
                java.util.Collections.unmodifiableMap(attributes));
    }
}
