package d2l.kernel.widget;

/** Widgets stacked in a column: {@code new VBox(controls, output)}. */
public final class VBox extends Box {
    public VBox(Widget... children) {
        super("VBoxModel", "VBox", children);
    }

    @Override
    String html() {
        return html("column");
    }
}
