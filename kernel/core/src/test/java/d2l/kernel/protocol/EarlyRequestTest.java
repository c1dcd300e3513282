package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import d2l.kernel.client.WireClient;
import d2l.kernel.eval.Session;
import d2l.kernel.eval.SessionConfig;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A front end may send its first request before the kernel's sockets are bound, or the instant they
 * are, while the Java session is still starting. ZeroMQ queues such a request (on the client until
 * the connection is up, then in the kernel's ROUTER until the shell thread reads it), so it must be
 * answered, never lost: kernel_info at once, an execute_request once the session is up.
 */
// A lost request can leave the sockets' threads blocked; fail instead of hanging the build.
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EarlyRequestTest {
    private final ConnectionInfo connection;
    private final WireClient client;
    private final CompletableFuture<Session> session = new CompletableFuture<>();
    private final KernelServer server;

    EarlyRequestTest() throws Exception {
        connection = ConnectionInfo.fresh();
        server = new KernelServer(connection);
        // Connected before the kernel binds its ports: ZeroMQ holds what it sends until they are.
        client = new WireClient(connection);
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
        if (session.isDone()) session.join().close();
    }

    @Test
    void kernelInfoSentBeforeThePortsAreBoundIsAnswered() {
        var request = client.request("kernel_info_request", new JsonObject());
        client.sendShell(request);
        server.start(new Handlers(session));
        assertAnswers(request, "kernel_info_reply", 10_000);
    }

    @Test
    void kernelInfoSentTheInstantThePortsAreBoundIsAnsweredWhileTheSessionStarts() {
        server.start(new Handlers(session));
        var request = client.request("kernel_info_request", new JsonObject());
        client.sendShell(request);
        assertAnswers(request, "kernel_info_reply", 10_000);
    }

    @Test
    void cellSentBeforeTheSessionIsUpRunsOnceItIs() {
        server.start(new Handlers(session));
        var cell = client.request("execute_request", WireClient.executeContent("40 + 2"));
        var info = client.request("kernel_info_request", new JsonObject());
        client.sendShell(cell);
        client.sendShell(info);
        // Nothing can answer the cell yet; it waits in the queue, and the request behind it too.
        assertEquals(null, client.nextShell(300));
        session.complete(Session.start(SessionConfig.fromEnvironment(java.util.Map.of())));
        var reply = assertAnswers(cell, "execute_reply", 60_000);
        assertEquals(
                "ok",
                reply.content().get("status").getAsString(),
                reply.content().toString());
        assertAnswers(info, "kernel_info_reply", 10_000);
    }

    private Message assertAnswers(Message request, String type, long timeoutMillis) {
        var reply = client.nextShell(timeoutMillis);
        assertNotNull(reply, "no answer to " + request.type() + " within " + timeoutMillis + " ms");
        assertEquals(type, reply.type());
        assertEquals(request.id(), reply.parentId());
        return reply;
    }
}
