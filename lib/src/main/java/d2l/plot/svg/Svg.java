package d2l.plot.svg;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * A small SVG writer for the chapter's diagrams: labelled boxes, arrows with markers, math symbols
 * with subscripts as {@code <tspan>}s. Everything shares one font family (sans-serif), one ink
 * colour and a viewBox, so the files scale to any width.
 */
public final class Svg {
    public static final String INK = "#333333";
    public static final String GRADIENT = "#c0392b";

    /** What a box stands for, by its colours. */
    public enum Kind {
        INPUT("#e4f1df", "#4f8a43"),
        STATE("#dbe8f6", "#3a6ea5"),
        OUTPUT("#fce8d2", "#c07020"),
        LOSS("#eeeeee", "#555555"),
        LABEL("#f6f0fa", "#7a4e9a");
        public final String fill, stroke;

        Kind(String fill, String stroke) {
            this.fill = fill;
            this.stroke = stroke;
        }
    }

    /** A line's look: solid ink with an arrowhead, or the dashed red of a gradient path. */
    public enum Stroke {
        FORWARD,
        GRADIENT
    }

    private static final DecimalFormat NUMBER = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT));

    private final int width, height;
    private final StringBuilder body = new StringBuilder();

    public Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    static String n(double value) {
        return NUMBER.format(value);
    }

    /** Letters in italic (math variables), digits and signs upright: "t−1" gives italic t, upright −1. */
    static String italicLetters(String s) {
        var out = new StringBuilder();
        var m = java.util.regex.Pattern.compile("[A-Za-z]+|[^A-Za-z]+").matcher(s);
        while (m.find()) {
            String chunk = m.group();
            out.append(
                    Character.isLetter(chunk.charAt(0)) ? "<tspan font-style=\"italic\">" + chunk + "</tspan>" : chunk);
        }
        return out.toString();
    }

    /** A variable such as x_t: italic letter, subscript (or null) as a lowered, smaller tspan. */
    public static String variable(String base, String subscript) {
        return symbol("<tspan font-style=\"italic\">" + base + "</tspan>", subscript);
    }

    /** A prediction such as x̂_t: as {@link #variable} with a hat. */
    public static String predicted(String base, String subscript) {
        return symbol("<tspan font-style=\"italic\">" + base + "\u0302</tspan>", subscript);
    }

    /** A matrix such as W_xh: bold upright letter, italic subscript. */
    public static String matrix(String base, String subscript) {
        return symbol("<tspan font-weight=\"bold\">" + base + "</tspan>", subscript);
    }

    private static String symbol(String base, String subscript) {
        return subscript == null
                ? base
                : base + "<tspan font-size=\"11\" dy=\"5\">" + italicLetters(subscript) + "</tspan>";
    }

    /** Text centred at (x, y); size and fill may be null for the defaults; extra is raw attributes. */
    public Svg text(double x, double y, String markup, Integer size, String anchor, String fill, String extra) {
        body.append("<text x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" dominant-baseline=\"central\"");
        if (size != null) body.append(" font-size=\"").append(size).append('"');
        if (fill != null) body.append(" fill=\"").append(fill).append('"');
        body.append(extra).append('>').append(markup).append("</text>\n");
        return this;
    }

    public Svg text(double x, double y, String markup, Integer size) {
        return text(x, y, markup, size, "middle", null, "");
    }

    public Svg rect(double x, double y, double w, double h, double rx, String fill, String stroke, double strokeWidth) {
        body.append("<rect x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(w))
                .append("\" height=\"")
                .append(n(h))
                .append('"');
        if (rx > 0) body.append(" rx=\"").append(n(rx)).append('"');
        body.append(" fill=\"")
                .append(fill)
                .append("\" stroke=\"")
                .append(stroke)
                .append("\" stroke-width=\"")
                .append(n(strokeWidth))
                .append("\"/>\n");
        return this;
    }

    /** A rounded box of the given kind centred at (cx, cy) with a label. */
    public Svg box(double cx, double cy, double w, double h, Kind kind, String label) {
        rect(cx - w / 2, cy - h / 2, w, h, 6, kind.fill, kind.stroke, 1.5);
        // a subscript lowers the baseline; lift the label a little so that it looks centred
        return text(cx, cy + (label.contains("dy=\"5\"") ? -2 : 0), label, null);
    }

    public Svg circle(double cx, double cy, double r, Kind kind) {
        body.append("<circle cx=\"")
                .append(n(cx))
                .append("\" cy=\"")
                .append(n(cy))
                .append("\" r=\"")
                .append(n(r))
                .append("\" fill=\"")
                .append(kind.fill)
                .append("\" stroke=\"")
                .append(kind.stroke)
                .append("\" stroke-width=\"1.5\"/>\n");
        return this;
    }

    /** A straight arrow from (x1, y1) to the tip (x2, y2); dash is a dasharray or null. */
    public Svg arrow(double x1, double y1, double x2, double y2, Stroke stroke, double width, String dash) {
        boolean gradient = stroke == Stroke.GRADIENT;
        body.append("<line x1=\"")
                .append(n(x1))
                .append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2))
                .append("\" stroke=\"")
                .append(gradient ? GRADIENT : INK)
                .append("\" stroke-width=\"")
                .append(n(width))
                .append('"');
        if (dash != null) body.append(" stroke-dasharray=\"").append(dash).append('"');
        body.append(" marker-end=\"url(#").append(gradient ? "grad" : "arrow").append(")\"/>\n");
        return this;
    }

    /** A forward arrow (solid ink) or a gradient path (dashed red). */
    public Svg arrow(double x1, double y1, double x2, double y2, Stroke stroke) {
        return arrow(x1, y1, x2, y2, stroke, 1.6, stroke == Stroke.GRADIENT ? "5 3" : null);
    }

    /** A path; marker is "arrow", "grad" or null, dash a dasharray or null. */
    public Svg path(String d, String color, double width, String dash, String marker) {
        body.append("<path d=\"")
                .append(d)
                .append("\" fill=\"none\" stroke=\"")
                .append(color)
                .append("\" stroke-width=\"")
                .append(n(width))
                .append('"');
        if (dash != null) body.append(" stroke-dasharray=\"").append(dash).append('"');
        if (marker != null) body.append(" marker-end=\"url(#").append(marker).append(")\"");
        body.append("/>\n");
        return this;
    }

    /** A plain line without arrowhead. */
    public Svg line(double x1, double y1, double x2, double y2, String color, double width, String dash) {
        body.append("<line x1=\"")
                .append(n(x1))
                .append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2))
                .append("\" stroke=\"")
                .append(color)
                .append("\" stroke-width=\"")
                .append(n(width))
                .append('"');
        if (dash != null) body.append(" stroke-dasharray=\"").append(dash).append('"');
        body.append("/>\n");
        return this;
    }

    /** The whole document: root with viewBox and font, the two arrowhead markers, a white background. */
    @Override
    public String toString() {
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %1$d %2$d" width="%1$d" height="%2$d" font-family="sans-serif" font-size="16" fill="%3$s">
            <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="%3$s"/></marker>
            <marker id="grad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,1 L10,5 L0,9 z" fill="%4$s"/></marker>
            </defs>
            <rect width="%1$d" height="%2$d" fill="#ffffff"/>
            """.formatted(width, height, INK, GRADIENT) + body + "</svg>\n";
    }
}
