package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The checks a slider's numbers share: min ≤ value ≤ max and a positive step. */
final class SliderRange {
    private SliderRange() {}

    /** Why {@code key}'s new value breaks the slider's range in {@code candidate}, or null. */
    static String problem(String key, JsonObject candidate) {
        if (key.equals("step")) {
            JsonElement step = candidate.get("step");
            return step.isJsonNull() || step.getAsDouble() > 0 ? null : "step must be positive, got " + step;
        }
        if (!key.equals("value") && !key.equals("min") && !key.equals("max")) return null;
        double min = candidate.get("min").getAsDouble();
        double max = candidate.get("max").getAsDouble();
        double value = candidate.get("value").getAsDouble();
        if (min > max) return "min " + candidate.get("min") + " is above max " + candidate.get("max");
        if (value < min || value > max)
            return "value " + candidate.get("value") + " is outside " + candidate.get("min") + "…"
                    + candidate.get("max");
        return null;
    }

    static String input(Object min, Object max, Object step, Object value) {
        return "<input type=\"range\"" + StaticHtml.attr("min", min) + StaticHtml.attr("max", max)
                + StaticHtml.attr("step", step) + StaticHtml.attr("value", value) + " disabled>"
                + "<output>" + value + "</output>";
    }
}
