package d2l.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * A line plot described the way the chapter describes its figures: named curves, axis labels,
 * optional log scales and limits, a figure size. {@link #chart()} returns the XChart chart, which
 * a notebook displays when it is the value of a cell.
 *
 * <pre>{@code
 * Plot.figure()
 *     .line("data", time, x)
 *     .line("1-step preds", predTime, preds)
 *     .xlabel("time").ylabel("x").xlim(1, 1000).size(600, 300)
 *     .chart();
 * }</pre>
 */
public final class Plot {
    private static final String LOG_TICKS = "#,##0.####";

    private record Curve(String name, double[] x, double[] y, boolean dots) {}

    private final List<Curve> curves = new ArrayList<>();
    private String xlabel = "";
    private String ylabel = "";
    private String title;
    private Double xmin, xmax, ymin, ymax;
    private boolean logX, logY;
    private int width = ChartStyle.DEFAULT_WIDTH;
    private int height = ChartStyle.DEFAULT_HEIGHT;
    private boolean legend = true;
    private Styler.LegendPosition legendPosition = Styler.LegendPosition.InsideNE;
    private Styler.LegendLayout legendLayout = Styler.LegendLayout.Vertical;

    private Plot() {}

    /** A new, empty figure. */
    public static Plot figure() {
        return new Plot();
    }

    /** Adds a curve through the points (x[i], y[i]); the name appears in the legend. */
    public Plot line(String name, double[] x, double[] y) {
        return add(name, x, y, false);
    }

    /**
     * Adds the points (x[i], y[i]) as unconnected dots, for values that are separate results
     * rather than one curve (a line between them would draw jumps that are not there).
     */
    public Plot dots(String name, double[] x, double[] y) {
        return add(name, x, y, true);
    }

    private Plot add(String name, double[] x, double[] y, boolean dots) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "curve '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
        if (x.length == 0) throw new IllegalArgumentException("curve '" + name + "' has no points");
        if (curves.stream().anyMatch(c -> c.name().equals(name))) {
            throw new IllegalArgumentException("two curves are named '" + name + "'; legend names must differ");
        }
        curves.add(new Curve(name, x.clone(), y.clone(), dots));
        return this;
    }

    /** Adds a curve whose x values are the ranks 1, 2, ..., y.length (as in a Zipf plot). */
    public Plot line(String name, double[] y) {
        double[] ranks = new double[y.length];
        for (int i = 0; i < y.length; i++) ranks[i] = i + 1;
        return line(name, ranks, y);
    }

    public Plot xlabel(String label) {
        this.xlabel = label;
        return this;
    }

    public Plot ylabel(String label) {
        this.ylabel = label;
        return this;
    }

    /** A title above the chart that says what it shows on its own; a long one is set smaller to fit. */
    public Plot title(String title) {
        this.title = title;
        return this;
    }

    public Plot xlim(double min, double max) {
        checkRange("xlim", min, max);
        xmin = min;
        xmax = max;
        return this;
    }

    public Plot ylim(double min, double max) {
        checkRange("ylim", min, max);
        ymin = min;
        ymax = max;
        return this;
    }

    /** Logarithmic x axis. */
    public Plot logX() {
        logX = true;
        return this;
    }

    /** Logarithmic y axis. */
    public Plot logY() {
        logY = true;
        return this;
    }

    /** Both axes logarithmic. */
    public Plot logLog() {
        return logX().logY();
    }

    /** Figure size in pixels (default 500 x 300). */
    public Plot size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Where the legend goes (default: inside, top right). Inside positions cover whatever data
     * lies in that corner; {@link #legendRight()} and {@link #legendBelow()} never cover any.
     */
    public Plot legend(Styler.LegendPosition position) {
        legendPosition = position;
        legendLayout = position == Styler.LegendPosition.OutsideS
                ? Styler.LegendLayout.Horizontal
                : Styler.LegendLayout.Vertical;
        return this;
    }

    /** The legend outside the plot, to its right, one entry per line (the plot gets narrower). */
    public Plot legendRight() {
        return legend(Styler.LegendPosition.OutsideE);
    }

    /**
     * The legend outside the plot, under the x axis, its entries side by side: for wide charts
     * whose curves fill every corner (a time series over its whole range).
     */
    public Plot legendBelow() {
        return legend(Styler.LegendPosition.OutsideS);
    }

    /** Hides the legend (for a single unnamed curve). */
    public Plot noLegend() {
        legend = false;
        return this;
    }

    /** Builds the chart. */
    public XYChart chart() {
        if (curves.isEmpty()) throw new IllegalStateException("nothing to plot: add a curve with line(...) first");
        XYChart chart = ChartStyle.newChart(width, height);
        chart.setXAxisTitle(xlabel);
        chart.setYAxisTitle(ylabel);
        if (title != null) ChartStyle.setTitle(chart, title);
        var styler = chart.getStyler();
        styler.setLegendVisible(legend);
        styler.setLegendPosition(legendPosition);
        styler.setLegendLayout(legendLayout);
        styler.setXAxisLogarithmic(logX);
        styler.setYAxisLogarithmic(logY);
        // XChart writes large log-axis ticks as 1E4; plain numbers read better.
        if (logX) styler.setXAxisDecimalPattern(LOG_TICKS);
        if (logY) styler.setYAxisDecimalPattern(LOG_TICKS);
        styler.setXAxisMin(xmin);
        styler.setXAxisMax(xmax);
        styler.setYAxisMin(ymin);
        styler.setYAxisMax(ymax);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            if (logX) requirePositive(c.name(), "x", c.x());
            if (logY) requirePositive(c.name(), "y", c.y());
            var series = chart.addSeries(c.name(), c.x(), c.y());
            if (c.dots()) ChartStyle.styleDots(series, i);
            else ChartStyle.styleSeries(series, i);
        }
        ChartStyle.keepTicksReadable(chart);
        TickFormat.apply(chart);
        return chart;
    }

    private static void checkRange(String what, double min, double max) {
        if (!(min < max)) throw new IllegalArgumentException(what + " needs min < max, got " + min + ", " + max);
    }

    private static void requirePositive(String name, String axis, double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(
                        "curve '" + name + "' has " + axis + " value " + v + ", which a logarithmic " + axis
                                + " axis cannot show; drop non-positive values or use a linear axis");
            }
        }
    }
}
