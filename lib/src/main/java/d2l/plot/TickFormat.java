package d2l.plot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Tick labels with as many decimals as an axis's span needs. Without it XChart prints a tick it
 * places on a data point as the raw double (13.608201885309745), which happens when a curve has
 * only one or two points, as a live training curve does after its first epochs.
 */
public final class TickFormat {
    private TickFormat() {}

    /**
     * Labels for ticks between {@code min} and {@code max}. Ticks lie about a tenth of the span
     * apart and a step such as 0.25 needs one digit more, so the labels carry up to two decimals
     * below the span's leading digit, without trailing zeros (span 2: 0.25 and 1), with thousands
     * separated. A zero span (one point) gets the decimals of a span a tenth of its value.
     */
    public static Function<Double, String> forRange(double min, double max) {
        double span = Math.abs(max - min);
        if (!(span > 0) || !Double.isFinite(span)) span = Math.max(Math.abs(min), Math.abs(max)) / 10;
        if (!(span > 0) || !Double.isFinite(span)) span = 1;
        int decimals = Math.max(0, Math.min(12, 2 - (int) Math.floor(Math.log10(span))));
        var format = new DecimalFormat(
                decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return value -> {
            String text = format.format(value);
            return text.equals("-0") ? "0" : text;
        };
    }

    /**
     * Gives every linear axis of {@code chart} labels for the range its series and limits span.
     * Logarithmic axes keep their own labels. Call after adding the series.
     */
    public static void apply(XYChart chart) {
        var styler = chart.getStyler();
        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double x : series.getXData()) {
                if (Double.isFinite(x)) {
                    xmin = Math.min(xmin, x);
                    xmax = Math.max(xmax, x);
                }
            }
            for (double y : series.getYData()) {
                if (Double.isFinite(y)) {
                    ymin = Math.min(ymin, y);
                    ymax = Math.max(ymax, y);
                }
            }
        }
        if (styler.getXAxisMin() != null) xmin = styler.getXAxisMin();
        if (styler.getXAxisMax() != null) xmax = styler.getXAxisMax();
        if (styler.getYAxisMin() != null) ymin = styler.getYAxisMin();
        if (styler.getYAxisMax() != null) ymax = styler.getYAxisMax();
        if (!styler.isXAxisLogarithmic() && xmin <= xmax)
            styler.setxAxisTickLabelsFormattingFunction(forRange(xmin, xmax));
        if (!styler.isYAxisLogarithmic() && ymin <= ymax)
            styler.setyAxisTickLabelsFormattingFunction(forRange(ymin, ymax));
    }
}
