package d2l.kernel.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.NotebookOutputs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Output widget's capture: outputs collected as nbformat does, sent to the front end coalesced. */
class OutputWidgetTest {
    FrontEnd frontEnd;
    Output out;

    @BeforeEach
    void openOutput() {
        frontEnd = FrontEnd.activate();
        out = new Output();
        out.modelId();
        frontEnd.clear();
    }

    /** The outputs each update sent to the front end carried, in order. */
    List<JsonArray> updates() {
        return frontEnd.messages(out.modelId()).stream()
                .map(sent -> sent.state().getAsJsonArray("outputs"))
                .toList();
    }

    static String text(JsonArray outputs, int i) {
        return NotebookOutputs.multiline(outputs.get(i).getAsJsonObject().get("text"));
    }

    @Test
    void thousandsOfPrintsCostAFewUpdatesAndTheLastHoldsEveryLineInOrder() {
        var interval = Duration.ofMillis(50);
        var sink = out.new Sink(interval);
        var expectedFirst = new StringBuilder();
        var expectedSecond = new StringBuilder();
        long start = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
            var line = "line " + i + "\n";
            sink.stream("stdout", line);
            (i < 2500 ? expectedFirst : expectedSecond).append(line);
            if (i == 2499) sink.displayData(MimeBundle.of(MimeBundle.TEXT, "half way", "half way"), null);
        }
        sink.flush();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        var updates = updates();
        assertTrue(
                updates.size() <= elapsedMillis / interval.toMillis() + 2,
                updates.size() + " updates in " + elapsedMillis + " ms: more than one per interval");
        var last = updates.get(updates.size() - 1);
        assertEquals(out.outputs(), last, "the last update is the widget's state");
        assertEquals(3, last.size(), "the lines before and after the display each merge into one output");
        assertEquals(expectedFirst.toString(), text(last, 0));
        assertEquals(
                "display_data", last.get(1).getAsJsonObject().get("output_type").getAsString());
        assertEquals(expectedSecond.toString(), text(last, 2));
        assertEquals(2500, last.get(0).getAsJsonObject().getAsJsonArray("text").size(), "one line each");
    }

    @Test
    void outputsWaitForTheIntervalOrAFlushAndAFlushWithNothingNewSendsNothing() {
        var sink = out.new Sink(Duration.ofHours(1));
        for (int i = 0; i < 100; i++) sink.stream(i % 2 == 0 ? "stdout" : "stderr", i + "\n");
        assertEquals(List.of(), updates(), "nothing is sent before the interval ends");
        sink.flush();
        sink.flush();
        var updates = updates();
        assertEquals(1, updates.size(), updates.toString());
        assertEquals(100, updates.get(0).size(), "stdout and stderr alternate: no two outputs merge");
        assertEquals("99\n", text(updates.get(0), 99));
    }

    @Test
    void anOutputAfterTheLastFlushIsSentWhenTheIntervalEnds() throws InterruptedException {
        var sink = out.new Sink(Duration.ofMillis(20));
        sink.stream("stdout", "late\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (updates().isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(1, updates().size());
        assertEquals("late\n", text(out.outputs(), 0));
    }

    @Test
    void aSecondCaptureAddsAfterTheFirstsOutputsAndClearOutputEmptiesBoth() {
        var first = out.new Sink(Duration.ofHours(1));
        first.stream("stdout", "one\n");
        first.flush();
        var second = out.new Sink(Duration.ofHours(1));
        second.stream("stdout", "two\n");
        second.flush();
        assertEquals("one\n", text(out.outputs(), 0));
        assertEquals("two\n", text(out.outputs(), 1), "a new capture's text does not join the old one's");
        second.clearOutput(false);
        second.stream("stdout", "three\n");
        second.flush();
        assertEquals(1, out.outputs().size());
        assertEquals("three\n", text(out.outputs(), 0));
    }
}
