package d2l.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import d2l.kernel.eval.KernelThreads;
import d2l.kernel.eval.Stdio;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The kernel's five sockets and the threads that serve them. Control has a thread blocked in
 * {@code recv} that handles each request itself (interrupt and shutdown come through while a cell
 * runs). Shell has a loop that owns the shell socket: it receives requests and hands them on, and
 * sends the replies that the workers give back to it (see {@link #onShellThread}). Comm messages
 * from the front end ({@code comm_open}, {@code comm_msg}, {@code comm_close}) run on one comm
 * thread, every other shell request on one worker thread:
 *
 * <ul>
 *   <li>each kind runs in the order received;
 *   <li>a shell request waits for the comm messages received before it (a {@code comm_msg} then an
 *       {@code execute_request}: the cell sees the comm's update);
 *   <li>a comm message waits for the shell requests received before it, unless a cell is running:
 *       then it is handled at once (a slider moved while a model trains).
 * </ul>
 *
 * IOPub is shared and guarded by a lock; every request is wrapped in busy/idle status messages,
 * and a request's idle follows its reply.
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

    /** The shell loop's wake-up: any thread sends a byte on {@link #wakeSender} (under its lock) after adding to the outbox. */
    private ZMQ.Socket wakeReceiver;

    private ZMQ.Socket wakeSender;
    private final Object wakeLock = new Object();
    /** Work for the shell loop's thread: sending replies (router sockets belong to their thread) and idle statuses. */
    private final Queue<Runnable> outbox = new ConcurrentLinkedQueue<>();

    private final ExecutorService shellWorker =
            Executors.newSingleThreadExecutor(KernelThreads.factory("shell-worker"));
    private final ExecutorService commWorker = Executors.newSingleThreadExecutor(KernelThreads.factory("comm"));
    /** Done when every shell request received so far is; only the shell loop reads and replaces it. */
    private CompletableFuture<Void> lastShell = CompletableFuture.completedFuture(null);
    /** Done when every comm message received so far is; only the shell loop reads and replaces it. */
    private CompletableFuture<Void> lastComm = CompletableFuture.completedFuture(null);
    /** Completed when a cell starts; a fresh one is put in its place when the cell ends. */
    private final AtomicReference<CompletableFuture<Void>> cellStart = new AtomicReference<>(new CompletableFuture<>());
    /** Requests received on shell, counted by the shell loop. */
    private final AtomicLong received = new AtomicLong();
    /** Queued shell requests up to this count are aborted ({@code stop_on_error} after a failed cell). */
    private volatile long abortThrough;

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
        String wake = "inproc://shell-wake-" + session;
        wakeReceiver = context.socket(SocketType.PULL);
        wakeReceiver.bind(wake);
        wakeSender = context.socket(SocketType.PUSH);
        wakeSender.setLinger(0);
        wakeSender.connect(wake);
        daemon("heartbeat", heartbeat, () -> echo(heartbeat));
        daemon("control", control, () -> serve(control));
        daemon("shell", shell, this::serveShell);
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
        synchronized (wakeLock) {
            if (wakeSender != null) wakeSender.close();
            wakeSender = null;
        }
        shellWorker.shutdownNow();
        commWorker.shutdownNow();
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

    /** Control: each request handled on this thread as it comes. */
    private void serve(ZMQ.Socket socket) {
        var channel = new Channel(socket, true);
        try {
            while (running) {
                var frames = receive(socket, 0);
                if (frames == null) return;
                var request = decode(frames);
                if (request != null) serveRequest(channel, request, false);
            }
        } catch (ZMQException e) {
            // Context terminated by close().
        }
    }

    /**
     * Shell: receives requests and hands them to the workers, and runs what the workers hand back
     * (replies, idle statuses) from the outbox. Ends when close() terminates the context.
     */
    private void serveShell() {
        var channel = shellChannel();
        var poller = context.poller(2);
        try {
            poller.register(shell, ZMQ.Poller.POLLIN);
            poller.register(wakeReceiver, ZMQ.Poller.POLLIN);
            while (true) {
                poller.poll(-1);
                while (wakeReceiver.recv(ZMQ.DONTWAIT) != null) {
                    // Each byte only says "look at the outbox".
                }
                runOutbox();
                List<byte[]> frames;
                while ((frames = receive(shell, ZMQ.DONTWAIT)) != null) dispatch(channel, frames);
            }
        } catch (ZMQException e) {
            // Context terminated by close().
        } finally {
            try {
                poller.close();
            } catch (RuntimeException e) {
                // The context is gone already.
            }
            wakeReceiver.close();
        }
    }

    /** Replies through it are sent by the shell loop, whichever thread makes them. */
    private Channel shellChannel() {
        return new Channel(shell, false);
    }

    private void runOutbox() {
        Runnable work;
        while ((work = outbox.poll()) != null) work.run();
    }

    /** Has the shell loop's thread run {@code work}, after what was handed to it before. */
    private void onShellThread(Runnable work) {
        outbox.add(work);
        synchronized (wakeLock) {
            if (wakeSender != null) wakeSender.send(new byte[0], ZMQ.DONTWAIT);
        }
    }

    /** Queues one shell request in the order the class comment describes; on the shell loop's thread. */
    private void dispatch(Channel channel, List<byte[]> frames) {
        var request = decode(frames);
        if (request == null) return;
        if (!running) {
            Stdio.log().println("Ignored a " + request.type() + " that came after the shutdown request");
            return;
        }
        long number = received.incrementAndGet();
        if (isComm(request.type())) {
            var earlierShellWorkOrACell = CompletableFuture.anyOf(lastShell, cellStart.get());
            lastComm = CompletableFuture.allOf(lastComm, earlierShellWorkOrACell)
                    .thenRunAsync(() -> serveRequest(channel, request, false), commWorker);
        } else {
            lastShell = CompletableFuture.allOf(lastShell, lastComm)
                    .thenRunAsync(() -> serveShellRequest(channel, request, number), shellWorker);
        }
    }

    static boolean isComm(String type) {
        return type.equals("comm_open") || type.equals("comm_msg") || type.equals("comm_close");
    }

    /** On the worker: a shell request, aborted if a failed cell asked so, with the cell's start and end marked. */
    private void serveShellRequest(Channel channel, Message request, long number) {
        boolean cell = request.type().equals("execute_request");
        if (cell) cellStart.get().complete(null);
        try {
            serveRequest(channel, request, number <= abortThrough);
        } finally {
            if (cell) cellStart.set(new CompletableFuture<>());
        }
    }

    /**
     * Marks every request received on shell so far, and those still waiting in the socket, as
     * aborted; waits for the shell loop to take them in.
     */
    void abortQueued() {
        var taken = new CompletableFuture<Void>();
        onShellThread(() -> {
            var channel = shellChannel();
            List<byte[]> frames;
            while ((frames = receive(shell, ZMQ.DONTWAIT)) != null) dispatch(channel, frames);
            abortThrough = received.get();
            taken.complete(null);
        });
        try {
            taken.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Stdio.log().println("Could not abort the queued requests: " + e);
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

    private Message decode(List<byte[]> frames) {
        try {
            return wire.decode(frames);
        } catch (Wire.BadMessage e) {
            Stdio.log().println("Dropped a message: " + e.getMessage());
            return null;
        }
    }

    /** One request between busy and idle; {@code abort}: answered by {@link RequestHandler#abort}. */
    private void serveRequest(Channel channel, Message request, boolean abort) {
        publish("status", request, status("busy"));
        try {
            if (abort) {
                handlers.abort(channel, request);
            } else {
                handlers.handle(channel, request);
            }
        } catch (Throwable e) {
            // An error must not end a serving thread, nor break the order of the requests after it.
            Stdio.log().println("Error handling " + request.type() + ": " + e);
            e.printStackTrace(Stdio.log());
            replyWithError(channel, request, e);
        } finally {
            channel.afterReplies(() -> {
                publish("status", request, status("idle"));
                if (!running) stopped.countDown();
            });
        }
    }

    /** A request must never go unanswered: the client would wait forever. */
    private void replyWithError(Channel channel, Message request, Throwable e) {
        String type = request.type();
        if (!type.endsWith("_request")) return;
        var content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("ename", e.getClass().getSimpleName());
        content.addProperty("evalue", String.valueOf(e.getMessage()));
        var traceback = new com.google.gson.JsonArray();
        traceback.add("Kernel error: " + e);
        content.add("traceback", traceback);
        channel.reply(request, type.replace("_request", "_reply"), content);
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
            var reply = Message.create(session, type, request, content);
            // Router sockets belong to their serving thread: shell replies are sent by the shell loop.
            if (isControl) {
                send(socket, reply);
            } else {
                onShellThread(() -> send(socket, reply));
            }
        }

        /** Runs {@code work} once the replies sent so far are out. */
        void afterReplies(Runnable work) {
            if (isControl) {
                work.run();
            } else {
                onShellThread(work);
            }
        }

        @Override
        public void publish(String type, Message parent, JsonObject content) {
            KernelServer.this.publish(type, parent, content);
        }

        @Override
        public void publish(
                String type, Message parent, JsonObject content, JsonObject metadata, List<byte[]> buffers) {
            KernelServer.this.publish(type, parent, content, metadata, buffers);
        }

        @Override
        public String requestInput(Message request, String prompt) {
            return KernelServer.this.requestInput(request, prompt);
        }

        @Override
        public void abortQueued() {
            KernelServer.this.abortQueued();
        }

        @Override
        public void shutdown() {
            KernelServer.this.shutdown();
        }
    }

    void publish(String type, Message parent, JsonObject content) {
        publish(type, parent, content, new JsonObject(), List.of());
    }

    /** Publishes on IOPub from any thread; {@code buffers} travel as the message's binary frames. */
    void publish(String type, Message parent, JsonObject content, JsonObject metadata, List<byte[]> buffers) {
        var message = Message.create(session, type, parent, content);
        var frames = new ArrayList<byte[]>();
        frames.add(type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        frames.addAll(wire.encode(new Message(
                List.of(), message.header(), message.parentHeader(), metadata, message.content(), buffers)));
        synchronized (iopubLock) {
            if (iopub != null) sendFrames(iopub, frames);
        }
    }

    private void send(ZMQ.Socket socket, Message message) {
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
