package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.client.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Comms over the real sockets, as the messaging spec and ipywidgets use them. Run on JDK 25 by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommProtocolTest {
    private LaunchedKernel kernel;

    /** The {@code java} the kernel runs on. */
    String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @BeforeAll
    void start() throws Exception {
        kernel = new LaunchedKernel(java());
        ok(kernel.execute("import d2l.kernel.comm.*;\nimport com.google.gson.*;"));
    }

    @AfterAll
    void stop() throws Exception {
        kernel.close();
    }

    @Test
    void commInfoListsTheOpenCommsFilteredByTarget() {
        var run = kernel.execute("""
                var first = Comms.current().open("info.a", CommMessage.of(new JsonObject()));
                var second = Comms.current().open("info.b", CommMessage.of(new JsonObject()));
                first.id() + " " + second.id()""");
        ok(run);
        String[] ids = run.resultText().replace("\"", "").split(" ");

        var all = commInfo(null);
        assertEquals("info.a", all.getAsJsonObject(ids[0]).get("target_name").getAsString(), all.toString());
        assertEquals("info.b", all.getAsJsonObject(ids[1]).get("target_name").getAsString(), all.toString());
        var onlyA = commInfo("info.a");
        assertEquals(List.of(ids[0]), List.copyOf(onlyA.keySet()), onlyA.toString());
        assertEquals(0, commInfo("no.such.target").size());

        ok(kernel.execute("first.close();"));
        assertFalse(commInfo(null).has(ids[0]), "a closed comm is no longer listed");
        assertTrue(commInfo(null).has(ids[1]));
    }

    @Test
    void aCommOpenedByTheKernelCarriesDataMetadataAndBuffers() {
        var run = kernel.execute("""
                var data = new JsonObject();
                data.addProperty("x", 1);
                var meta = new JsonObject();
                meta.addProperty("version", "2.1.0");
                var sent = Comms.current().open("buffers.target", new CommMessage(data, meta, List.of(new byte[] {1, 2, 3})));
                var update = new JsonObject();
                update.addProperty("y", 2);
                sent.send(new CommMessage(update, null, List.of(new byte[] {4, 5}, new byte[] {6})));
                sent.close();""");
        ok(run);
        var open = single(run.ofType("comm_open"));
        String id = open.content().get("comm_id").getAsString();
        assertEquals("buffers.target", open.content().get("target_name").getAsString());
        assertEquals(1, open.content().getAsJsonObject("data").get("x").getAsInt());
        assertEquals("2.1.0", open.metadata().get("version").getAsString(), "the comm's metadata is the message's");
        assertEquals(1, open.buffers().size());
        assertArrayEquals(new byte[] {1, 2, 3}, open.buffers().get(0));

        var msg = single(run.ofType("comm_msg"));
        assertEquals(id, msg.content().get("comm_id").getAsString());
        assertEquals(2, msg.content().getAsJsonObject("data").get("y").getAsInt());
        assertEquals(2, msg.buffers().size());
        assertArrayEquals(new byte[] {4, 5}, msg.buffers().get(0));
        assertArrayEquals(new byte[] {6}, msg.buffers().get(1));

        assertEquals(
                id, single(run.ofType("comm_close")).content().get("comm_id").getAsString());
    }

    @Test
    void theFrontEndOpensACommToARegisteredTargetAndTalksOnIt() {
        ok(kernel.execute("""
                Comms.current().registerTarget("echo.target", (comm, opened) -> {
                    comm.send(opened.data());
                    comm.onMessage(m -> {
                        var answer = new JsonObject();
                        answer.add("echo", m.data());
                        answer.addProperty("buffers", m.buffers().size());
                        comm.send(new CommMessage(answer, null, m.buffers()));
                    });
                    comm.onClose(m -> System.out.println("closed " + comm.target()));
                });"""));
        String id = UUID.randomUUID().toString();
        var hello = new JsonObject();
        hello.addProperty("hello", 1);
        var open = commOpen(id, "echo.target", hello);
        var opened = kernel.shellNoReply(open);
        var greeting = single(ofType(opened, "comm_msg"));
        assertEquals(id, greeting.content().get("comm_id").getAsString());
        assertEquals(1, greeting.content().getAsJsonObject("data").get("hello").getAsInt());
        assertEquals(List.of(), ofType(opened, "comm_close"), "a registered target keeps the comm open");
        assertEquals(
                "echo.target",
                commInfo(null).getAsJsonObject(id).get("target_name").getAsString());

        var value = new JsonObject();
        value.addProperty("value", 5);
        var message = commMsg(id, value, List.of(new byte[] {9, 8, 7}));
        var answered = kernel.shellNoReply(message);
        var answer = single(ofType(answered, "comm_msg"));
        assertEquals(
                5,
                answer.content()
                        .getAsJsonObject("data")
                        .getAsJsonObject("echo")
                        .get("value")
                        .getAsInt());
        assertEquals(1, answer.content().getAsJsonObject("data").get("buffers").getAsInt(), "the buffer arrived");
        assertArrayEquals(new byte[] {9, 8, 7}, answer.buffers().get(0), "and went back");
        assertEquals(message.id(), answer.parentHeader().get("msg_id").getAsString());
        assertStatusAround(answered);

        var close = kernel.request("comm_close", commContent(id, new JsonObject()));
        var closed = kernel.shellNoReply(close);
        assertEquals("closed echo.target\n", streamText(closed, "stdout"), "the close handler ran under the close");
        assertFalse(commInfo(null).has(id));
    }

    @Test
    void aCommOpenedToAnUnknownTargetIsClosedAgain() {
        String id = UUID.randomUUID().toString();
        var published = kernel.shellNoReply(commOpen(id, "no.such.target", new JsonObject()));
        var close = single(ofType(published, "comm_close"));
        assertEquals(id, close.content().get("comm_id").getAsString());
        assertFalse(commInfo(null).has(id));
        assertTrue(kernel.log().contains("no.such.target"), "the kernel's log says why: " + kernel.log());
    }

    @Test
    void aCommMessageIsHandledWhileACellRunsAndItsOutputsStayItsOwn() {
        String id = openFrontEndComm("latch.target", """
                var latch = new CountDownLatch(1);
                Comms.current().registerTarget("latch.target", (comm, opened) -> comm.onMessage(m -> {
                    System.out.println("from the handler");
                    display("shown by the handler");
                    latch.countDown();
                }));""");
        var cell = kernel.request("execute_request", WireClient.executeContent("""
                        System.out.println("cell before");
                        boolean released = latch.await(20, TimeUnit.SECONDS);
                        System.out.println("cell after");
                        released"""));
        kernel.sendShell(cell);
        var message = commMsg(id, new JsonObject(), List.of());
        kernel.sendShell(message);
        var handled = kernel.awaitIdle(message, 10_000);
        var done = kernel.awaitShell(cell, 30_000);
        assertEquals("true", done.resultText(), "the handler released the cell: it ran while the cell waited");
        assertEquals("from the handler\n", streamText(handled, "stdout"));
        assertEquals(
                "shown by the handler",
                single(ofType(handled, "display_data"))
                        .content()
                        .getAsJsonObject("data")
                        .get("text/plain")
                        .getAsString());
        assertEquals("cell before\ncell after\n", done.streamText("stdout"), "the cell keeps its own outputs");
        assertEquals(List.of(), done.ofType("display_data"));
        var cellStates = done.ofType("status").stream()
                .map(m -> m.content().get("execution_state").getAsString())
                .toList();
        assertEquals(
                List.of("busy", "busy", "idle"),
                cellStates,
                "after the comm message's idle the kernel says busy again for the cell that still runs");
    }

    @Test
    void aHandlerCanCarryItsRouteToAnotherThread() {
        String id = openFrontEndComm("helper.target", """
                Comms.current().registerTarget("helper.target", (comm, opened) -> comm.onMessage(m -> {
                    var helper = new Thread(d2l.kernel.eval.DisplayHub.inCurrentRoute(() -> {
                        System.out.println("from a helper thread");
                        display("helper display");
                    }));
                    helper.start();
                    try {
                        helper.join();
                    } catch (InterruptedException e) {
                        throw new RuntimeException(e);
                    }
                }));""");
        var handled = kernel.shellNoReply(commMsg(id, new JsonObject(), List.of()));
        assertEquals("from a helper thread\n", streamText(handled, "stdout"));
        assertEquals(1, ofType(handled, "display_data").size(), handled.toString());
    }

    @Test
    void aCommMessageSentAfterTheCellEndedHasTheLatestRequestAsParent() {
        var cell = kernel.request("execute_request", WireClient.executeContent("""
                        var late = Comms.current().open("late.target", CommMessage.of(new JsonObject()));
                        new Thread(() -> {
                            try {
                                Thread.sleep(500);
                            } catch (InterruptedException e) {
                                return;
                            }
                            late.send(CommMessage.of(new JsonObject()));
                        }).start();"""));
        kernel.sendShell(cell);
        assertEquals("ok", kernel.awaitShell(cell, 10_000).status());
        var message = kernel.awaitIopub(cell, "comm_msg", 10_000);
        assertTrue(message != null, "the background thread's comm_msg names the cell as its parent");
    }

    @Test
    void aCellQueuedAfterACommMessageSeesItsUpdate() {
        String id = openFrontEndComm("counter.target", """
                var counter = new java.util.concurrent.atomic.AtomicInteger();
                Comms.current().registerTarget("counter.target", (comm, opened) -> comm.onMessage(m -> {
                    try {
                        Thread.sleep(300); // a slow handler: the cell behind it must still wait for it
                    } catch (InterruptedException e) {
                        throw new RuntimeException(e);
                    }
                    counter.set(m.data().get("n").getAsInt());
                }));""");
        var value = new JsonObject();
        value.addProperty("n", 7);
        kernel.sendShell(commMsg(id, value, List.of()));
        assertEquals("7", kernel.execute("counter.get()").resultText());
    }

    @Test
    void badCommMessagesAreLoggedAndIgnoredAndTheKernelAnswersOn() {
        String id = openFrontEndComm("throwing.target", """
                Comms.current().registerTarget("throwing.target", (comm, opened) -> comm.onMessage(m -> {
                    throw new IllegalStateException("handler failed on purpose");
                }));""");
        var noId = kernel.request("comm_msg", new JsonObject());
        var notAnObject = kernel.request("comm_msg", commContent(id, null));
        notAnObject.content().add("data", JsonParser.parseString("[1, 2]"));
        var unknown = commMsg("no-such-comm", new JsonObject(), List.of());
        var throwing = commMsg(id, new JsonObject(), List.of());
        var openWithoutTarget =
                kernel.request("comm_open", commContent(UUID.randomUUID().toString(), null));
        for (var bad : List.of(noId, notAnObject, unknown, throwing, openWithoutTarget)) {
            var published = kernel.shellNoReply(bad);
            assertStatusAround(published);
        }
        assertEquals("2", kernel.execute("1 + 1").resultText(), "the kernel still answers");
        String log = kernel.log();
        assertTrue(log.contains("malformed"), log);
        assertTrue(log.contains("no-such-comm"), log);
        assertTrue(log.contains("handler failed on purpose"), log);
        assertTrue(commInfo(null).has(id), "a handler that throws leaves its comm open");
    }

    @Test
    void stopOnErrorAbortsTheQueuedCellButNotACommMessage() {
        String id = openFrontEndComm("abort.target", """
                var seen = new java.util.concurrent.atomic.AtomicInteger();
                Comms.current().registerTarget("abort.target", (comm, opened) -> comm.onMessage(m -> seen.incrementAndGet()));""");
        var failing = kernel.request(
                "execute_request",
                WireClient.executeContent("Thread.sleep(300);\nthrow new IllegalStateException(\"boom\");"));
        var message = commMsg(id, new JsonObject(), List.of());
        var queued = kernel.request("execute_request", WireClient.executeContent("seen.addAndGet(100);"));
        kernel.sendShell(failing);
        kernel.sendShell(message);
        kernel.sendShell(queued);
        assertEquals("error", kernel.awaitShell(failing, 10_000).status());
        assertEquals("aborted", kernel.awaitShell(queued, 10_000).status());
        kernel.awaitIdle(message, 10_000);
        assertEquals("1", kernel.execute("seen.get()").resultText());
    }

    @Test
    void anInterruptWakesAHandlerThatWaits() {
        String id = openFrontEndComm("sleeping.target", """
                Comms.current().registerTarget("sleeping.target", (comm, opened) -> comm.onMessage(m -> {
                    System.out.println("sleeping");
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        System.out.println("handler interrupted");
                    }
                }));""");
        var message = commMsg(id, new JsonObject(), List.of());
        kernel.sendShell(message);
        var started = kernel.awaitIopub(message, "stream", 10_000);
        assertEquals("sleeping\n", started.content().get("text").getAsString());
        kernel.control(kernel.request("interrupt_request", new JsonObject()));
        var rest = kernel.awaitIdle(message, 10_000);
        assertEquals("handler interrupted\n", streamText(rest, "stdout"));
        assertEquals("3", kernel.execute("1 + 2").resultText(), "the comm thread serves on");
    }

    @Test
    void shutdownClosesTheOpenComms() throws Exception {
        try (var other = new LaunchedKernel(java())) {
            var run = other.execute(
                    "d2l.kernel.comm.Comms.current().open(\"closing.target\", d2l.kernel.comm.CommMessage.of(new com.google.gson.JsonObject())).id()");
            ok(run);
            String id = run.resultText().replace("\"", "");
            var shutdown = other.control(other.request("shutdown_request", new JsonObject()));
            var close = single(shutdown.ofType("comm_close"));
            assertEquals(id, close.content().get("comm_id").getAsString());
            assertTrue(other.waitForExit(Duration.ofSeconds(5)));
        }
    }

    /** Runs {@code setup} (which registers {@code target}), opens a comm to it from the front end, returns its id. */
    private String openFrontEndComm(String target, String setup) {
        ok(kernel.execute(setup));
        String id = UUID.randomUUID().toString();
        var opened = kernel.shellNoReply(commOpen(id, target, new JsonObject()));
        assertEquals(List.of(), ofType(opened, "comm_close"), "the target is registered: " + opened);
        return id;
    }

    private Message commOpen(String id, String target, JsonObject data) {
        var content = commContent(id, data);
        content.addProperty("target_name", target);
        return kernel.request("comm_open", content);
    }

    private Message commMsg(String id, JsonObject data, List<byte[]> buffers) {
        var m = kernel.request("comm_msg", commContent(id, data));
        return new Message(m.identities(), m.header(), m.parentHeader(), m.metadata(), m.content(), buffers);
    }

    private static JsonObject commContent(String id, JsonObject data) {
        var content = new JsonObject();
        content.addProperty("comm_id", id);
        if (data != null) content.add("data", data);
        return content;
    }

    private JsonObject commInfo(String target) {
        var content = new JsonObject();
        if (target != null) content.addProperty("target_name", target);
        var reply = kernel.shell(kernel.request("comm_info_request", content)).reply();
        assertEquals("ok", reply.content().get("status").getAsString());
        return reply.content().getAsJsonObject("comms");
    }

    /** Busy first, idle last, as for every request. */
    private static void assertStatusAround(List<Message> published) {
        var states = new JsonArray();
        published.stream()
                .filter(m -> m.type().equals("status"))
                .forEach(m -> states.add(m.content().get("execution_state")));
        assertEquals("[\"busy\",\"idle\"]", states.toString(), published.toString());
    }

    private static List<Message> ofType(List<Message> messages, String type) {
        return messages.stream().filter(m -> m.type().equals(type)).toList();
    }

    private static String streamText(List<Message> messages, String name) {
        var text = new StringBuilder();
        for (var m : ofType(messages, "stream"))
            if (m.content().get("name").getAsString().equals(name))
                text.append(m.content().get("text").getAsString());
        return text.toString();
    }

    private static Message single(List<Message> messages) {
        assertEquals(1, messages.size(), messages.toString());
        return messages.get(0);
    }

    private static void ok(WireClient.Exchange exchange) {
        assertEquals("ok", exchange.status(), exchange.reply().content().toString());
    }
}
