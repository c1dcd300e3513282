package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.client.WireClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Widgets over the real sockets, as JupyterLab's widget manager talks to them: a cell makes a
 * slider, the front end moves it, and the kernel's value, its observers and interact's view follow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetKernelTest {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String VIEW = "application/vnd.jupyter.widget-view+json";
    private LaunchedKernel kernel;

    @BeforeAll
    void start() throws Exception {
        kernel = new LaunchedKernel(java());
        ok(kernel.execute("import d2l.kernel.widget.*;"));
    }

    /** The java that runs the kernel; {@link Jdk25WidgetKernelTest} runs it on JDK 25. */
    String java() {
        return JAVA;
    }

    @AfterAll
    void stop() throws Exception {
        kernel.close();
    }

    @Test
    void aSliderMovedInTheFrontEndChangesTheJavaValueAndRunsItsObserver() {
        var made = kernel.execute("""
                var k = new IntSlider("k", 1, 64, 4);
                k.onChange(v -> System.out.println("k is now " + v));
                k""");
        ok(made);
        var opens = made.ofType("comm_open");
        assertEquals(3, opens.size(), "layout, style, slider: " + opens);
        var slider = opens.get(2);
        assertEquals("jupyter.widget", slider.content().get("target_name").getAsString());
        assertEquals("2.1.0", slider.metadata().get("version").getAsString());
        var state = slider.content().getAsJsonObject("data").getAsJsonObject("state");
        assertEquals("IntSliderModel", state.get("_model_name").getAsString());
        assertEquals(4, state.get("value").getAsInt());
        String id = slider.content().get("comm_id").getAsString();
        var shown = single(made.ofType("execute_result")).content().getAsJsonObject("data");
        assertEquals(id, shown.getAsJsonObject(VIEW).get("model_id").getAsString());
        assertEquals("IntSlider(k = 4, 1…64)", shown.get("text/plain").getAsString());
        assertTrue(shown.get("text/html").getAsString().contains("type=\"range\""));

        var move = update(id, "{\"value\": 17}");
        var handled = kernel.shellNoReply(move);
        var echo = single(ofType(handled, "comm_msg")).content();
        assertEquals(id, echo.get("comm_id").getAsString());
        assertEquals("echo_update", echo.getAsJsonObject("data").get("method").getAsString());
        assertEquals(
                17,
                echo.getAsJsonObject("data")
                        .getAsJsonObject("state")
                        .get("value")
                        .getAsInt());
        assertEquals("k is now 17\n", streamText(handled), "the observer's output is the comm_msg's");
        assertEquals("17", kernel.execute("k.value()").resultText());

        var refused = kernel.shellNoReply(update(id, "{\"value\": 99}"));
        var reset = single(ofType(refused, "comm_msg")).content().getAsJsonObject("data");
        assertEquals("update", reset.get("method").getAsString(), "a refused value is answered with the kernel's");
        assertEquals(17, reset.getAsJsonObject("state").get("value").getAsInt());
        assertEquals("", streamText(refused));
        assertEquals("17", kernel.execute("k.value()").resultText());
    }

    @Test
    void interactRedrawsItsViewUnderTheCellThatMadeIt() throws Exception {
        var request = kernel.request("execute_request", WireClient.executeContent("""
                        var n = new IntSlider("n", 1, 10, 2);
                        var view = interact(() -> {
                            // Slower than the comm_msg's handling, so the redraw comes after its idle.
                            try { Thread.sleep(2000); } catch (InterruptedException e) { }
                            return "n squared is " + n.value() * n.value();
                        }, n);"""));
        var made = kernel.shell(request);
        ok(made);
        var outputs = made.ofType("display_data");
        assertEquals(2, outputs.size(), outputs.toString());
        String rowId = outputs.get(0)
                .content()
                .getAsJsonObject("data")
                .getAsJsonObject(VIEW)
                .get("model_id")
                .getAsString();
        var row = made.ofType("comm_open").stream()
                .filter(m -> m.content().get("comm_id").getAsString().equals(rowId))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "HBoxModel",
                row.content()
                        .getAsJsonObject("data")
                        .getAsJsonObject("state")
                        .get("_model_name")
                        .getAsString());
        var first = outputs.get(1).content();
        assertEquals(
                "n squared is 4",
                first.getAsJsonObject("data").get("text/plain").getAsString());
        String displayId = first.getAsJsonObject("transient").get("display_id").getAsString();
        String sliderId = made.ofType("comm_open").stream()
                .filter(m -> m.content()
                        .getAsJsonObject("data")
                        .getAsJsonObject("state")
                        .get("_model_name")
                        .getAsString()
                        .equals("IntSliderModel"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .content()
                .get("comm_id")
                .getAsString();

        // Set from a later cell: the redraw still comes as the interact cell's output, and as the
        // later cell's too, for nbclient, which reads only the running cell's messages.
        var setter = ok(kernel.execute("n.value(3);"));
        assertEquals(1, setter.ofType("update_display_data").size(), "under the cell that set the value");
        var fromCell = kernel.awaitIopub(request, "update_display_data", 30_000);
        assertNotNull(fromCell, "the redraw is published as the interact cell's output; kernel log:\n" + kernel.log());
        assertEquals(
                displayId,
                fromCell.content()
                        .getAsJsonObject("transient")
                        .get("display_id")
                        .getAsString());
        assertEquals(
                "n squared is 9",
                fromCell.content().getAsJsonObject("data").get("text/plain").getAsString());

        // Moved by the reader: the Output widget the view's output leads with is redrawn through its comm.
        String areaId = first.getAsJsonObject("data")
                .getAsJsonObject(VIEW)
                .get("model_id")
                .getAsString();
        kernel.shellNoReply(update(sliderId, "{\"value\": 7}"));
        var redrawn = kernel.client()
                .awaitIopub(
                        m -> m.type().equals("comm_msg")
                                && m.content().get("comm_id").getAsString().equals(areaId)
                                && m.content().toString().contains("n squared is 49"),
                        30_000);
        assertNotNull(redrawn, "the reader's change redraws the view's widget; kernel log:\n" + kernel.log());
        var updated = kernel.client()
                .awaitIopub(
                        m -> m.type().equals("update_display_data")
                                && m.content()
                                        .getAsJsonObject("transient")
                                        .get("display_id")
                                        .getAsString()
                                        .equals(displayId)
                                && m.content()
                                        .getAsJsonObject("data")
                                        .get("text/plain")
                                        .getAsString()
                                        .equals("n squared is 49"),
                        30_000);
        assertNotNull(updated, "and its static output, as the interact cell's; kernel log:\n" + kernel.log());
        assertEquals(request.header(), updated.parentHeader(), "JupyterLab routes the update to the interact cell");
        assertEquals("2", kernel.execute("view.redraws()").resultText());
        assertNull(
                kernel.client()
                        .awaitIopub(
                                m -> m.type().equals("update_display_data")
                                        && m.parentHeader()
                                                .equals(setter.reply().parentHeader()),
                                1_000),
                "a reader's change is not sent again under the cell that ran last: no nbclient moves sliders");
    }

    @Test
    void outputCapturesWhatItsBlockPrintsAndDisplays() {
        var run = ok(kernel.execute("""
                var out = new Output();
                display(out);
                out.capture(() -> {
                    System.out.println("inside");
                    display(html("<b>shown</b>"));
                });
                System.out.println("outside");
                out.outputs().size()"""));
        assertEquals("outside\n", run.streamText("stdout"), "the cell keeps only what ran outside");
        assertEquals("2", run.resultText());
        var updates = run.ofType("comm_msg");
        var last = updates.get(updates.size() - 1).content().getAsJsonObject("data");
        assertEquals("update", last.get("method").getAsString());
        var outputs = last.getAsJsonObject("state").getAsJsonArray("outputs");
        assertEquals(
                "stream", outputs.get(0).getAsJsonObject().get("output_type").getAsString());
        assertEquals(
                "<b>shown</b>",
                outputs.get(1)
                        .getAsJsonObject()
                        .getAsJsonObject("data")
                        .get("text/html")
                        .getAsJsonArray()
                        .get(0)
                        .getAsString());
    }

    /**
     * A loop that prints and displays into an Output: each display flushes the printed text, so
     * an update per output would be hundreds here, each carrying the whole growing list.
     */
    @Test
    void aCaptureOfThousandsOfPrintsSendsAFewUpdatesAndTheLastHoldsEveryLine() {
        var run = ok(kernel.execute("""
                var log = new Output();
                display(log);
                long started = System.nanoTime();
                log.capture(() -> {
                    for (int i = 0; i < 20000; i++) {
                        System.out.println("line " + i);
                        if (i % 100 == 99) display(html("<i>" + (i + 1) + " lines</i>"));
                    }
                });
                (System.nanoTime() - started) / 1_000_000"""));
        long elapsedMillis = Long.parseLong(run.resultText());
        String id = single(run.ofType("display_data"))
                .content()
                .getAsJsonObject("data")
                .getAsJsonObject(VIEW)
                .get("model_id")
                .getAsString();
        var updates = run.ofType("comm_msg").stream()
                .filter(m -> m.content().get("comm_id").getAsString().equals(id))
                .toList();
        System.out.printf(
                "Output capture of 20000 lines and 200 displays: %d ms, %d updates%n", elapsedMillis, updates.size());
        assertTrue(
                updates.size() <= elapsedMillis / 100 + 2,
                updates.size() + " updates while the capture ran " + elapsedMillis + " ms: more than ~1 per 100 ms");
        var outputs = updates.get(updates.size() - 1)
                .content()
                .getAsJsonObject("data")
                .getAsJsonObject("state")
                .getAsJsonArray("outputs");
        assertEquals(400, outputs.size(), "100 lines in one stream output, then a display, 200 times");
        var printed = new StringBuilder();
        var expected = new StringBuilder();
        for (int i = 0; i < 20000; i++) expected.append("line ").append(i).append('\n');
        for (int i = 0; i < outputs.size(); i += 2) {
            var stream = outputs.get(i).getAsJsonObject();
            assertEquals(100, stream.getAsJsonArray("text").size());
            stream.getAsJsonArray("text").forEach(line -> printed.append(line.getAsString()));
            assertEquals(
                    "<i>" + (i / 2 + 1) * 100 + " lines</i>",
                    outputs.get(i + 1)
                            .getAsJsonObject()
                            .getAsJsonObject("data")
                            .getAsJsonArray("text/html")
                            .get(0)
                            .getAsString());
        }
        assertEquals(expected.toString(), printed.toString(), "every line, in order");
    }

    private WireClient.Exchange ok(WireClient.Exchange exchange) {
        assertEquals("ok", exchange.status(), exchange.reply().content().toString());
        return exchange;
    }

    private Message update(String commId, String state) {
        var content = new JsonObject();
        content.addProperty("comm_id", commId);
        var data = new JsonObject();
        data.addProperty("method", "update");
        data.add("state", JsonParser.parseString(state));
        data.add("buffer_paths", new com.google.gson.JsonArray());
        content.add("data", data);
        return kernel.request("comm_msg", content);
    }

    private static List<Message> ofType(List<Message> messages, String type) {
        return messages.stream().filter(m -> m.type().equals(type)).toList();
    }

    private static String streamText(List<Message> messages) {
        var text = new StringBuilder();
        for (var m : ofType(messages, "stream"))
            text.append(m.content().get("text").getAsString());
        return text.toString();
    }

    private static Message single(List<Message> messages) {
        assertEquals(1, messages.size(), messages.toString());
        return messages.get(0);
    }
}
