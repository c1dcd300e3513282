package d2l.kernel.widget;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A widget with a value the reader sets: a slider's number, a dropdown's choice, a box's tick.
 * The value lives in the widget's state, so Java and the front end read the same one; observers
 * hear of every change, whichever side made it.
 *
 * @param <T> the value's Java type
 */
public abstract class ValueWidget<T> extends Widget {
    private final List<Consumer<T>> observers = new CopyOnWriteArrayList<>();

    ValueWidget(String modelName) {
        super(modelName);
    }

    /** The current value. */
    public abstract T value();

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
    public ValueWidget<T> value(T value) {
        var changed = set(encode(value));
        if (!changed.isEmpty()) changed(changed);
        return this;
    }

    /** Calls {@code observer} with the new value after each change, from Java or from the front end. */
    public ValueWidget<T> onChange(Consumer<T> observer) {
        observers.add(observer);
        return this;
    }

    /**
     * With false, a slider or text field sends its value only when the reader lets go (or presses
     * Enter), not at every step of a drag: for views too slow to redraw while dragging.
     *
     * @throws UnsupportedOperationException for a widget without the setting (a checkbox)
     */
    public ValueWidget<T> continuousUpdate(boolean continuous) {
        if (get("continuous_update") == null)
            throw new UnsupportedOperationException(
                    getClass().getSimpleName() + " has no continuous_update: it sends each change at once");
        var change = new JsonObject();
        change.addProperty("continuous_update", continuous);
        set(change);
        return this;
    }

    @Override
    void changed(Set<String> keys) {
        if (keys.stream().noneMatch(valueKeys()::contains)) return;
        T now = value();
        for (var observer : observers) observer.accept(now);
    }
}
