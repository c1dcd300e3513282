package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/** A slider over whole numbers from min to max: {@code new IntSlider("k", 1, 64, 4)}. */
public final class IntSlider extends ValueWidget<Integer, IntSlider> {
    public IntSlider(String description, int min, int max, int value) {
        super("IntSliderModel");
        var state = new JsonObject();
        state.addProperty("description", Objects.requireNonNullElse(description, ""));
        state.addProperty("min", min);
        state.addProperty("max", max);
        state.addProperty("value", value);
        set(state);
    }

    /** The distance between neighbouring values (1 unless set). */
    public IntSlider step(int step) {
        var change = new JsonObject();
        change.addProperty("step", step);
        set(change);
        return this;
    }

    @Override
    Integer decode(Function<String, JsonElement> state) {
        return state.apply("value").getAsInt();
    }

    @Override
    JsonObject encode(Integer value) {
        var state = new JsonObject();
        state.addProperty("value", Objects.requireNonNull(value, "an IntSlider's value cannot be null"));
        return state;
    }

    @Override
    String problem(String key, JsonElement value, JsonObject candidate) {
        var problem = super.problem(key, value, candidate);
        return problem != null ? problem : SliderRange.problem(key, candidate);
    }

    @Override
    String html() {
        return StaticHtml.row(description(), SliderRange.input(get("min"), get("max"), get("step"), value()));
    }

    @Override
    public String toString() {
        return "IntSlider(" + description() + " = " + value() + ", " + get("min") + "…" + get("max") + ")";
    }
}
