package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TickFormatTest {
    private static List<String> labels(Function<Double, String> format, double... ticks) {
        return Stream.of(ticks)
                .flatMapToDouble(java.util.Arrays::stream)
                .mapToObj(format::apply)
                .toList();
    }

    @Test
    void labelsCarryTheDecimalsTheSpanNeedsAndNoMore() {
        assertEquals(
                List.of("-1", "-0.5", "0", "0.25", "1"), labels(TickFormat.forRange(-1.2, 1.2), -1, -0.5, 0, 0.25, 1));
        assertEquals(List.of("0.1", "0.15", "0.45"), labels(TickFormat.forRange(0.05, 0.46), 0.1, 0.15, 0.45));
        assertEquals(
                List.of("0", "250", "1,000", "10,000"), labels(TickFormat.forRange(0, 10_000), 0, 250, 1000, 10_000));
        // A small span around a large value keeps neighbouring ticks apart.
        assertEquals(
                List.of("1.0001", "1.00015", "1.0002"),
                labels(TickFormat.forRange(1.0001, 1.0002), 1.0001, 1.00015, 1.0002));
    }

    @Test
    void aSinglePointIsLabelledToAReadablePrecisionNotAsTheRawDouble() {
        assertEquals(
                "13.61",
                TickFormat.forRange(13.608201885309745, 13.608201885309745).apply(13.608201885309745));
        assertEquals("0", TickFormat.forRange(0, 0).apply(0.0));
        assertEquals("0", TickFormat.forRange(-1, 1).apply(-1e-17), "rounding to zero prints no sign");
    }

    @Test
    void plotsAndLiveChartsGetTheFormatOnEveryLinearAxis() {
        var animator = new Animator("epoch", "perplexity", "train");
        animator.add(1, 13.608201885309745);
        var styler = animator.chart().getStyler();
        assertEquals("13.61", styler.getyAxisTickLabelsFormattingFunction().apply(13.608201885309745));
        assertEquals("1", styler.getxAxisTickLabelsFormattingFunction().apply(1.0));
        animator.add(2, 11.2);
        assertEquals(
                "11.2",
                animator.chart()
                        .getStyler()
                        .getyAxisTickLabelsFormattingFunction()
                        .apply(11.2));

        var plot = Plot.figure()
                .line("mse", new double[] {1, 2, 3}, new double[] {0.049, 0.051, 0.46})
                .xlim(0, 64)
                .chart()
                .getStyler();
        assertEquals("0.05", plot.getyAxisTickLabelsFormattingFunction().apply(0.05));
        assertEquals("12.5", plot.getxAxisTickLabelsFormattingFunction().apply(12.5));
    }

    @Test
    void logarithmicAxesKeepTheirOwnLabels() {
        var styler = Plot.figure()
                .line("zipf", new double[] {1, 2, 3}, new double[] {100, 10, 1})
                .logLog()
                .chart()
                .getStyler();
        assertNull(styler.getxAxisTickLabelsFormattingFunction());
        assertNull(styler.getyAxisTickLabelsFormattingFunction());
        assertNotEquals(null, styler.getYAxisDecimalPattern());
    }
}
