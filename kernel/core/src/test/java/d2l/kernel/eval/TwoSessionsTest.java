package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import d2l.kernel.comm.Comm;
import d2l.kernel.comm.CommMessage;
import d2l.kernel.comm.CommTransport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sessions in one JVM, as a test or the runner may hold them: cells running at the same time on
 * two threads reach only their own session, through every static route user code takes.
 */
class TwoSessionsTest {
    private static final int CELLS = 8;

    private final List<Tagged> sessions = new ArrayList<>();
    private ExecutorService threads;

    /** A session, its notebook and the comms its cells opened. */
    private static final class Tagged implements CommTransport {
        final String tag;
        final Session session = Session.start(SessionConfig.defaults());
        final NotebookOutputs notebook = new NotebookOutputs();
        final List<String> openedTargets = Collections.synchronizedList(new ArrayList<>());

        Tagged(String tag) {
            this.tag = tag;
            session.comms().useTransport(this);
        }

        /** Every display update this session's cells were sent, as "id: text", known id or not. */
        final List<String> updates = Collections.synchronizedList(new ArrayList<>());

        /** Runs a cell and returns its outputs; a failed cell fails the test. */
        List<JsonObject> run(String code) {
            var result = session.execute(code, new Watched(notebook.startCell()), ExecuteOptions.DEFAULT);
            var outputs = notebook.outputs(notebook.cellCount() - 1);
            assertNull(result.error(), () -> tag + ": " + result.error() + " in " + outputs);
            return outputs;
        }

        /** A cell's sink that also notes each update it gets (a notebook drops those of ids it never showed). */
        private final class Watched implements OutputSink {
            private final OutputSink cell;

            Watched(OutputSink cell) {
                this.cell = cell;
            }

            @Override
            public void stream(String name, String text) {
                cell.stream(name, text);
            }

            @Override
            public void displayData(d2l.kernel.display.MimeBundle bundle, String displayId) {
                cell.displayData(bundle, displayId);
            }

            @Override
            public void updateDisplayData(d2l.kernel.display.MimeBundle bundle, String displayId) {
                updates.add(displayId + ": " + bundle.data().get(d2l.kernel.display.MimeBundle.TEXT));
                cell.updateDisplayData(bundle, displayId);
            }

            @Override
            public void executeResult(int executionCount, d2l.kernel.display.MimeBundle bundle) {
                cell.executeResult(executionCount, bundle);
            }

            @Override
            public void error(CellError error) {
                cell.error(error);
            }

            @Override
            public void clearOutput(boolean wait) {
                cell.clearOutput(wait);
            }
        }

        @Override
        public void open(Comm comm, CommMessage message) {
            openedTargets.add(comm.target());
        }

        @Override
        public void send(Comm comm, CommMessage message) {}

        @Override
        public void close(Comm comm, CommMessage message) {}
    }

    @BeforeEach
    void start() {
        for (String tag : List.of("A", "B")) {
            var tagged = new Tagged(tag);
            // A user magic of this session only: %tag answers the session's own name.
            tagged.run("new io.github.spencerpark.jupyter.kernel.magic.registry.Magics()"
                    + ".registerLineMagic(\"tag\", args -> \"" + tag + "\");");
            sessions.add(tagged);
        }
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        for (var tagged : sessions) tagged.session.close();
    }

    /**
     * One cell that goes through each static route: System.out, display and updateDisplay, a
     * magic of the session's own (as an inline value), a built-in magic that displays, a comm
     * opened with Comms.current(), a thread the cell starts, and a value the snippet computes
     * (the execution engine's trampoline). Everything it shows names its session.
     */
    private static String cell(String tag, int i) {
        int base = tag.equals("A") ? 1_000_000 : 2_000_000;
        return """
                String who = %tag
                System.out.println("out " + who + " TAG I");
                String shown = display("display TAG I");
                updateDisplay(shown, "updated " + who + " TAG I");
                %time Math.abs(-1)
                d2l.kernel.comm.Comms.current().open("target.TAG", d2l.kernel.comm.CommMessage.of(new com.google.gson.JsonObject()));
                var helper = new Thread(() -> System.out.println("thread TAG I"));
                helper.start();
                helper.join();
                BASE + I * 3
                """.replace("TAG", tag).replace("BASE", Integer.toString(base)).replace("I", Integer.toString(i));
    }

    /** What {@link #cell} must show, in its own session, and nothing of the other's. */
    private static void checkCell(String tag, int i, List<JsonObject> outputs) {
        var text = new StringBuilder();
        String value = null;
        for (var output : outputs) {
            switch (output.get("output_type").getAsString()) {
                case "stream" -> text.append(joined(output.get("text")));
                case "display_data" ->
                    text.append(joined(output.getAsJsonObject("data").get("text/plain")))
                            .append('\n');
                case "execute_result" ->
                    value = joined(output.getAsJsonObject("data").get("text/plain"));
                default -> throw new AssertionError(tag + " cell " + i + ": unexpected output " + output);
            }
        }
        String all = text.toString();
        String other = tag.equals("A") ? "B" : "A";
        String where = tag + " cell " + i + " showed: " + all;
        assertTrue(all.contains("out " + tag + " " + tag + " " + i + "\n"), where);
        assertTrue(all.contains("updated " + tag + " " + tag + " " + i + "\n"), where);
        assertTrue(all.contains("thread " + tag + " " + i + "\n"), where);
        assertTrue(all.contains("Wall time"), where);
        assertTrue(!all.contains(" " + other + " ") && !all.contains("display " + tag), where);
        int base = tag.equals("A") ? 1_000_000 : 2_000_000;
        assertEquals(Integer.toString(base + i * 3), value, where);
    }

    private static String joined(com.google.gson.JsonElement text) {
        if (!text.isJsonArray()) return text.getAsString();
        var joined = new StringBuilder();
        text.getAsJsonArray().forEach(line -> joined.append(line.getAsString()));
        return joined.toString();
    }

    @Test
    void cellsRunningAtOnceReachOnlyTheirOwnSession() throws Exception {
        var barrier = new CyclicBarrier(2);
        var runs = new ArrayList<Future<?>>();
        for (var tagged : sessions) {
            runs.add(threads.submit(() -> {
                barrier.await();
                for (int i = 0; i < CELLS; i++) checkCell(tagged.tag, i, tagged.run(cell(tagged.tag, i)));
                return null;
            }));
        }
        for (var run : runs) run.get(5, TimeUnit.MINUTES);
        for (var tagged : sessions) {
            assertEquals(CELLS, tagged.openedTargets.size(), tagged.tag + " opened " + tagged.openedTargets);
            assertTrue(
                    tagged.openedTargets.stream().allMatch(t -> t.equals("target." + tagged.tag)),
                    tagged.tag + " opened " + tagged.openedTargets);
        }
    }

    @Test
    void aThreadACellStartedPrintsIntoItsOwnSessionWhileAnotherSessionRuns() throws Exception {
        var a = sessions.get(0);
        var b = sessions.get(1);
        // The latches are JDK objects, so both sessions can reach them through the system properties.
        a.run("var go = new java.util.concurrent.CountDownLatch(1);\n"
                + "var done = new java.util.concurrent.CountDownLatch(1);\n"
                + "System.getProperties().put(\"twoSessions.go\", go);\n"
                + "System.getProperties().put(\"twoSessions.done\", done);\n"
                + "new Thread(() -> { try { go.await(); } catch (InterruptedException e) { return; }\n"
                + "    System.out.println(\"late A\"); done.countDown(); }).start();");
        // A's thread prints while B's cell runs (and B is the session that ran a cell last).
        var inB = b.run("var props = System.getProperties();\n"
                + "((java.util.concurrent.CountDownLatch) props.get(\"twoSessions.go\")).countDown();\n"
                + "((java.util.concurrent.CountDownLatch) props.get(\"twoSessions.done\")).await();\n"
                + "Thread.sleep(200);\n"
                + "System.out.println(\"B ran\");");
        assertTrue(inB.toString().contains("B ran") && !inB.toString().contains("late A"), inB.toString());
        var inA = a.run("System.out.println(\"A again\");").toString() + a.notebook.outputs(1);
        assertTrue(inA.contains("late A"), "A's thread printed into A's outputs: " + inA);
        System.getProperties().remove("twoSessions.go");
        System.getProperties().remove("twoSessions.done");
    }

    /**
     * interact's redraw runs on a kernel thread shared by every session; a reader's change to A's
     * slider, handled on A's comm thread while B runs a cell, redraws into A's cell only.
     */
    @Test
    void aRedrawOfOneSessionsInteractStaysInThatSession() throws Exception {
        var a = sessions.get(0);
        var b = sessions.get(1);
        var interactCell = a.run("var k = new d2l.kernel.widget.IntSlider(\"k\", 1, 64, 4);\n"
                + "var view = d2l.kernel.widget.Interact.interact(() -> \"view of A, k=\" + k.value(), k);\n"
                + "System.getProperties().put(\"twoSessions.view\", view);\n"
                + "k.modelId()");
        String sliderId = interactCell
                .get(interactCell.size() - 1)
                .getAsJsonObject("data")
                .get("text/plain")
                .getAsString()
                .replace("\"", "");
        var bRuns = threads.submit(() -> b.run("var go = new java.util.concurrent.CountDownLatch(1);\n"
                + "System.getProperties().put(\"twoSessions.go\", go);\n"
                + "go.await();\n"
                + "System.out.println(\"B done\");"));
        while (System.getProperties().get("twoSessions.go") == null) Thread.sleep(10);
        // The front end moves A's slider: the comm thread hands the message to A's handler.
        var commOutputs = new NotebookOutputs();
        a.session.runHandler(commOutputs.startCell(), () -> a.session
                .comms()
                .receivedMessage(
                        sliderId,
                        CommMessage.of(com.google.gson.JsonParser.parseString(
                                        "{\"method\": \"update\", \"state\": {\"value\": 9}, \"buffer_paths\": []}")
                                .getAsJsonObject())));
        var view = (d2l.kernel.widget.Interaction) System.getProperties().get("twoSessions.view");
        assertTrue(view.awaitRedraws(java.time.Duration.ofSeconds(30)));
        assertEquals(1, view.redraws());
        ((java.util.concurrent.CountDownLatch) System.getProperties().get("twoSessions.go")).countDown();
        var inB = bRuns.get(1, TimeUnit.MINUTES).toString();
        System.getProperties().remove("twoSessions.go");
        System.getProperties().remove("twoSessions.view");
        assertTrue(inB.contains("B done"), "B's cell: " + inB);
        assertEquals(List.of(), b.updates, "updates sent to B's cells");
        assertEquals(1, a.updates.size(), "updates sent to A's cells: " + a.updates);
        assertTrue(interactCell.toString().contains("view of A, k=9"), "A's cell: " + interactCell);
    }

    @Test
    void closingOneSessionLeavesTheOtherWorking() {
        var a = sessions.get(0);
        var b = sessions.get(1);
        // A thread of A outlives A: once A is closed, its output must not land in B (the latest session).
        a.run(
                "var go = new java.util.concurrent.CountDownLatch(1);\n"
                        + "var done = new java.util.concurrent.CountDownLatch(1);\n"
                        + "System.getProperties().put(\"twoSessions.go\", go);\n"
                        + "System.getProperties().put(\"twoSessions.done\", done);\n"
                        + "new Thread(() -> { try { go.await(); } catch (InterruptedException e) { return; }\n"
                        + "    System.out.println(\"orphan of A\"); display(\"orphan display\"); done.countDown(); }).start();");
        a.session.close();
        var whileOrphanPrints = b.run("var props = System.getProperties();\n"
                + "((java.util.concurrent.CountDownLatch) props.get(\"twoSessions.go\")).countDown();\n"
                + "((java.util.concurrent.CountDownLatch) props.get(\"twoSessions.done\")).await();\n"
                + "Thread.sleep(200);");
        System.getProperties().remove("twoSessions.go");
        System.getProperties().remove("twoSessions.done");
        assertTrue(whileOrphanPrints.isEmpty(), "B got a closed session's output: " + whileOrphanPrints);
        var outputs = b.run("String who = %tag\nSystem.out.println(\"out \" + who);\n"
                + "display(\"shown by \" + who);\n"
                + "d2l.kernel.comm.Comms.current().open(\"after.close\", d2l.kernel.comm.CommMessage.of(new com.google.gson.JsonObject()));\n"
                + "6 * 7");
        var all = outputs.toString();
        assertTrue(all.contains("out B") && all.contains("shown by B") && all.contains("42"), all);
        assertEquals(List.of("after.close"), b.openedTargets);
        assertTrue(a.openedTargets.isEmpty());
    }
}
