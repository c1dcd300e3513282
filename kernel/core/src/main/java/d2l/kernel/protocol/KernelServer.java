package d2l.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import d2l.kernel.eval.Stdio;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's five sockets and the threads that serve them. Shell and control each have a thread
 * blocked in {@code recv} (no polling delay), so an interrupt on control is handled while a cell
 * runs on the shell thread. IOPub is shared and guarded by a lock; every request is wrapped in
 * busy/idle status messages.
 *
 * <p>A ZeroMQ socket must be closed by the thread that uses it: closing one from another thread
 * while its owner is blocked in {@code recv} (as {@code ZContext.close} does) can leave the context
 * waiting forever for it. So {@link #close} terminates the context, which wakes every blocked
 * {@code recv} with ETERM, and each serving thread closes its own socket on the way out.
 */
public final class KernelServer {
    static final Gson GSON = new Gson();

    private final ConnectionInfo connection;
    private final Wire wire;
    private final String session = UUID.randomUUID().toString();
    private final ZMQ.Context context = ZMQ.context(1);
    /** Guards iopub, used by every thread that publishes, and its closing. */
    private final Object iopubLock = new Object();
    /** Guards stdin, used by the running cell's thread, and its closing. */
    private final Object stdinLock = new Object();
    /** Bound and not yet handed to a serving thread, for closing them if a later bind fails. */
    private final List<ZMQ.Socket> bound = new ArrayList<>();
    /** The Unix domain sockets of the ipc transport, one per channel; empty under tcp. */
    private final List<IpcRelay> relays = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final CountDownLatch stopped = new CountDownLatch(1);
    private ZMQ.Socket iopub;
    private ZMQ.Socket shell;
    private ZMQ.Socket control;
    /** Used only by the thread of the running cell, one cell at a time; null once closed. */
    private ZMQ.Socket stdin;

    private RequestHandler handlers;
    private volatile boolean running = true;

    public KernelServer(ConnectionInfo connection) {
        this.connection = connection;
        this.wire = new Wire(new Signer(connection.key()));
    }

    /**
     * A port from the connection file could not be bound, typically because another process took
     * it between the front end choosing it and the kernel starting (many kernels starting at once).
     */
    public static final class BindFailure extends RuntimeException {
        BindFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Binds all sockets and starts serving; returns at once.
     *
     * @throws BindFailure if a port cannot be bound; the sockets bound so far are closed again
     */
    public void start(RequestHandler requestHandlers) {
        this.handlers = requestHandlers;
        shell = bind(SocketType.ROUTER, "shell", connection.shellPort());
        control = bind(SocketType.ROUTER, "control", connection.controlPort());
        iopub = bind(SocketType.PUB, "iopub", connection.iopubPort());
        stdin = bind(SocketType.ROUTER, "stdin", connection.stdinPort());
        var heartbeat = bind(SocketType.REP, "heartbeat", connection.hbPort());
        bound.clear();
        daemon("heartbeat", heartbeat, () -> echo(heartbeat));
        daemon("control", control, () -> serve(control));
        daemon("shell", shell, () -> serve(shell));
        publish("status", null, status("starting"));
    }

    /** Blocks until a shutdown request was answered. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    public String session() {
        return session;
    }

    /** Ends serving once the current request's reply and idle status are out. */
    void shutdown() {
        running = false;
    }

    /**
     * Stops serving and releases the ports. Returns once every socket is closed, which waits for a
     * request being handled right now to finish.
     */
    public void close() {
        running = false;
        relays.forEach(IpcRelay::close);
        synchronized (iopubLock) {
            if (iopub != null) iopub.close();
            iopub = null;
        }
        synchronized (stdinLock) {
            if (stdin != null) stdin.close();
            stdin = null;
        }
        context.term();
    }

    private ZMQ.Socket bind(SocketType type, String name, int port) {
        var socket = context.socket(type);
        socket.setLinger(1000);
        String endpoint = connection.endpoint(port);
        try {
            if (connection.isIpc()) {
                // JeroMQ on a free loopback port; the relay is the Unix domain socket front ends reach.
                int tcpPort = socket.bindToRandomPort("tcp://127.0.0.1");
                relays.add(new IpcRelay(connection.ipcPath(port), tcpPort, name));
            } else {
                socket.bind(endpoint);
            }
        } catch (ZMQException e) {
            socket.close();
            abandonBinding();
            throw new BindFailure(bindMessage(name, port, endpoint, e), e);
        } catch (java.io.IOException | RuntimeException e) {
            socket.close();
            abandonBinding();
            throw new BindFailure(ipcMessage(name, connection.ipcPath(port), e), e);
        }
        bound.add(socket);
        return socket;
    }

    /** Closes what was bound so far, after a later bind failed. */
    private void abandonBinding() {
        bound.forEach(ZMQ.Socket::close);
        bound.clear();
        relays.forEach(IpcRelay::close);
        relays.clear();
        context.term();
    }

    /**
     * Under the ipc transport, fails at once for a socket path that cannot work: longer than a Unix
     * domain socket address holds (108 bytes on Linux, 104 on macOS, with the final zero byte), or
     * in a directory that does not exist.
     *
     * @throws BindFailure naming the path and the transport
     */
    public static void checkIpcPaths(ConnectionInfo connection) {
        if (!connection.isIpc()) return;
        String[] names = {"shell", "iopub", "stdin", "control", "heartbeat"};
        int[] ports = {
            connection.shellPort(),
            connection.iopubPort(),
            connection.stdinPort(),
            connection.controlPort(),
            connection.hbPort()
        };
        for (int i = 0; i < ports.length; i++) {
            var path = connection.ipcPath(ports[i]);
            String problem = null;
            if (path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                problem = "the path is too long";
            } else {
                var parent = path.toAbsolutePath().getParent();
                if (parent != null && !java.nio.file.Files.isDirectory(parent))
                    problem = "its directory " + parent + " does not exist";
            }
            if (problem != null) {
                var e = new java.io.IOException(problem);
                throw new BindFailure(ipcMessage(names[i], path, e), e);
            }
        }
    }

    /** The longest Unix domain socket path every system takes (macOS: 103 bytes and a zero). */
    static final int MAX_SOCKET_PATH = 103;

    /** Why the Unix domain socket of the ipc transport could not be made, and what to do. */
    static String ipcMessage(String name, java.nio.file.Path path, Exception e) {
        String hint = path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH
                ? " The path is " + path.toString().length()
                        + " characters long; Unix domain socket paths are limited to"
                        + " about 100 bytes: set a shorter JUPYTER_RUNTIME_DIR, or use the tcp transport."
                : " Check that its directory exists and is writable, or use the tcp transport.";
        return "Cannot listen on the Unix domain socket " + path + " for the kernel's " + name
                + " channel (transport \"ipc\"): " + e.getMessage() + "." + hint;
    }

    /** Says which port, why, and what lets the front end recover (fresh ports on restart). */
    static String bindMessage(String name, int port, String endpoint, ZMQException e) {
        String reason = e.getErrorCode() == ZMQ.Error.EADDRINUSE.getCode()
                ? "address already in use"
                : String.valueOf(e.getMessage());
        return "Cannot bind the kernel's " + name + " port " + port + " (" + endpoint + "): " + reason + ".\n"
                + "Another process took the port after the front end chose it. The kernel exits so the front end can"
                + " start it again, which helps only if the server then picks new ports: on a hub, use the kernel"
                + " manager d2l_fresh_ports.FreshPortsKernelManager (docs/classroom.md, Route 1).";
    }

    /** Runs {@code body} on a thread that owns {@code socket} and closes it when the body ends. */
    private static void daemon(String name, ZMQ.Socket socket, Runnable body) {
        var thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } finally {
                        socket.close();
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    private void echo(ZMQ.Socket heartbeat) {
        try {
            while (running) {
                byte[] ping = heartbeat.recv();
                if (ping == null) return;
                heartbeat.send(ping);
            }
        } catch (ZMQException e) {
            // Context terminated by close().
        }
    }

    private void serve(ZMQ.Socket socket) {
        try {
            while (running) {
                var frames = receive(socket, 0);
                if (frames == null) return;
                handle(socket, frames);
            }
        } catch (ZMQException e) {
            // Context terminated by close().
        }
    }

    /** Receives one multipart message; null when nothing is waiting (with DONTWAIT) or on close. */
    private static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) return null;
        var frames = new ArrayList<byte[]>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv());
        return frames;
    }

    private void handle(ZMQ.Socket socket, List<byte[]> frames) {
        Message request;
        try {
            request = wire.decode(frames);
        } catch (Wire.BadMessage e) {
            Stdio.log().println("Dropped a message: " + e.getMessage());
            return;
        }
        publish("status", request, status("busy"));
        try {
            handlers.handle(new Channel(socket, socket == control), request);
        } catch (RuntimeException | StackOverflowError | InternalError | OutOfMemoryError e) {
            // An error must not end this thread: nobody would serve the socket again.
            Stdio.log().println("Error handling " + request.type() + ": " + e);
            e.printStackTrace(Stdio.log());
            replyWithError(socket, request, e);
        } finally {
            publish("status", request, status("idle"));
            if (!running) stopped.countDown();
        }
    }

    /** A request must never go unanswered: the client would wait forever. */
    private void replyWithError(ZMQ.Socket socket, Message request, Throwable e) {
        String type = request.type();
        if (!type.endsWith("_request")) return;
        var content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("ename", e.getClass().getSimpleName());
        content.addProperty("evalue", String.valueOf(e.getMessage()));
        var traceback = new com.google.gson.JsonArray();
        traceback.add("Kernel error: " + e);
        content.add("traceback", traceback);
        send(socket, Message.create(session, type.replace("_request", "_reply"), request, content));
    }

    /**
     * Takes the requests already queued on shell without blocking, for aborting them after a
     * failed cell ({@code stop_on_error}).
     */
    List<Message> drainShell() {
        var queued = new ArrayList<Message>();
        List<byte[]> frames;
        while ((frames = receive(shell, ZMQ.DONTWAIT)) != null) {
            try {
                queued.add(wire.decode(frames));
            } catch (Wire.BadMessage e) {
                Stdio.log().println("Dropped a message: " + e.getMessage());
            }
        }
        return queued;
    }

    /**
     * Asks the front end that sent {@code request} for a line of input (input_request on stdin)
     * and waits for its input_reply. Returns null (end of input) if the cell is interrupted.
     */
    String requestInput(Message request, String prompt) {
        var content = new JsonObject();
        content.addProperty("prompt", prompt);
        content.addProperty("password", false);
        var ask = Message.create(session, "input_request", request, content);
        String askId = ask.header().get("msg_id").getAsString();
        synchronized (stdinLock) {
            if (stdin == null) return null;
            send(stdin, ask);
            stdin.setReceiveTimeOut(100); // wake up now and then to notice an interrupt or close()
        }
        while (running && !Thread.currentThread().isInterrupted()) {
            List<byte[]> frames;
            synchronized (stdinLock) {
                if (stdin == null) return null;
                frames = receive(stdin, 0);
            }
            if (frames == null) continue;
            try {
                var reply = wire.decode(frames);
                if (reply.type().equals("input_reply") && answers(reply, askId)) {
                    String value = reply.content().has("value")
                            ? reply.content().get("value").getAsString()
                            : "";
                    // jupyter console sends Ctrl-D (EOF at its prompt) as this character, as ipykernel reads it.
                    return value.equals(END_OF_INPUT) ? null : value;
                }
                Stdio.log()
                        .println("Ignored a " + reply.type() + " on stdin that does not answer the open input_request");
            } catch (Wire.BadMessage e) {
                Stdio.log().println("Dropped a message: " + e.getMessage());
            }
        }
        return null;
    }

    /** What jupyter console sends for Ctrl-D at an input prompt. */
    static final String END_OF_INPUT = "\u0004";

    /**
     * Whether a signed input_reply answers the input_request {@code askId}: its parent header names
     * that request, or it has no parent at all. jupyter_client's {@code KernelClient.input()} (which
     * jupyter console uses) sends the reply without a parent, and ipykernel takes it; one kernel asks
     * for one line at a time, so there is no other request it could answer. A reply naming another
     * request (one that was given up, e.g. by an interrupt) is not taken.
     */
    static boolean answers(Message reply, String askId) {
        var parent = reply.parentHeader();
        if (!parent.has("msg_id")) return parent.size() == 0;
        return parent.get("msg_id").getAsString().equals(askId);
    }

    /** The socket a request came in on, for sending its reply, and the server's services to its handler. */
    final class Channel implements RequestContext {
        private final ZMQ.Socket socket;
        private final boolean isControl;

        Channel(ZMQ.Socket socket, boolean isControl) {
            this.socket = socket;
            this.isControl = isControl;
        }

        @Override
        public boolean isControl() {
            return isControl;
        }

        @Override
        public void reply(Message request, String type, JsonObject content) {
            send(socket, Message.create(session, type, request, content));
        }

        @Override
        public void publish(String type, Message parent, JsonObject content) {
            KernelServer.this.publish(type, parent, content);
        }

        @Override
        public String requestInput(Message request, String prompt) {
            return KernelServer.this.requestInput(request, prompt);
        }

        @Override
        public List<Message> drainShell() {
            return KernelServer.this.drainShell();
        }

        @Override
        public void shutdown() {
            KernelServer.this.shutdown();
        }

        @Override
        public void replay(Message request, Runnable body) {
            publish("status", request, status("busy"));
            try {
                body.run();
            } finally {
                publish("status", request, status("idle"));
            }
        }
    }

    void publish(String type, Message parent, JsonObject content) {
        var message = Message.create(session, type, parent, content);
        var frames = new ArrayList<byte[]>();
        frames.add(type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        frames.addAll(wire.encode(new Message(
                List.of(),
                message.header(),
                message.parentHeader(),
                message.metadata(),
                message.content(),
                List.of())));
        synchronized (iopubLock) {
            if (iopub != null) sendFrames(iopub, frames);
        }
    }

    private void send(ZMQ.Socket socket, Message message) {
        // Router sockets belong to their serving thread; replies are sent from that same thread.
        sendFrames(socket, wire.encode(message));
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    static JsonObject status(String state) {
        var content = new JsonObject();
        content.addProperty("execution_state", state);
        return content;
    }
}
