package d2l.kernel.client;

import static d2l.kernel.client.FakeKernel.state;
import static d2l.kernel.client.FakeKernel.status;
import static d2l.kernel.client.FakeKernel.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import d2l.kernel.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's conversations with a scripted kernel: readiness, whole answers, overlap, input, timeouts. */
class WireClientConversationTest {
    private static final long TIMEOUT = 10_000;

    private static List<String> types(List<Message> messages) {
        return messages.stream()
                .map(m -> m.type().equals("status")
                        ? "status:" + m.content().get("execution_state").getAsString()
                        : m.type())
                .toList();
    }

    /** A client connected to {@code kernel} and ready, or the kernel's failure. */
    private static WireClient ready(FakeKernel kernel) {
        var client = new WireClient(kernel.connection);
        assertTrue(client.awaitReady(TIMEOUT), () -> "not ready; kernel failures: " + kernel.failures);
        return client;
    }

    @Test
    void aShellExchangeIsTheReplyAndTheIopubMessagesUpToIdle() throws Exception {
        try (var kernel = new FakeKernel((k, from, request) -> {});
                var client = ready(kernel)) {
            var info = client.shell(client.request("kernel_info_request", new JsonObject()), TIMEOUT);
            assertEquals("kernel_info_reply", info.reply().type());
            assertEquals("ok", info.status());
            assertEquals(List.of("status:busy", "status:idle"), types(info.iopub()));
        }
    }

    @Test
    void overlappingRequestsEachGetTheirOwnMessages() throws Exception {
        var pending = new ArrayList<Message>();
        FakeKernel.Script interleaved = (k, from, request) -> {
            pending.add(request);
            if (pending.size() < 2) return;
            var a = pending.get(0);
            var b = pending.get(1);
            k.publish(a, "status", state("busy"));
            k.publish(b, "status", state("busy"));
            k.publish(b, "stream", stream("b"));
            k.publish(a, "stream", stream("a"));
            k.reply(from, b, "execute_reply", status("ok"));
            k.publish(b, "status", state("idle"));
            k.reply(from, a, "execute_reply", status("ok"));
            k.publish(a, "status", state("idle"));
        };
        try (var kernel = new FakeKernel(interleaved);
                var client = ready(kernel)) {
            var a = client.request("execute_request", WireClient.executeContent("a"));
            var b = client.request("execute_request", WireClient.executeContent("b"));
            client.sendShell(a);
            client.sendShell(b);
            // a's answer comes last; b's messages read while waiting for it are kept for b.
            var first = client.awaitShell(a, TIMEOUT);
            var second = client.awaitShell(b, TIMEOUT);
            assertEquals("a", first.streamText("stdout"));
            assertEquals(a.id(), first.reply().parentId());
            assertEquals(List.of("status:busy", "stream", "status:idle"), types(first.iopub()));
            assertEquals("b", second.streamText("stdout"));
            assertEquals(b.id(), second.reply().parentId());
            assertEquals(List.of("status:busy", "stream", "status:idle"), types(second.iopub()));
        }
    }

    @Test
    void aCellReadingInputIsAnsweredOnStdinUnderTheInputRequestsHeader() throws Exception {
        FakeKernel.Script asks = (k, from, request) -> {
            k.publish(request, "status", state("busy"));
            // Addressed like the request: shell and stdin share the client's identity.
            var prompt = new JsonObject();
            prompt.addProperty("prompt", "name? ");
            prompt.addProperty("password", false);
            var ask = Message.create("fake", "input_request", request, prompt);
            k.send(k.stdin(), ask);
            var answer = k.receive(k.stdin(), 5000);
            var result = new JsonObject();
            var data = new JsonObject();
            data.addProperty(
                    "text/plain",
                    answer.content().get("value").getAsString() + " / "
                            + answer.parentId().equals(ask.id()));
            result.add("data", data);
            k.publish(request, "execute_result", result);
            k.reply(from, request, "execute_reply", status("ok"));
            k.publish(request, "status", state("idle"));
        };
        try (var kernel = new FakeKernel(asks);
                var client = ready(kernel)) {
            var cell = client.request("execute_request", WireClient.executeContent("read()"));
            client.sendShell(cell);
            var ask = client.answerInput("ada", TIMEOUT);
            assertNotNull(ask, () -> "no input_request; kernel failures: " + kernel.failures);
            assertEquals("input_request", ask.type());
            assertEquals(cell.id(), ask.parentId());
            assertEquals("ada / true", client.awaitShell(cell, TIMEOUT).resultText());
        }
    }

    @Test
    void aControlExchangeIsReadFromControl() throws Exception {
        FakeKernel.Script interrupts = (k, from, request) -> {
            k.publish(request, "status", state("busy"));
            k.reply(from, request, "interrupt_reply", status("ok"));
            k.publish(request, "status", state("idle"));
        };
        try (var kernel = new FakeKernel(interrupts);
                var client = ready(kernel)) {
            var interrupt = client.control(client.request("interrupt_request", new JsonObject()), TIMEOUT);
            assertEquals("interrupt_reply", interrupt.reply().type());
            assertEquals("ok", interrupt.status());
            assertNull(client.nextShell(0), "nothing came on shell");
        }
    }

    @Test
    void aMessageLookedForByContentLeavesThoseItPassesForTheirRequest() throws Exception {
        FakeKernel.Script comm = (k, from, request) -> {
            k.publish(request, "status", state("busy"));
            k.publish(request, "stream", stream("one"));
            k.publish(request, "stream", stream("two"));
            k.publish(request, "status", state("idle"));
        };
        try (var kernel = new FakeKernel(comm);
                var client = ready(kernel)) {
            var message = client.request("comm_msg", new JsonObject());
            client.sendShell(message);
            var two = client.awaitIopub(
                    m -> m.type().equals("stream")
                            && m.content().get("text").getAsString().equals("two"),
                    TIMEOUT);
            assertNotNull(two);
            var rest = client.iopubUntilIdle(message.id(), TIMEOUT);
            assertEquals(List.of("status:busy", "stream", "status:idle"), types(rest));
            assertEquals("one", rest.get(1).content().get("text").getAsString());
        }
    }

    @Test
    void aRequestWhoseIdleNeverComesTimesOut() throws Exception {
        FakeKernel.Script hangs = (k, from, request) -> k.publish(request, "status", state("busy"));
        try (var kernel = new FakeKernel(hangs);
                var client = ready(kernel)) {
            var cell = client.request("execute_request", WireClient.executeContent("while (true);"));
            client.sendShell(cell);
            var noIdle = assertThrows(IllegalStateException.class, () -> client.iopubUntilIdle(cell.id(), 300));
            assertTrue(noIdle.getMessage().startsWith("no idle status for request " + cell.id() + " within 300 ms"));
            assertNull(client.awaitShellReply(cell.id(), 100));
            var noAnswer = assertThrows(IllegalStateException.class, () -> client.awaitShell(cell, 300));
            assertEquals(
                    "no complete answer to execute_request within 300 ms (reply false, idle false)",
                    noAnswer.getMessage());
        }
    }
}
