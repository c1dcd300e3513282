package d2l.kernel.widget;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A widget with a value the reader sets: a slider's number, a dropdown's choice, a box's tick.
 * The value lives in the widget's state, so Java and the front end read the same one; observers
 * hear of every change, whichever side made it.
 *
 * <p>The setters return the concrete widget ({@code W}), so calls chain with its own methods:
 * {@code new FloatSlider("t", 0.1, 2, 1).continuousUpdate(false).step(0.05)}.
 *
 * @param <T> the value's Java type
 * @param <W> the widget's own class
 */
public abstract class ValueWidget<T, W extends ValueWidget<T, W>> extends Widget {
    private final List<Consumer<? super ValueChange<T>>> observers = new CopyOnWriteArrayList<>();

    ValueWidget(String modelName) {
        super(modelName);
    }

    /** This widget as its own class; the subclasses are this package's, each {@code W} of itself. */
    @SuppressWarnings("unchecked")
    final W self() {
        return (W) this;
    }

    /** The current value. */
    public final T value() {
        return decode(this::get);
    }

    /** The value that the attributes {@code state} gives by name hold: the inverse of {@link #encode}. */
    abstract T decode(Function<String, JsonElement> state);

    /** The state that holds {@code value}; throws if it is not a value this widget can take. */
    abstract JsonObject encode(T value);

    /** The attributes that make up the value (a dropdown's is its index). */
    Set<String> valueKeys() {
        return Set.of("value");
    }

    /**
     * Sets the value, shows it in the front end, and tells the observers if it changed.
     *
     * @throws IllegalArgumentException if the widget cannot take it (out of range, not an option)
     */
    public W value(T value) {
        var before = set(encode(value));
        if (!before.isEmpty()) changed(before, ValueChange.Origin.KERNEL);
        return self();
    }

    /** Calls {@code observer} with the new value after each change, from Java or from the front end. */
    public W onChange(Consumer<T> observer) {
        Objects.requireNonNull(observer, "onChange needs an observer");
        return observe(change -> observer.accept(change.newValue()));
    }

    /**
     * Calls {@code observer} after each change with the value before and after it and the side that
     * made it ({@link ValueChange.Origin#FRONT_END} for a reader's, {@link ValueChange.Origin#KERNEL}
     * for Java's), as ipywidgets' {@code observe} does.
     */
    public W observe(Consumer<? super ValueChange<T>> observer) {
        observers.add(Objects.requireNonNull(observer, "observe needs an observer"));
        return self();
    }

    /**
     * With false, a slider or text field sends its value only when the reader lets go (or presses
     * Enter), not at every step of a drag: for views too slow to redraw while dragging.
     *
     * @throws UnsupportedOperationException for a widget without the setting (a checkbox)
     */
    public W continuousUpdate(boolean continuous) {
        if (get("continuous_update") == null)
            throw new UnsupportedOperationException(
                    getClass().getSimpleName() + " has no continuous_update: it sends each change at once");
        var change = new JsonObject();
        change.addProperty("continuous_update", continuous);
        set(change);
        return self();
    }

    @Override
    void changed(JsonObject before, ValueChange.Origin origin) {
        if (before.keySet().stream().noneMatch(valueKeys()::contains)) return;
        T old = decode(key -> before.has(key) ? before.get(key) : get(key));
        var change = new ValueChange<>(old, value(), origin);
        for (var observer : observers) observer.accept(change);
    }
}
