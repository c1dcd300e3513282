package d2l.kernel.widget;

import d2l.kernel.display.Html;

/**
 * The HTML a widget shows where no widget manager runs: the control drawn disabled at its current
 * value, beside its description, so a page or nbconvert reader sees the setting the output under
 * it was computed with.
 */
final class StaticHtml {
    private StaticHtml() {}

    /** A control in a row with its description, as ipywidgets lays it out. */
    static String row(String description, String control) {
        var label = description.isEmpty()
                ? ""
                : "<label style=\"min-width:8em;text-align:right\">" + Html.escape(description) + "</label>";
        return "<div class=\"d2l-widget\" style=\"display:flex;align-items:center;gap:0.5em;margin:2px 0\">" + label
                + control + "</div>";
    }

    static String attr(String name, Object value) {
        return " " + name + "=\"" + Html.escape(String.valueOf(value)) + "\"";
    }
}
