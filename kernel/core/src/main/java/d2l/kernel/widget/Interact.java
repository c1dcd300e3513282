package d2l.kernel.widget;

import java.util.function.Supplier;

/**
 * Binds a view to controls, as ipywidgets' {@code interact}: the controls in a row, the view under
 * them, drawn again whenever a control changes.
 */
public final class Interact {
    private Interact() {}

    /**
     * Shows {@code controls} in a row, then {@code view.get()} (a chart, a table, text) as an output
     * that each change of a control redraws in place. Where no widget front end runs, the output is
     * the view at the controls' initial values.
     *
     * <pre>{@code
     * var k = new IntSlider("k", 1, 64, 4);
     * interact(() -> forecastChart(k.value()), k);
     * }</pre>
     */
    public static Interaction interact(Supplier<?> view, ValueWidget<?, ?>... controls) {
        return new Interaction(view, controls, Outputs.ofThisCell());
    }
}
