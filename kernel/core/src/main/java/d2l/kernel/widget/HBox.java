package d2l.kernel.widget;

/** Widgets side by side in a row: {@code new HBox(k, temperature)}. */
public final class HBox extends Box {
    public HBox(Widget... children) {
        super("HBoxModel", "HBox", children);
    }

    @Override
    String html() {
        return html("row");
    }
}
