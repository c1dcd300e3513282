package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

class AnimatorTest {
    @AfterEach
    void detach() {
        Display.uninstall();
    }

    @Test
    void inANotebookShowsOnceThenUpdatesInPlace() {
        List<Object> shown = new ArrayList<>();
        List<String> updatedIds = new ArrayList<>();
        Display.install(
                chart -> {
                    shown.add(chart);
                    return "display-1";
                },
                (id, chart) -> updatedIds.add(id));

        var animator = new Animator("epoch", "perplexity", "train", "test").xlim(1, 3);
        animator.add(1, 10, 12);
        animator.add(2, 5, Double.NaN);
        animator.add(3, 2, 4);

        assertEquals(1, shown.size(), "one output cell");
        assertEquals(List.of("display-1", "display-1"), updatedIds);
        XYChart chart = (XYChart) shown.get(0);
        assertSame(animator.chart(), chart, "the same chart object is redrawn");
        assertArrayEquals(
                new double[] {10, 5, 2}, chart.getSeriesMap().get("train").getYData());
        assertArrayEquals(new double[] {1, 3}, chart.getSeriesMap().get("test").getXData(), "NaN skipped");
        assertEquals(3.0, chart.getStyler().getXAxisMax());
    }

    @Test
    void outsideANotebookRecordsPointsAndWritesPng(@TempDir Path dir) throws IOException {
        var animator = new Animator("epoch", "loss", "train");
        for (int epoch = 1; epoch <= 5; epoch++) animator.add(epoch, 1.0 / epoch);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, animator.xs("train"));
        assertEquals(0.2, animator.ys("train")[4], 1e-12);
        Path png = animator.save(dir.resolve("loss.png"));
        var image = PlotTest.decode(Files.readAllBytes(png));
        assertEquals(ChartStyle.DEFAULT_WIDTH, image.getWidth());
        assertTrue(PlotTest.inkedPixels(image) > 1000);
    }

    @Test
    void titleIsShownAboveTheChart() throws IOException {
        var untitled = new Animator("epoch", "ppl", "train");
        untitled.add(1, 3);
        untitled.add(2, 2);
        assertFalse(untitled.chart().getStyler().isChartTitleVisible());

        var titled = new Animator("epoch", "ppl", "train").title("Training perplexity per epoch");
        titled.add(1, 3);
        titled.add(2, 2);
        XYChart chart = titled.chart();
        assertEquals("Training perplexity per epoch", chart.getTitle());
        assertTrue(chart.getStyler().isChartTitleVisible());
        // The title takes room at the top and pushes the plot (its first curve's top) down.
        assertTrue(firstRowOfCurve(Png.bytes(chart)) > firstRowOfCurve(Png.bytes(untitled.chart())) + 10);

        titled.title("Perplexity");
        assertEquals("Perplexity", titled.chart().getTitle(), "a title set after the first add still shows");
        assertThrows(IllegalArgumentException.class, () -> titled.title(" "));
    }

    /** The topmost row holding a pixel of the first series' blue (0x1f77b4). */
    private static int firstRowOfCurve(byte[] png) throws IOException {
        var image = PlotTest.decode(png);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.abs(r - 0x1f) < 12 && Math.abs(g - 0x77) < 12 && Math.abs(b - 0xb4) < 12) return y;
            }
        }
        throw new AssertionError("the curve is not drawn");
    }

    @Test
    void legendGoesOutsideThePlotRightOrBelow() {
        var right = new Animator("epoch", "ppl", "train", "validation");
        right.add(1, 3, 4);
        assertEquals(Styler.LegendPosition.OutsideE, right.chart().getStyler().getLegendPosition());
        var below = new Animator("epoch", "ppl", "train", "validation").legendBelow();
        below.add(1, 3, 4);
        assertEquals(Styler.LegendPosition.OutsideS, below.chart().getStyler().getLegendPosition());
        assertEquals(Styler.LegendLayout.Horizontal, below.chart().getStyler().getLegendLayout());
    }

    @Test
    void rejectsWrongNumberOfValuesAndUnknownSeries() {
        var animator = new Animator("epoch", "ppl", "train");
        var e = assertThrows(IllegalArgumentException.class, () -> animator.add(1, 2, 3));
        assertEquals("add needs 1 y values [train], got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> animator.xs("test"));
        assertThrows(IllegalArgumentException.class, () -> new Animator("x", "y"));
    }
}
