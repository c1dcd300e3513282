package d2l.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * A live line chart for training curves: each {@link #add} appends one point per series and
 * redraws the chart. In a notebook the chart is shown once ({@link Display#show}) and then
 * replaced in place ({@link Display#update}); elsewhere the points are just recorded, and the
 * chart can be returned or written to a PNG at the end. Set limits, scale and size before the
 * first {@link #add}.
 *
 * <pre>{@code
 * var animator = new Animator("epoch", "perplexity", "train").title("Training perplexity").xlim(10, 500);
 * animator.add(epoch, perplexity);
 * }</pre>
 */
public final class Animator {
    private final String xlabel;
    private final String ylabel;
    private final List<String> names;
    private final List<List<double[]>> points = new ArrayList<>(); // per series: (x, y) pairs
    private String title;
    private Double xmin, xmax, ymin, ymax;
    private boolean logY;
    private boolean legendBelow;
    private int width = ChartStyle.DEFAULT_WIDTH;
    private int height = ChartStyle.DEFAULT_HEIGHT;
    private XYChart chart;
    private String displayId;

    /** A chart with one series per legend name; every {@link #add} gives one y value per name. */
    public Animator(String xlabel, String ylabel, String... legend) {
        if (legend.length == 0) throw new IllegalArgumentException("an Animator needs at least one series name");
        if (Arrays.stream(legend).distinct().count() != legend.length) {
            throw new IllegalArgumentException("series names must differ, got " + Arrays.toString(legend));
        }
        this.xlabel = xlabel;
        this.ylabel = ylabel;
        this.names = List.of(legend);
        names.forEach(n -> points.add(new ArrayList<>()));
    }

    /** A title above the chart that says what it shows without the text around it; a long one is set smaller to fit. */
    public Animator title(String title) {
        if (title == null || title.isBlank())
            throw new IllegalArgumentException("a chart title needs some text, got '" + title + "'");
        this.title = title;
        if (chart != null) showTitle(chart);
        return this;
    }

    public Animator xlim(double min, double max) {
        xmin = min;
        xmax = max;
        return this;
    }

    public Animator ylim(double min, double max) {
        ymin = min;
        ymax = max;
        return this;
    }

    public Animator logY() {
        logY = true;
        return this;
    }

    /**
     * The legend under the x axis, entries side by side, instead of to the right of the plot:
     * the plot keeps the chart's full width. Either way the legend covers no data.
     */
    public Animator legendBelow() {
        legendBelow = true;
        return this;
    }

    public Animator size(int width, int height) {
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Appends the point (x, ys[i]) to series i and redraws. A NaN y leaves that series without a
     * point at x (for example a test metric computed only every few epochs).
     */
    public void add(double x, double... ys) {
        if (ys.length != names.size()) {
            throw new IllegalArgumentException(
                    "add needs " + names.size() + " y values " + names + ", got " + ys.length);
        }
        for (int i = 0; i < ys.length; i++) {
            if (!Double.isNaN(ys[i])) points.get(i).add(new double[] {x, ys[i]});
        }
        redraw();
    }

    private void redraw() {
        XYChart current = chart();
        if (!Display.available()) return;
        if (displayId == null) displayId = Display.show(current);
        else Display.update(displayId, current);
    }

    /** The chart with every point added so far (series without points yet are left out). */
    public XYChart chart() {
        if (chart == null) chart = newChart();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            double[] xs = xs(name);
            if (xs.length == 0) continue;
            if (chart.getSeriesMap().containsKey(name)) {
                chart.updateXYSeries(name, xs, ys(name), null);
            } else {
                ChartStyle.styleSeries(chart.addSeries(name, xs, ys(name)), i);
            }
        }
        ChartStyle.keepTicksReadable(chart);
        TickFormat.apply(chart);
        return chart;
    }

    private XYChart newChart() {
        XYChart c = ChartStyle.newChart(width, height);
        c.setXAxisTitle(xlabel);
        c.setYAxisTitle(ylabel);
        var styler = c.getStyler();
        if (title != null) showTitle(c);
        styler.setXAxisMin(xmin);
        styler.setXAxisMax(xmax);
        styler.setYAxisMin(ymin);
        styler.setYAxisMax(ymax);
        styler.setYAxisLogarithmic(logY);
        // Training curves end wherever the run takes them, often in the top right: keep the legend off the plot.
        styler.setLegendPosition(legendBelow ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(legendBelow ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        return c;
    }

    private void showTitle(XYChart c) {
        ChartStyle.setTitle(c, title);
    }

    /** The x values recorded for a series. */
    public double[] xs(String series) {
        return seriesPoints(series).stream().mapToDouble(p -> p[0]).toArray();
    }

    /** The y values recorded for a series. */
    public double[] ys(String series) {
        return seriesPoints(series).stream().mapToDouble(p -> p[1]).toArray();
    }

    /** The series names, in legend order. */
    public List<String> names() {
        return names;
    }

    /** Writes the current chart as a PNG file. */
    public Path save(Path file) {
        return Png.write(chart(), file);
    }

    private List<double[]> seriesPoints(String series) {
        int i = names.indexOf(series);
        if (i < 0) throw new IllegalArgumentException("no series '" + series + "'; the series are " + names);
        return points.get(i);
    }
}
