package d2l.kernel.protocol;

import com.google.gson.JsonObject;
import d2l.kernel.client.ClientSockets;
import d2l.kernel.client.WireClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client for tests: launches the kernel as a separate process (any java
 * executable) and talks to it over real ZeroMQ sockets with signed messages.
 */
final class KernelClient implements AutoCloseable {
    /** A request's reply and everything it caused on IOPub (up to its idle status). */
    record Exchange(Message reply, List<Message> iopub) {
        List<Message> ofType(String type) {
            return iopub.stream().filter(m -> m.type().equals(type)).toList();
        }

        String streamText(String name) {
            var text = new StringBuilder();
            for (var m : ofType("stream"))
                if (m.content().get("name").getAsString().equals(name))
                    text.append(m.content().get("text").getAsString());
            return text.toString();
        }

        String resultText() {
            var results = ofType("execute_result");
            return results.isEmpty()
                    ? null
                    : results.get(0)
                            .content()
                            .getAsJsonObject("data")
                            .get("text/plain")
                            .getAsString();
        }

        String status() {
            return reply.content().get("status").getAsString();
        }
    }

    private final ConnectionInfo connection = ConnectionInfo.fresh();
    private final Process process;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket stdin;
    private final Wire wire = new Wire(new Signer(connection.key()));
    private final String session = UUID.randomUUID().toString();
    final Path connectionFile;
    private final List<Message> stashedShell = new ArrayList<>();
    private final List<Message> stashedControl = new ArrayList<>();
    private final List<Message> stashedIopub = new ArrayList<>();

    KernelClient(String javaExecutable) throws Exception {
        this(javaExecutable, List.of(), java.util.Map.of());
    }

    /**
     * Launches the kernel's command line appended to {@code launcher} (empty: the kernel itself is
     * the child; otherwise its standard output is {@link #process()}'s), with extra environment.
     */
    KernelClient(String javaExecutable, List<String> launcher, java.util.Map<String, String> environment)
            throws Exception {
        this(javaExecutable, launcher, List.of(), environment);
    }

    /** A kernel on the test class path with extra JVM options and environment variables. */
    static KernelClient withJvmOptions(
            String javaExecutable, List<String> jvmOptions, java.util.Map<String, String> env) throws Exception {
        return new KernelClient(javaExecutable, List.of(), jvmOptions, env);
    }

    private KernelClient(
            String javaExecutable,
            List<String> launcher,
            List<String> jvmOptions,
            java.util.Map<String, String> environment)
            throws Exception {
        connectionFile = Files.createTempFile("kernel-test", ".json");
        connection.write(connectionFile);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new ArrayList<>(launcher);
        command.add(javaExecutable);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "d2l.kernel.KernelMain", connectionFile.toString()));
        var builder = new ProcessBuilder(command)
                .redirectOutput(launcher.isEmpty() ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE)
                .redirectError(new File(connectionFile + ".log"));
        builder.environment().putAll(environment);
        process = builder.start();
        // Like jupyter_client: shell and stdin share an identity, so input requests find their way back.
        shell = connect(SocketType.DEALER, connection.shellPort(), session);
        stdin = connect(SocketType.DEALER, connection.stdinPort(), session);
        control = connect(SocketType.DEALER, connection.controlPort());
        iopub = connect(SocketType.SUB, connection.iopubPort());
        iopub.subscribe(new byte[0]);
        awaitReady();
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        return connect(type, port, null);
    }

    private ZMQ.Socket connect(SocketType type, int port, String identity) {
        var socket = ClientSockets.create(context, type);
        if (identity != null) socket.setIdentity(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        socket.setLinger(0);
        socket.connect(connection.endpoint(port));
        return socket;
    }

    /** Jupyter's handshake: kernel_info until IOPub delivers (the PUB socket drops early messages). */
    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var request = request("kernel_info_request", new JsonObject());
            send(shell, request);
            var reply = receive(shell, 10_000);
            if (reply == null) throw new IllegalStateException("No kernel_info_reply; kernel log: " + log());
            Message m;
            while ((m = receive(iopub, 200)) != null) {
                if (isIdleFor(m, request)) return;
            }
        }
        throw new IllegalStateException("Kernel IOPub never delivered");
    }

    Message request(String type, JsonObject content) {
        var header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "test");
        header.addProperty("date", java.time.Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        return new Message(List.of(), header, new JsonObject(), new JsonObject(), content, List.of());
    }

    Exchange execute(String code) {
        return shell(request("execute_request", WireClient.executeContent(code)));
    }

    Exchange shell(Message request) {
        send(shell, request);
        return collect(shell, request, 60_000);
    }

    Exchange control(Message request) {
        send(control, request);
        return collect(control, request, 10_000);
    }

    /** Waits for the kernel's input_request and answers it with {@code value}. */
    Message answerInput(String value, long timeoutMillis) {
        var ask = awaitInputRequest(timeoutMillis);
        if (ask != null) sendInputReply(value, ask.header());
        return ask;
    }

    /** The kernel's next input_request, or null after the timeout. */
    Message awaitInputRequest(long timeoutMillis) {
        return receive(stdin, timeoutMillis);
    }

    /**
     * Sends an input_reply with {@code parent} as its parent header: the request's header, as
     * JupyterLab sends it, or an empty one, as jupyter_client's {@code KernelClient.input()} does.
     */
    void sendInputReply(String value, JsonObject parent) {
        var content = new JsonObject();
        content.addProperty("value", value);
        var reply = request("input_reply", content);
        send(stdin, new Message(List.of(), reply.header(), parent, new JsonObject(), content, List.of()));
    }

    void sendShell(Message request) {
        send(shell, request);
    }

    void sendShellSignedWith(String otherKey, Message request) {
        sendFrames(shell, new Wire(new Signer(otherKey)).encode(request));
    }

    /** Waits for the reply to {@code request} on shell and its IOPub messages up to idle. */
    Exchange awaitShell(Message request, long timeoutMillis) {
        return collect(shell, request, timeoutMillis);
    }

    Message receiveShell(long timeoutMillis) {
        return receive(shell, timeoutMillis);
    }

    /** The next IOPub message caused by {@code request}, or null after the timeout. */
    Message awaitIopub(Message request, String type, long timeoutMillis) {
        return awaitIopub(m -> parentId(m).equals(msgId(request)) && m.type().equals(type), timeoutMillis);
    }

    /**
     * The first IOPub message that {@code wanted} accepts, kept ones first (a cell's exchange keeps
     * messages of other requests), or null after the timeout; messages passed over are dropped.
     */
    Message awaitIopub(java.util.function.Predicate<Message> wanted, long timeoutMillis) {
        for (var it = stashedIopub.iterator(); it.hasNext(); ) {
            var m = it.next();
            if (wanted.test(m)) {
                it.remove();
                return m;
            }
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            var m = receive(iopub, deadline - System.currentTimeMillis());
            if (m != null && wanted.test(m)) return m;
        }
        return null;
    }

    /**
     * Sends {@code request} on shell and returns what IOPub publishes for it up to its idle status:
     * for messages that get no reply (comm_open, comm_msg, comm_close).
     */
    List<Message> shellNoReply(Message request) {
        send(shell, request);
        return awaitIdle(request, 30_000);
    }

    /** What IOPub publishes for {@code request} up to its idle status; other messages are kept. */
    List<Message> awaitIdle(Message request, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        var published = new ArrayList<Message>();
        while (System.currentTimeMillis() < deadline) {
            var m = next(iopub, stashedIopub, request, 50);
            if (m == null) continue;
            published.add(m);
            if (isIdleFor(m, request)) return published;
        }
        throw new AssertionError(
                "No idle for " + request.type() + " within " + timeoutMillis + " ms; kernel log:\n" + log());
    }

    private Exchange collect(ZMQ.Socket socket, Message request, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Message reply = null;
        var published = new ArrayList<Message>();
        boolean idle = false;
        while ((reply == null || !idle) && System.currentTimeMillis() < deadline) {
            if (reply == null)
                reply = next(socket, socket == shell ? stashedShell : stashedControl, request, idle ? 50 : 0);
            if (!idle) {
                var m = next(iopub, stashedIopub, request, 5);
                if (m != null) {
                    published.add(m);
                    idle = isIdleFor(m, request);
                }
            }
        }
        if (reply == null || !idle)
            throw new AssertionError("No complete answer to " + request.type() + " within " + timeoutMillis
                    + " ms (reply " + (reply != null) + ", idle " + idle + "); kernel log:\n" + log());
        return new Exchange(reply, published);
    }

    /** The next message caused by {@code request}; others are kept for whoever waits for them. */
    private Message next(ZMQ.Socket socket, List<Message> stash, Message request, long timeoutMillis) {
        for (var it = stash.iterator(); it.hasNext(); ) {
            var m = it.next();
            if (parentId(m).equals(msgId(request))) {
                it.remove();
                return m;
            }
        }
        var m = receive(socket, timeoutMillis);
        if (m == null) return null;
        if (parentId(m).equals(msgId(request))) return m;
        stash.add(m);
        return null;
    }

    private static boolean isIdleFor(Message m, Message request) {
        return m.type().equals("status")
                && parentId(m).equals(msgId(request))
                && m.content().get("execution_state").getAsString().equals("idle");
    }

    static String msgId(Message m) {
        return m.header().get("msg_id").getAsString();
    }

    private static String parentId(Message m) {
        return m.parentHeader().has("msg_id") ? m.parentHeader().get("msg_id").getAsString() : "";
    }

    private void send(ZMQ.Socket socket, Message message) {
        sendFrames(socket, wire.encode(message));
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }

    private Message receive(ZMQ.Socket socket, long timeoutMillis) {
        socket.setReceiveTimeOut((int) Math.max(0, timeoutMillis));
        byte[] first = timeoutMillis <= 0 ? socket.recv(ZMQ.DONTWAIT) : socket.recv();
        if (first == null) return null;
        var frames = new ArrayList<byte[]>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv());
        try {
            return wire.decode(frames);
        } catch (Wire.BadMessage e) {
            throw new AssertionError("Kernel sent a bad message: " + e.getMessage());
        }
    }

    /** The process launched: the kernel, or its launcher. */
    Process process() {
        return process;
    }

    boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The kernel process's exit code; call after {@link #waitForExit} returned true. */
    int exitCode() {
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(Path.of(connectionFile + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        context.close();
        Files.deleteIfExists(connectionFile);
        Files.deleteIfExists(Path.of(connectionFile + ".log"));
    }
}
