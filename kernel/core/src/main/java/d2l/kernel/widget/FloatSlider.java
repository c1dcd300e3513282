package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/** A slider over real numbers from min to max: {@code new FloatSlider("temperature", 0.1, 2, 1)}. */
public final class FloatSlider extends ValueWidget<Double, FloatSlider> {
    public FloatSlider(String description, double min, double max, double value) {
        super("FloatSliderModel");
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        state.addProperty("min", min);
        state.addProperty("max", max);
        state.addProperty("value", value);
        set(state);
    }

    /** The distance between neighbouring values (0.1 unless set). */
    public FloatSlider step(double step) {
        var change = new JsonObject();
        change.addProperty("step", step);
        set(change);
        return this;
    }

    @Override
    Double decode(Function<String, JsonElement> state) {
        return state.apply("value").getAsDouble();
    }

    @Override
    JsonObject encode(Double value) {
        var state = new JsonObject();
        state.addProperty("value", Objects.requireNonNull(value, "a FloatSlider's value cannot be null"));
        return state;
    }

    @Override
    String problem(String key, JsonElement value, JsonObject candidate) {
        var problem = super.problem(key, value, candidate);
        return problem != null ? problem : SliderRange.problem(key, candidate);
    }

    @Override
    String html() {
        return StaticHtml.row(
                description(),
                SliderRange.input(get("min").getAsDouble(), get("max").getAsDouble(), get("step"), value()));
    }

    @Override
    public String toString() {
        return "FloatSlider(" + description() + " = " + value() + ", "
                + get("min").getAsDouble() + "…" + get("max").getAsDouble() + ")";
    }
}
