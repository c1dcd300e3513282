package d2l.kernel.runner;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.display.Renderer;
import d2l.kernel.display.Renderers;
import java.util.Set;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;

/**
 * Lets the runner see how far a live training chart has got without changing what the notebook
 * shows: a renderer for XChart's line charts, tried before the kernel's own, that hands the
 * position of each chart with an "epoch" x-axis (the library's {@code Animator} draws one and
 * redraws it every epoch) to a listener, then renders the chart with the kernel's built-in
 * renderers, so the output is the one the kernel makes. Load it only where XChart is on the class
 * path ({@link #XCHART}).
 */
final class ChartWatch implements Renderer {
    /** The class this watch needs; the chapter kernel's class path has it, the general kernel's may not. */
    static final String XCHART = "org.knowm.xchart.XYChart";

    private final Renderers kernel = new Renderers();
    private final Consumer<ChartPosition> listener;

    ChartWatch(Consumer<ChartPosition> listener) {
        this.listener = listener;
    }

    @Override
    public boolean supports(Object value) {
        return value instanceof XYChart;
    }

    @Override
    public MimeBundle render(Object value, Set<String> requested) {
        try {
            var position = position((XYChart) value);
            if (position != null) {
                listener.accept(position);
            }
        } catch (RuntimeException e) {
            // The progress line is a convenience: it must never cost the notebook its chart.
        }
        return kernel.render(value, requested);
    }

    /**
     * The largest x of a chart whose x-axis is titled "epoch", with the axis's end when it has one;
     * null for any other chart, and for one with no points yet.
     */
    static ChartPosition position(XYChart chart) {
        if (chart.getXAxisTitle() == null || !chart.getXAxisTitle().strip().equalsIgnoreCase("epoch")) {
            return null;
        }
        var reached = Double.NEGATIVE_INFINITY;
        for (var series : chart.getSeriesMap().values()) {
            for (var x : series.getXData()) {
                reached = Math.max(reached, x);
            }
        }
        if (!Double.isFinite(reached)) {
            return null;
        }
        var end = chart.getStyler().getXAxisMax();
        return new ChartPosition(Math.round(reached), end == null ? 0 : Math.round(end));
    }
}
