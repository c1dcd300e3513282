package d2l.kernel.widget;

import static d2l.kernel.widget.ValueChange.Origin.FRONT_END;
import static d2l.kernel.widget.ValueChange.Origin.KERNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.NotebookOutputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** interact: controls in a row, the view under them, redrawn in place with the latest values. */
class InteractTest {
    FrontEnd frontEnd;

    /** Outputs as a list of "display id: value" lines, values rendered by toString. */
    static final class Recorded implements Outputs {
        final List<Object> shown = new ArrayList<>();
        final List<Object> updates = new ArrayList<>();
        final List<ValueChange.Origin> origins = new ArrayList<>();

        /** The last bundle shown or updated for the view, with the widget's reference. */
        MimeBundle view;

        @Override
        public synchronized String display(Object value) {
            if (value instanceof MimeBundle bundle) {
                view = bundle;
                shown.add(bundle.data().get(MimeBundle.TEXT));
            } else {
                shown.add(value);
            }
            return "view-" + shown.size();
        }

        @Override
        public synchronized void update(String displayId, Object value, ValueChange.Origin origin) {
            assertEquals("view-2", displayId);
            view = (MimeBundle) value;
            updates.add(view.data().get(MimeBundle.TEXT));
            origins.add(origin);
        }
    }

    /** The text the Output widget shows now: what a widget front end draws under the controls. */
    static String inWidget(Interaction interaction) {
        var outputs = interaction.area().outputs();
        assertEquals(1, outputs.size(), outputs.toString());
        return NotebookOutputs.multiline(
                outputs.get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain"));
    }

    @BeforeEach
    void frontEnd() {
        frontEnd = FrontEnd.activate();
    }

    @Test
    void showsControlsThenTheViewAndRedrawsOnChange() throws InterruptedException {
        var k = new IntSlider("k", 1, 64, 4);
        var sampler = new Dropdown("sampler", List.of("random", "sequential"), "random");
        var outputs = new Recorded();
        var interaction = new Interaction(
                () -> sampler.value() + " k=" + k.value(), new ValueWidget<?, ?>[] {k, sampler}, outputs);
        assertEquals(2, outputs.shown.size());
        assertEquals(
                "HBox(IntSlider(k = 4, 1…64), Dropdown(sampler = random, [random, sequential]))",
                outputs.shown.get(0).toString());
        assertEquals("random k=4", outputs.shown.get(1));
        assertEquals(
                interaction.area().viewJson(),
                outputs.view.data().get(Widget.VIEW_MIME),
                "the view's output leads with the Output widget that shows it where widgets run");
        assertEquals("random k=4", inWidget(interaction));
        assertEquals(-1, interaction.lastRedrawMillis());

        frontEnd.update(k, "value", "9");
        assertTrue(interaction.awaitRedraws(Duration.ofSeconds(10)));
        assertEquals("random k=9", inWidget(interaction));
        frontEnd.update(sampler, "index", "1");
        assertTrue(interaction.awaitRedraws(Duration.ofSeconds(10)));
        assertEquals("sequential k=9", inWidget(interaction), "a reader's change redraws the widget");
        assertEquals(List.of("random k=9", "sequential k=9"), outputs.updates, "and the static output");
        assertEquals(List.of(FRONT_END, FRONT_END), outputs.origins, "as the reader's");
        assertEquals(2, interaction.redraws());
        assertTrue(interaction.lastRedrawMillis() >= 0);
    }

    @Test
    void aChangeMadeInJavaIsRedrawnBeforeTheCallReturnsInTheWidgetAndTheStaticOutput() {
        var k = new IntSlider("k", 1, 64, 4);
        var outputs = new Recorded();
        var interaction = new Interaction(() -> "k=" + k.value(), new ValueWidget<?, ?>[] {k}, outputs);
        k.value(9);
        assertEquals(List.of("k=9"), outputs.updates, "a saved notebook's static view matches its slider");
        assertEquals(List.of(KERNEL), outputs.origins);
        assertEquals("k=9", inWidget(interaction));
        assertEquals(interaction.area().viewJson(), outputs.view.data().get(Widget.VIEW_MIME));
        assertEquals(1, interaction.redraws());
    }

    @Test
    void changesDuringARedrawCoalesceAndTheLatestValueWins() throws InterruptedException {
        var k = new IntSlider("k", 1, 64, 4);
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var computedFor = new ArrayList<Integer>();
        var outputs = new Recorded();
        var interaction = new Interaction(
                () -> {
                    int value = k.value();
                    synchronized (computedFor) {
                        computedFor.add(value);
                    }
                    if (computedFor.size() == 2) { // the first redraw waits, as a slow view would
                        started.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return value;
                },
                new ValueWidget<?, ?>[] {k},
                outputs);
        frontEnd.update(k, "value", "5");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        for (int v = 6; v <= 40; v++) frontEnd.update(k, "value", Integer.toString(v));
        release.countDown();
        assertTrue(interaction.awaitRedraws(Duration.ofSeconds(10)));
        assertEquals(List.of(4, 5, 40), computedFor, "the 34 changes during the first redraw give one more, at 40");
        assertEquals("40", inWidget(interaction));
        assertEquals(List.of("5", "40"), outputs.updates);
        assertEquals(2, interaction.redraws());
    }

    @Test
    void interactWithoutASessionStillRedraws() throws InterruptedException {
        var k = new IntSlider("k", 1, 64, 4);
        var interaction = Interact.interact(() -> "k = " + k.value(), k);
        k.value(5);
        assertTrue(interaction.awaitRedraws(Duration.ofSeconds(10)));
        assertEquals(1, interaction.redraws());
    }

    /** Not a timed assertion: the time goes to the test log, for the "under 100 ms" note. */
    @Test
    void redrawTimeOfASmallLineChart() throws InterruptedException {
        var k = new IntSlider("k", 1, 64, 4);
        var renderers = new d2l.kernel.display.Renderers();
        var timed = new Interaction(
                () -> renderers.render(chart(k.value()), java.util.Set.of()),
                new ValueWidget<?, ?>[] {k},
                new Recorded());
        var millis = new ArrayList<Double>();
        for (int v = 5; v <= 34; v++) {
            k.value(v);
            assertTrue(timed.awaitRedraws(Duration.ofSeconds(30)));
            millis.add(timed.lastRedrawMillis());
        }
        assertEquals(30, timed.redraws());
        var warm = millis.subList(10, millis.size()).stream().sorted().toList();
        System.out.printf(
                "interact redraw of a 200-point XChart line chart rendered to PNG (480x300): first %.1f ms,"
                        + " then median %.1f ms, min %.1f ms, max %.1f ms over %d redraws%n",
                millis.get(0), warm.get(warm.size() / 2), warm.get(0), warm.get(warm.size() - 1), warm.size());
    }

    static XYChart chart(int k) {
        var chart = new XYChartBuilder()
                .width(480)
                .height(300)
                .title("sin(x / k), k = " + k)
                .build();
        double[] x = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = Math.sin(i / (double) k);
        }
        chart.addSeries("sin", x, y);
        return chart;
    }
}
