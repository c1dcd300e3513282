package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.style.Styler;

class PlotTest {
    private static final double[] X = {1, 2, 3, 4};
    private static final double[] Y = {1, 4, 9, 16};

    static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** Number of pixels that are not (nearly) white: something was drawn. */
    static long inkedPixels(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (r + g + b < 600) inked++;
            }
        }
        return inked;
    }

    static List<String> legendEntries(org.knowm.xchart.XYChart chart) {
        return chart.getSeriesMap().values().stream()
                .filter(s -> s.isShowInLegend())
                .map(s -> s.getName())
                .toList();
    }

    @Test
    void buildsNamedCurvesWithLabelsLimitsAndSize() {
        var chart = Plot.figure()
                .line("squares", X, Y)
                .line("double", X, new double[] {2, 4, 6, 8})
                .xlabel("x")
                .ylabel("y")
                .xlim(0, 5)
                .ylim(0, 20)
                .size(640, 320)
                .chart();
        assertEquals(List.of("squares", "double"), legendEntries(chart));
        assertArrayEquals(Y, chart.getSeriesMap().get("squares").getYData());
        assertEquals("x", chart.getXAxisTitle());
        assertEquals("y", chart.getYAxisTitle());
        assertEquals(640, chart.getWidth());
        assertEquals(320, chart.getHeight());
        assertEquals(5.0, chart.getStyler().getXAxisMax());
        assertEquals(0.0, chart.getStyler().getYAxisMin());
        assertTrue(chart.getStyler().isLegendVisible());
        assertTrue(
                !chart.getSeriesMap()
                        .get("squares")
                        .getLineColor()
                        .equals(chart.getSeriesMap().get("double").getLineColor()),
                "curves are told apart by colour");
    }

    @Test
    void defaultSizeAndRankAxisForZipfPlots() {
        var chart = Plot.figure()
                .line("unigram", new double[] {100, 10, 1})
                .logLog()
                .chart();
        assertEquals(ChartStyle.DEFAULT_WIDTH, chart.getWidth());
        assertEquals(ChartStyle.DEFAULT_HEIGHT, chart.getHeight());
        assertArrayEquals(
                new double[] {1, 2, 3}, chart.getSeriesMap().get("unigram").getXData());
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void rendersHeadlessToPngOfTheRequestedSize(@TempDir Path dir) throws IOException {
        var chart =
                Plot.figure().line("data", X, Y).xlabel("time").size(420, 260).chart();
        byte[] png = Png.bytes(chart);
        BufferedImage image = decode(png);
        assertEquals(420, image.getWidth());
        assertEquals(260, image.getHeight());
        assertTrue(inkedPixels(image) > 1000, "axes, labels and the curve are drawn");
        Path file = Png.write(
                Plot.figure().line("unigram", new double[] {50, 5, 1}).logLog().chart(), dir.resolve("sub/zipf.png"));
        assertEquals(ChartStyle.DEFAULT_WIDTH, decode(Files.readAllBytes(file)).getWidth());
    }

    @Test
    void rejectsBadCurvesWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> Plot.figure().line("a", X, new double[] {1}));
        assertEquals("curve 'a' has 4 x values but 1 y values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plot.figure()
                .line("zero", new double[] {0, 1}, new double[] {1, 2})
                .logX()
                .chart());
        assertTrue(e.getMessage().contains("logarithmic x axis"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Plot.figure().line("a", X, Y).line("a", X, Y));
        assertThrows(IllegalArgumentException.class, () -> Plot.figure().xlim(3, 1));
        assertThrows(IllegalStateException.class, () -> Plot.figure().chart());
    }

    @Test
    void dotsAreDrawnAsMarkersWithoutALine() throws IOException {
        var chart = Plot.figure()
                .line("curve", X, Y)
                .dots("results", X, new double[] {2, 3, 5, 7})
                .chart();
        var dots = chart.getSeriesMap().get("results");
        assertEquals(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter, dots.getXYSeriesRenderStyle());
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE, dots.getMarker());
        assertEquals(
                org.knowm.xchart.style.markers.SeriesMarkers.NONE,
                chart.getSeriesMap().get("curve").getMarker());
        assertTrue(chart.getStyler().getMarkerSize() > 0, "dots need a visible marker size");
        assertEquals(List.of("curve", "results"), legendEntries(chart));
    }

    @Test
    void legendBelowAndRightLeaveTheDataUncovered() throws IOException {
        // A flat curve along the top of the plot runs through the top-right corner, where the
        // default legend sits.
        double[] x = {0, 10};
        Plot base = Plot.figure()
                .line("top", x, new double[] {1, 1})
                .line("bottom", x, new double[] {0, 0})
                .size(500, 300);
        long bare = topCurvePixels(base.noLegend().chart());
        long inside = topCurvePixels(Plot.figure()
                .line("top", x, new double[] {1, 1})
                .line("bottom", x, new double[] {0, 0})
                .size(500, 300)
                .chart());
        var belowChart = Plot.figure()
                .line("top", x, new double[] {1, 1})
                .line("bottom", x, new double[] {0, 0})
                .size(500, 300)
                .legendBelow()
                .chart();
        assertTrue(inside < 0.9 * bare, "the default legend covers the curve: " + inside + " of " + bare + " pixels");
        assertTrue(topCurvePixels(belowChart) > 0.97 * bare, "a legend below covers none of it");
        assertEquals(Styler.LegendPosition.OutsideS, belowChart.getStyler().getLegendPosition());
        assertEquals(Styler.LegendLayout.Horizontal, belowChart.getStyler().getLegendLayout(), "entries side by side");

        var rightChart =
                Plot.figure().line("top", x, new double[] {1, 1}).legendRight().chart();
        assertEquals(Styler.LegendPosition.OutsideE, rightChart.getStyler().getLegendPosition());
        assertEquals(Styler.LegendLayout.Vertical, rightChart.getStyler().getLegendLayout());
        var plotWidth = topCurvePixels(
                Plot.figure().line("top", x, new double[] {1, 1}).noLegend().chart());
        assertTrue(topCurvePixels(rightChart) < plotWidth, "a legend on the right makes the plot narrower");
    }

    /** Pixels of the first curve's blue in the upper half of the chart (where the legend below is not). */
    private static long topCurvePixels(org.knowm.xchart.XYChart chart) throws IOException {
        var image = decode(Png.bytes(chart));
        long count = 0;
        for (int y = 0; y < image.getHeight() / 2; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.abs(r - 0x1f) < 20 && Math.abs(g - 0x77) < 20 && Math.abs(b - 0xb4) < 20) count++;
            }
        }
        return count;
    }

    @Test
    void titleStandsAboveTheChart() {
        var chart = Plot.figure().line("x", X, Y).title("Squares of 1 to 4").chart();
        assertEquals("Squares of 1 to 4", chart.getTitle());
        assertTrue(chart.getStyler().isChartTitleVisible());
        assertFalse(Plot.figure().line("x", X, Y).chart().getStyler().isChartTitleVisible());
    }

    @Test
    void aLongTitleIsSetSmallerToFitAndATitleThatCannotFitIsAnError() {
        var shortTitle =
                Plot.figure().line("x", X, Y).title("Squares").size(300, 200).chart();
        var longTitle = Plot.figure()
                .line("x", X, Y)
                .title("Frequency against rank of words, word pairs and word triples")
                .size(500, 300)
                .chart();
        int normal = shortTitle.getStyler().getChartTitleFont().getSize();
        int shrunk = longTitle.getStyler().getChartTitleFont().getSize();
        assertTrue(shrunk < normal && shrunk >= ChartStyle.MIN_TITLE_SIZE, "shrunk from " + normal + " to " + shrunk);
        var e = assertThrows(IllegalArgumentException.class, () -> Plot.figure()
                .line("x", X, Y)
                .title("A title far too long for a chart of this size, however small the letters are set")
                .size(150, 100)
                .chart());
        assertTrue(e.getMessage().contains("shorten it or widen the chart"), e.getMessage());
    }

    @Test
    void noLegendHidesIt() {
        assertFalse(Plot.figure().line("x", X, Y).noLegend().chart().getStyler().isLegendVisible());
    }

    @Test
    void frequencyTableHoldsTheTopEntries() {
        var entries = List.of(Map.entry("the", 5), Map.entry("of", 3), Map.entry("a", 1));
        var table = Tables.frequencies(entries, 2);
        assertEquals(2, table.rowCount());
        assertEquals(List.of("token", "frequency"), table.columnNames());
        assertEquals("of", table.stringColumn("token").get(1));
        assertEquals(5, table.intColumn("frequency").get(0));
        var bigrams = Tables.frequencies("bigrams", "bigram", entries, 10);
        assertEquals(3, bigrams.rowCount());
        assertEquals("bigram", bigrams.column(0).name());
    }
}
