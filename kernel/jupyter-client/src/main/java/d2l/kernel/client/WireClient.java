package d2l.kernel.client;

import com.google.gson.JsonObject;
import d2l.kernel.protocol.ConnectionInfo;
import d2l.kernel.protocol.Message;
import d2l.kernel.protocol.Signer;
import d2l.kernel.protocol.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter front end over ZeroMQ: signs requests, checks the signature of everything it
 * receives, and reads shell and iopub. It frames and signs with the same {@link Wire} and
 * {@link Signer} as the kernel; the Jupyter project's own client checks both sides independently
 * (the front-end integration tests).
 */
public final class WireClient implements AutoCloseable {
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final Wire wire;
    private final String session = UUID.randomUUID().toString();
    private final String heartbeatAddress;

    public WireClient(ConnectionInfo connection) {
        wire = new Wire(new Signer(connection.key()));
        shell = ClientSockets.create(context, SocketType.DEALER);
        shell.connect(connection.endpoint(connection.shellPort()));
        control = ClientSockets.create(context, SocketType.DEALER);
        control.connect(connection.endpoint(connection.controlPort()));
        iopub = ClientSockets.create(context, SocketType.SUB);
        iopub.subscribe(new byte[0]);
        iopub.connect(connection.endpoint(connection.iopubPort()));
        heartbeatAddress = connection.endpoint(connection.hbPort());
    }

    /**
     * Waits until the kernel echoes a heartbeat, as front ends do before their first request (a
     * request sent earlier may reach a kernel that is not ready for it). False on timeout.
     */
    public boolean awaitHeartbeat(long timeoutMillis) {
        var deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        var ping = "ping".getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            // A REQ socket that got no answer cannot send again, so every attempt takes a fresh one.
            var socket = ClientSockets.create(context, SocketType.REQ);
            try {
                socket.setLinger(0);
                socket.setReceiveTimeOut(100);
                socket.connect(heartbeatAddress);
                socket.send(ping);
                var echo = socket.recv();
                if (echo != null && MessageDigest.isEqual(echo, ping)) {
                    return true;
                }
            } finally {
                context.destroySocket(socket);
            }
        }
        return false;
    }

    /** The content of an execute_request for {@code code}, as a notebook front end sends it. */
    public static JsonObject executeContent(String code) {
        var content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        return content;
    }

    /** Sends a shell request; returns its msg_id. */
    public String sendShell(String type, JsonObject content) {
        return send(shell, type, content);
    }

    public String sendControl(String type, JsonObject content) {
        return send(control, type, content);
    }

    /** Waits for the shell reply to {@code msgId}; null on timeout. */
    public Message awaitShellReply(String msgId, long timeoutMillis) {
        return awaitOn(shell, msgId, null, timeoutMillis);
    }

    public Message awaitControlReply(String msgId, long timeoutMillis) {
        return awaitOn(control, msgId, null, timeoutMillis);
    }

    /** Waits for the iopub {@code status: idle} that closes request {@code msgId}; false on timeout. */
    public boolean awaitIdle(String msgId, long timeoutMillis) {
        return awaitOn(iopub, msgId, "idle", timeoutMillis) != null;
    }

    /** Collects every iopub message for {@code msgId} up to its idle status (or the timeout). */
    public List<Message> iopubUntilIdle(String msgId, long timeoutMillis) {
        var messages = new ArrayList<Message>();
        var deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            var message = receive(iopub, deadline);
            if (message == null) {
                break;
            }
            if (msgId.equals(message.parentId())) {
                messages.add(message);
                if (isIdle(message)) {
                    break;
                }
            }
        }
        return messages;
    }

    private Message awaitOn(ZMQ.Socket socket, String msgId, String idleState, long timeoutMillis) {
        var deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            var message = receive(socket, deadline);
            if (message == null) {
                return null;
            }
            if (msgId.equals(message.parentId()) && (idleState == null || isIdle(message))) {
                return message;
            }
        }
    }

    private static boolean isIdle(Message message) {
        return message.type().equals("status")
                && message.content().get("execution_state").getAsString().equals("idle");
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content) {
        var message = Message.create(session, type, null, content);
        message.header().addProperty("username", "client");
        var frames = wire.encode(message);
        for (var i = 0; i < frames.size(); i++) {
            if (i < frames.size() - 1) {
                socket.sendMore(frames.get(i));
            } else {
                socket.send(frames.get(i));
            }
        }
        return message.header().get("msg_id").getAsString();
    }

    /** Receives one message before the deadline (null if none), rejecting bad signatures. */
    private Message receive(ZMQ.Socket socket, long deadlineNanos) {
        var remainingMillis = (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
        socket.setReceiveTimeOut(remainingMillis);
        var frames = new ArrayList<byte[]>();
        var first = socket.recv();
        if (first == null) {
            return null;
        }
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        try {
            return wire.decode(frames);
        } catch (Wire.BadMessage e) {
            throw new IllegalStateException("kernel sent a message the client rejects: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
