package d2l.kernel.widget;

/**
 * A layout or style model ({@code LayoutModel}, {@code SliderStyleModel}, ...): state a widget
 * references by {@code IPY_MODEL_<id>} and that has no view of its own. Each widget makes its own,
 * at the schema's defaults, because a front end expects every reference to name an open model.
 */
final class SupportModel extends Widget {
    private final String modelName;

    SupportModel(String modelName) {
        super(modelName);
        this.modelName = modelName;
    }

    @Override
    String html() {
        return "";
    }

    @Override
    public String toString() {
        return modelName;
    }
}
