package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import d2l.kernel.display.Renderers;
import d2l.plot.Animator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The runner reads a live training chart's epoch from the chart the library's Animator draws. */
class ChartWatchTest {
    private final List<ChartPosition> seen = new ArrayList<>();
    private final ChartWatch watch = new ChartWatch(seen::add);

    @Test
    void anAnimatorsChartTellsItsEpochAndRendersAsTheKernelRendersIt() {
        var animator = new Animator("epoch", "perplexity", "train", "valid").xlim(1, 500);
        animator.add(1, 20.5, Double.NaN);
        animator.add(2, 15.1, 30.2);
        animator.add(3, 12.0, Double.NaN);

        var bundle = watch.render(animator.chart(), Set.of());

        assertEquals(List.of(new ChartPosition(3, 500)), seen, "the furthest point of any series, and the axis's end");
        assertEquals("epoch 3/500", seen.get(0).toString());
        assertEquals(
                new Renderers().render(animator.chart(), Set.of()),
                bundle,
                "the notebook's output is the kernel's own");
    }

    @Test
    void aListenerThatFailsCostsTheNotebookNothing() {
        var animator = new Animator("epoch", "perplexity", "train").xlim(1, 500);
        animator.add(10, 8.2);
        var failing = new ChartWatch(position -> {
            throw new IllegalStateException("the terminal went away");
        });

        assertEquals(new Renderers().render(animator.chart(), Set.of()), failing.render(animator.chart(), Set.of()));
    }

    @Test
    void aChartWithoutAnEpochAxisIsRenderedButTellsNothing() {
        var plot = new Animator("time step", "x", "data");
        plot.add(1000, 0.5);
        var openEnded = new Animator("Epoch", "loss", "train");
        openEnded.add(7, 0.5);

        assertEquals(null, ChartWatch.position(plot.chart()));
        assertEquals(null, ChartWatch.position(new Animator("epoch", "loss", "train").chart()), "no points yet");
        assertEquals("epoch 7", ChartWatch.position(openEnded.chart()).toString(), "an axis without a set end");
        watch.render(plot.chart(), Set.of());
        assertEquals(List.of(), seen);
    }
}
