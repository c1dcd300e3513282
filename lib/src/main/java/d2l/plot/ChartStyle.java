package d2l.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look shared by every chart of the chapter: white background, light grid, no plot border,
 * legend in the top-right corner, and line styles cycling through solid blue, dashed magenta,
 * dash-dotted green and dotted red, as in d2l's figures.
 */
public final class ChartStyle {
    public static final int DEFAULT_WIDTH = 500;
    public static final int DEFAULT_HEIGHT = 300;

    static {
        // Charts are only ever rendered to images; never try to open a display.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xbf00bf), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f),
    };
    private static final float WIDTH = 1.8f;
    private static final BasicStroke[] STROKES = {
        new BasicStroke(WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND),
        new BasicStroke(WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f),
        new BasicStroke(WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 3f, 2f, 3f}, 0f),
        new BasicStroke(WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 3f}, 0f),
    };

    private ChartStyle() {}

    /** An empty line chart of the given size in pixels with the chapter's look. */
    public static XYChart newChart(int width, int height) {
        if (width < 50 || height < 50) {
            throw new IllegalArgumentException("a chart needs at least 50 x 50 pixels, got " + width + " x " + height);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xe5e5e5));
        styler.setPlotGridLinesStroke(new BasicStroke(0.8f));
        styler.setAxisTickMarksColor(new Color(0x555555));
        styler.setChartFontColor(new Color(0x222222));
        styler.setAxisTickLabelsColor(new Color(0x333333));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBorderColor(new Color(0xcccccc));
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        styler.setChartTitleVisible(false);
        styler.setChartPadding(8);
        styler.setMarkerSize(4); // only dot series (Plot.dots) show markers
        styler.setAntiAlias(true);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    /** The smallest font size a title is shrunk to so that it fits the chart's width. */
    static final int MIN_TITLE_SIZE = 10;

    /**
     * Shows {@code title} above the chart. XChart clips a title wider than the chart, so a long
     * one is set in a smaller font, down to {@value #MIN_TITLE_SIZE} points; a title that does
     * not fit even then is an error that says how wide it is.
     */
    public static void setTitle(XYChart chart, String title) {
        var styler = chart.getStyler();
        var context = new FontRenderContext(null, true, true);
        int room = chart.getWidth() - 2 * styler.getChartPadding();
        Font font = styler.getChartTitleFont();
        while (font.getStringBounds(title, context).getWidth() > room && font.getSize() > MIN_TITLE_SIZE) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        double width = font.getStringBounds(title, context).getWidth();
        if (width > room) {
            throw new IllegalArgumentException(
                    "the title '" + title + "' needs " + Math.round(width) + " pixels even at " + MIN_TITLE_SIZE
                            + " points, and the chart has " + room + ": shorten it or widen the chart with size(...)");
        }
        styler.setChartTitleFont(font);
        chart.setTitle(title);
        styler.setChartTitleVisible(true);
    }

    /** Name of the invisible series added by {@link #keepTicksReadable}. */
    public static final String TICK_ANCHOR = "tick anchor";

    /**
     * Works around XChart 3.8.8 placing x ticks on the data points when all x values are equally
     * spaced (time steps, epochs): the labels then overlap. One invisible point half a step off
     * the grid makes XChart choose round tick values instead. Call after adding all series.
     */
    public static void keepTicksReadable(XYChart chart) {
        chart.removeSeries(TICK_ANCHOR);
        XYSeries first = chart.getSeriesMap().values().stream().findFirst().orElse(null);
        if (first == null || first.getXData().length < 2) return;
        double[] x = first.getXData();
        double[] y = first.getYData();
        XYSeries anchor = chart.addSeries(TICK_ANCHOR, new double[] {x[0] + (x[1] - x[0]) / 2}, new double[] {y[0]});
        anchor.setShowInLegend(false);
        anchor.setLineColor(new Color(0, 0, 0, 0));
        anchor.setMarker(SeriesMarkers.NONE);
    }

    /** Gives the i-th series of a chart its line colour and dash pattern. */
    public static void styleSeries(XYSeries series, int index) {
        series.setLineColor(COLORS[index % COLORS.length]);
        series.setLineStyle(STROKES[index % STROKES.length]);
        series.setMarker(SeriesMarkers.NONE);
    }

    /** Gives the i-th series of a chart its colour as small dots without a connecting line. */
    public static void styleDots(XYSeries series, int index) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(COLORS[index % COLORS.length]);
        series.setLineColor(COLORS[index % COLORS.length]);
    }
}
