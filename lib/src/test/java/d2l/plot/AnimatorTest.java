package d2l.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class AnimatorTest {
    @AfterEach
    void detach() {
        Display.uninstall();
    }

    @Test
    void inANotebookShowsOnceThenUpdatesInPlace() {
        List<Object> shown = new ArrayList<>();
        List<String> updatedIds = new ArrayList<>();
        Display.install(chart -> { shown.add(chart); return "display-1"; }, (id, chart) -> updatedIds.add(id));

        var animator = new Animator("epoch", "perplexity", "train", "test").xlim(1, 3);
        animator.add(1, 10, 12);
        animator.add(2, 5, Double.NaN);
        animator.add(3, 2, 4);

        assertEquals(1, shown.size(), "one output cell");
        assertEquals(List.of("display-1", "display-1"), updatedIds);
        XYChart chart = (XYChart) shown.get(0);
        assertSame(animator.chart(), chart, "the same chart object is redrawn");
        assertArrayEquals(new double[] {10, 5, 2}, chart.getSeriesMap().get("train").getYData());
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
    void rejectsWrongNumberOfValuesAndUnknownSeries() {
        var animator = new Animator("epoch", "ppl", "train");
        var e = assertThrows(IllegalArgumentException.class, () -> animator.add(1, 2, 3));
        assertEquals("add needs 1 y values [train], got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> animator.xs("test"));
        assertThrows(IllegalArgumentException.class, () -> new Animator("x", "y"));
    }
}
