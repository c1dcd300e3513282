package d2l.kernel.client;

import com.google.gson.JsonObject;
import d2l.kernel.protocol.ConnectionInfo;
import d2l.kernel.protocol.Message;
import d2l.kernel.protocol.Signer;
import d2l.kernel.protocol.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A Jupyter front end over ZeroMQ: the warm-up's, the kernel benchmark's and the kernel tests'. It
 * connects to the kernel's shell, control, stdin, iopub and heartbeat ports, signs what it sends and
 * checks the signature of everything it receives, with the same {@link Wire} and {@link Signer} as
 * the kernel (the Jupyter project's own clients check both sides independently: the front-end
 * integration tests).
 *
 * <p>Messages are matched to requests by their parent's msg_id. A wait for one request's message
 * keeps every message of another request it reads on the way, for a later wait (up to
 * {@value #KEPT_LIMIT} per channel, the oldest dropped first), so requests may overlap: a cell, a comm
 * message sent while it runs, an interrupt on control. Methods that return one message return null
 * when it does not come in time; those that collect a request's whole answer ({@link Exchange}, or
 * its IOPub messages up to idle) throw {@link IllegalStateException}. A message with a bad signature
 * throws {@link IllegalStateException} too. Not thread-safe: one thread drives a client.
 */
public final class WireClient implements AutoCloseable {
    /** Messages of other requests kept per channel; beyond this the oldest are dropped. */
    static final int KEPT_LIMIT = 10_000;

    /** How long {@link #awaitReady} waits for one probe's idle status before it sends another. */
    private static final long READY_PROBE_MILLIS = 200;

    private final ZContext context = new ZContext();
    private final Wire wire;
    private final String session = UUID.randomUUID().toString();
    private final Channel shell;
    private final Channel control;
    private final Channel stdin;
    private final Channel iopub;
    private final String heartbeatAddress;

    /** A request's reply and everything it caused on IOPub, up to its {@code status: idle}. */
    public record Exchange(Message reply, List<Message> iopub) {
        /** The IOPub messages of {@code type}, in order. */
        public List<Message> ofType(String type) {
            return iopub.stream().filter(m -> m.type().equals(type)).toList();
        }

        /** The text of the {@code name} stream ("stdout", "stderr"), its messages joined. */
        public String streamText(String name) {
            var text = new StringBuilder();
            for (var m : ofType("stream")) {
                if (m.content().get("name").getAsString().equals(name)) {
                    text.append(m.content().get("text").getAsString());
                }
            }
            return text.toString();
        }

        /** The {@code text/plain} of the cell's execute_result; null if it had none. */
        public String resultText() {
            var results = ofType("execute_result");
            return results.isEmpty()
                    ? null
                    : results.get(0)
                            .content()
                            .getAsJsonObject("data")
                            .get("text/plain")
                            .getAsString();
        }

        /** The reply's status: "ok", "error" or "aborted". */
        public String status() {
            return reply.content().get("status").getAsString();
        }
    }

    /**
     * Connects to the kernel {@code connection} describes; the kernel need not be up yet (ZeroMQ
     * queues what is sent until it is). Shell and stdin share one identity, as in jupyter_client,
     * so the kernel's input requests reach this client.
     */
    public WireClient(ConnectionInfo connection) {
        wire = new Wire(new Signer(connection.key()));
        var identity = session.getBytes(StandardCharsets.UTF_8);
        shell = new Channel(connect(SocketType.DEALER, connection, connection.shellPort(), identity));
        stdin = new Channel(connect(SocketType.DEALER, connection, connection.stdinPort(), identity));
        control = new Channel(connect(SocketType.DEALER, connection, connection.controlPort(), null));
        var sub = ClientSockets.create(context, SocketType.SUB);
        sub.setLinger(0);
        sub.subscribe(new byte[0]);
        sub.connect(connection.endpoint(connection.iopubPort()));
        iopub = new Channel(sub);
        heartbeatAddress = connection.endpoint(connection.hbPort());
    }

    private ZMQ.Socket connect(SocketType type, ConnectionInfo connection, int port, byte[] identity) {
        var socket = ClientSockets.create(context, type);
        if (identity != null) {
            socket.setIdentity(identity);
        }
        socket.setLinger(0);
        socket.connect(connection.endpoint(port));
        return socket;
    }

    // ---- Being sure the kernel listens

    /**
     * Waits until the kernel echoes a heartbeat, as front ends do before their first request (a
     * request sent earlier may reach a kernel that is not ready for it). False on timeout.
     */
    public boolean awaitHeartbeat(long timeoutMillis) {
        var deadline = deadline(timeoutMillis);
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

    /**
     * Ready as jupyter_client judges it: a kernel_info_reply on shell, then kernel_info requests
     * until one's idle status comes through IOPub. A SUB socket receives only once its subscription
     * has reached the kernel, so the first requests' status messages may be lost; after this the
     * next request's are certain to arrive. False if the kernel is not ready within the timeout.
     */
    public boolean awaitReady(long timeoutMillis) {
        var deadline = deadline(timeoutMillis);
        if (awaitShellReply(sendShell("kernel_info_request", new JsonObject()), timeoutMillis) == null) {
            return false;
        }
        while (System.nanoTime() < deadline) {
            var probe = sendShell("kernel_info_request", new JsonObject());
            if (awaitShellReply(probe, millisLeft(deadline)) == null) {
                return false;
            }
            if (awaitIdle(probe, Math.min(READY_PROBE_MILLIS, millisLeft(deadline)))) {
                return true;
            }
        }
        return false;
    }

    // ---- Requests

    /** A new request of {@code type} in this client's session, to send on shell or control. */
    public Message request(String type, JsonObject content) {
        var message = Message.create(session, type, null, content);
        message.header().addProperty("username", "client");
        return message;
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

    /** Sends a new shell request; returns its msg_id. */
    public String sendShell(String type, JsonObject content) {
        var message = request(type, content);
        sendShell(message);
        return message.id();
    }

    /** Sends a new control request (interrupt, shutdown, debug); returns its msg_id. */
    public String sendControl(String type, JsonObject content) {
        var message = request(type, content);
        sendControl(message);
        return message.id();
    }

    /** Sends {@code request} on shell, for example one built by {@link #request}. */
    public void sendShell(Message request) {
        send(shell.socket, request);
    }

    public void sendControl(Message request) {
        send(control.socket, request);
    }

    // ---- Whole answers

    /** Runs {@code code} as a notebook would: its reply and IOPub messages up to idle. */
    public Exchange execute(String code, long timeoutMillis) {
        return shell(request("execute_request", executeContent(code)), timeoutMillis);
    }

    /** Sends {@code request} on shell and waits for its whole answer (reply and IOPub up to idle). */
    public Exchange shell(Message request, long timeoutMillis) {
        sendShell(request);
        return awaitShell(request, timeoutMillis);
    }

    /** Sends {@code request} on control and waits for its whole answer (reply and IOPub up to idle). */
    public Exchange control(Message request, long timeoutMillis) {
        sendControl(request);
        return awaitControl(request, timeoutMillis);
    }

    /** The whole answer to {@code request}, already sent on shell. */
    public Exchange awaitShell(Message request, long timeoutMillis) {
        return awaitExchange(shell, request, timeoutMillis);
    }

    /** The whole answer to {@code request}, already sent on control. */
    public Exchange awaitControl(Message request, long timeoutMillis) {
        return awaitExchange(control, request, timeoutMillis);
    }

    private Exchange awaitExchange(Channel replies, Message request, long timeoutMillis) {
        // The kernel sends the reply before it publishes idle, but on another socket; neither is lost
        // while the client reads the other, so it reads IOPub to idle, then the reply.
        var deadline = deadline(timeoutMillis);
        var published = new ArrayList<Message>();
        var idle = collectUntilIdle(request.id(), deadline, published);
        var reply = replies.await(answers(request.id()), deadline);
        if (reply == null || !idle) {
            throw new IllegalStateException("no complete answer to " + request.type() + " within " + timeoutMillis
                    + " ms (reply " + (reply != null) + ", idle " + idle + ")");
        }
        return new Exchange(reply, published);
    }

    // ---- Single messages

    /** Waits for the shell reply to {@code msgId}; null on timeout. */
    public Message awaitShellReply(String msgId, long timeoutMillis) {
        return shell.await(answers(msgId), deadline(timeoutMillis));
    }

    /** Waits for the control reply to {@code msgId}; null on timeout. */
    public Message awaitControlReply(String msgId, long timeoutMillis) {
        return control.await(answers(msgId), deadline(timeoutMillis));
    }

    /** The next message on shell, whatever it answers; null if none comes within the timeout. */
    public Message nextShell(long timeoutMillis) {
        return shell.await(m -> true, deadline(timeoutMillis));
    }

    /** Waits for the iopub {@code status: idle} that closes request {@code msgId}; false on timeout. */
    public boolean awaitIdle(String msgId, long timeoutMillis) {
        return collectUntilIdle(msgId, deadline(timeoutMillis), null);
    }

    /**
     * Every IOPub message of request {@code msgId} up to and with its {@code status: idle}: for
     * requests that get no reply (comm_open, comm_msg, comm_close). Throws if idle does not come.
     */
    public List<Message> iopubUntilIdle(String msgId, long timeoutMillis) {
        var published = new ArrayList<Message>();
        if (!collectUntilIdle(msgId, deadline(timeoutMillis), published)) {
            throw new IllegalStateException("no idle status for request " + msgId + " within " + timeoutMillis + " ms; "
                    + published.size() + " message(s) before the timeout");
        }
        return published;
    }

    /** The IOPub message of {@code type} that request {@code msgId} caused; null on timeout. */
    public Message awaitIopub(String msgId, String type, long timeoutMillis) {
        return awaitIopub(m -> msgId.equals(m.parentId()) && m.type().equals(type), timeoutMillis);
    }

    /**
     * The first IOPub message {@code wanted} accepts, kept ones first; null on timeout. Messages it
     * passes over are kept, whichever request they belong to.
     */
    public Message awaitIopub(Predicate<Message> wanted, long timeoutMillis) {
        return iopub.await(wanted, deadline(timeoutMillis));
    }

    /** Reads request {@code msgId}'s IOPub messages up to its idle status into {@code into} (if not null). */
    private boolean collectUntilIdle(String msgId, long deadline, List<Message> into) {
        while (true) {
            var message = iopub.await(answers(msgId), deadline);
            if (message == null) {
                return false;
            }
            if (into != null) {
                into.add(message);
            }
            if (isIdle(message)) {
                return true;
            }
        }
    }

    // ---- Standard input

    /** The kernel's next input_request (a cell reading System.in); null on timeout. */
    public Message awaitInputRequest(long timeoutMillis) {
        return stdin.await(m -> true, deadline(timeoutMillis));
    }

    /**
     * Sends an input_reply with {@code parentHeader} as its parent: the input_request's header, as
     * JupyterLab sends it, or an empty one, as jupyter_client's {@code KernelClient.input()} does.
     */
    public void sendInputReply(String value, JsonObject parentHeader) {
        var content = new JsonObject();
        content.addProperty("value", value);
        var header = request("input_reply", content).header();
        send(stdin.socket, new Message(List.of(), header, parentHeader, new JsonObject(), content, List.of()));
    }

    /** Waits for the kernel's input_request and answers it with {@code value}; the request, or null. */
    public Message answerInput(String value, long timeoutMillis) {
        var ask = awaitInputRequest(timeoutMillis);
        if (ask != null) {
            sendInputReply(value, ask.header());
        }
        return ask;
    }

    // ---- Wire

    private static Predicate<Message> answers(String msgId) {
        return m -> msgId.equals(m.parentId());
    }

    private static boolean isIdle(Message message) {
        return message.type().equals("status")
                && message.content().get("execution_state").getAsString().equals("idle");
    }

    private static long deadline(long timeoutMillis) {
        return System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000;
    }

    private static long millisLeft(long deadlineNanos) {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    private void send(ZMQ.Socket socket, Message message) {
        var frames = wire.encode(message);
        for (var i = 0; i < frames.size(); i++) {
            if (i < frames.size() - 1) {
                socket.sendMore(frames.get(i));
            } else {
                socket.send(frames.get(i));
            }
        }
    }

    /** Receives one message before the deadline (null if none), rejecting bad signatures. */
    private Message receive(ZMQ.Socket socket, long deadlineNanos) {
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, millisLeft(deadlineNanos)));
        var first = socket.recv();
        if (first == null) {
            return null;
        }
        var frames = new ArrayList<byte[]>();
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

    /** One socket, and the messages read from it that a wait passed over, for a later wait. */
    private final class Channel {
        final ZMQ.Socket socket;
        private final Deque<Message> kept = new ArrayDeque<>();

        Channel(ZMQ.Socket socket) {
            this.socket = socket;
        }

        /** The first message {@code wanted} accepts, kept ones first; the others read are kept. */
        Message await(Predicate<Message> wanted, long deadlineNanos) {
            for (var it = kept.iterator(); it.hasNext(); ) {
                var message = it.next();
                if (wanted.test(message)) {
                    it.remove();
                    return message;
                }
            }
            while (true) {
                var message = receive(socket, deadlineNanos);
                if (message == null || wanted.test(message)) {
                    return message;
                }
                if (kept.size() == KEPT_LIMIT) {
                    kept.removeFirst();
                }
                kept.addLast(message);
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
