package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import d2l.kernel.client.ClientSockets;
import d2l.kernel.client.WireClient;
import d2l.kernel.eval.Session;
import d2l.kernel.eval.SessionConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A front end may send its first request before the kernel's sockets are bound, or the instant they
 * are, while the Java session is still starting. ZeroMQ queues such a request (on the client until
 * the connection is up, then in the kernel's ROUTER until the shell thread reads it), so it must be
 * answered, never lost: kernel_info at once, an execute_request once the session is up.
 */
// A lost request can leave the sockets' threads blocked; fail instead of hanging the build.
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EarlyRequestTest {
    private final ConnectionInfo ports;
    private final ConnectionInfo connection;
    private final Wire wire;
    private final ZContext context = new ZContext();
    private final CompletableFuture<Session> session = new CompletableFuture<>();
    private final KernelServer server;

    EarlyRequestTest() throws Exception {
        ports = ConnectionInfo.fresh();
        connection = ports;
        wire = new Wire(new Signer(ports.key()));
        server = new KernelServer(connection);
    }

    @AfterEach
    void stop() {
        server.close();
        context.close();
        if (session.isDone()) session.join().close();
    }

    @Test
    void kernelInfoSentBeforeThePortsAreBoundIsAnswered() {
        var shell = dealer();
        var request = request("kernel_info_request", new JsonObject());
        send(shell, request);
        server.start(new Handlers(session));
        assertAnswers(shell, request, "kernel_info_reply", 10_000);
    }

    @Test
    void kernelInfoSentTheInstantThePortsAreBoundIsAnsweredWhileTheSessionStarts() {
        server.start(new Handlers(session));
        var shell = dealer();
        var request = request("kernel_info_request", new JsonObject());
        send(shell, request);
        assertAnswers(shell, request, "kernel_info_reply", 10_000);
    }

    @Test
    void cellSentBeforeTheSessionIsUpRunsOnceItIs() {
        server.start(new Handlers(session));
        var shell = dealer();
        var cell = request("execute_request", WireClient.executeContent("40 + 2"));
        var info = request("kernel_info_request", new JsonObject());
        send(shell, cell);
        send(shell, info);
        // Nothing can answer the cell yet; it waits in the queue, and the request behind it too.
        assertEquals(null, receive(shell, 300));
        session.complete(Session.start(SessionConfig.fromEnvironment(java.util.Map.of())));
        var reply = assertAnswers(shell, cell, "execute_reply", 60_000);
        assertEquals(
                "ok",
                reply.content().get("status").getAsString(),
                reply.content().toString());
        assertAnswers(shell, info, "kernel_info_reply", 10_000);
    }

    private Message assertAnswers(ZMQ.Socket shell, Message request, String type, long timeoutMillis) {
        var reply = receive(shell, timeoutMillis);
        assertNotNull(reply, "no answer to " + request.type() + " within " + timeoutMillis + " ms");
        assertEquals(type, reply.type());
        assertEquals(request.header().get("msg_id"), reply.parentHeader().get("msg_id"));
        return reply;
    }

    private ZMQ.Socket dealer() {
        var socket = ClientSockets.create(context, SocketType.DEALER);
        socket.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        socket.setLinger(0);
        socket.connect("tcp://127.0.0.1:" + ports.shellPort());
        return socket;
    }

    private static Message request(String type, JsonObject content) {
        var header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", "early-client");
        header.addProperty("username", "test");
        header.addProperty("msg_type", type);
        header.addProperty("version", Message.PROTOCOL_VERSION);
        return new Message(List.of(), header, new JsonObject(), new JsonObject(), content, List.of());
    }

    private void send(ZMQ.Socket socket, Message message) {
        var frames = wire.encode(message);
        for (int i = 0; i < frames.size(); i++) socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }

    private Message receive(ZMQ.Socket socket, long timeoutMillis) {
        socket.setReceiveTimeOut((int) timeoutMillis);
        byte[] first = socket.recv();
        if (first == null) return null;
        var frames = new ArrayList<byte[]>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv());
        try {
            return wire.decode(frames);
        } catch (Wire.BadMessage e) {
            throw new AssertionError("the kernel sent a bad message: " + e.getMessage());
        }
    }
}
