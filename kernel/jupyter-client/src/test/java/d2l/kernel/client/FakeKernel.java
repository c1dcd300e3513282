package d2l.kernel.client;

import com.google.gson.JsonObject;
import d2l.kernel.protocol.ConnectionInfo;
import d2l.kernel.protocol.Message;
import d2l.kernel.protocol.Signer;
import d2l.kernel.protocol.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A scripted kernel on real sockets for the client's tests: one thread serves shell and control,
 * answers kernel_info (reply, busy, idle) itself and hands every other request to a script.
 */
final class FakeKernel implements AutoCloseable {
    /** What the kernel does with a request other than kernel_info; it may read stdin meanwhile. */
    interface Script {
        void handle(FakeKernel kernel, ZMQ.Socket from, Message request) throws Exception;
    }

    final ConnectionInfo connection;
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final ZContext context = new ZContext();
    private final Wire wire;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final Thread thread;
    private volatile boolean running = true;

    FakeKernel(Script script) throws Exception {
        connection = ConnectionInfo.fresh();
        wire = new Wire(new Signer(connection.key()));
        shell = bind(SocketType.ROUTER, connection.shellPort());
        control = bind(SocketType.ROUTER, connection.controlPort());
        stdin = bind(SocketType.ROUTER, connection.stdinPort());
        iopub = bind(SocketType.PUB, connection.iopubPort());
        thread = new Thread(() -> serve(script), "fake-kernel");
        thread.start();
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        var socket = context.createSocket(type);
        socket.setLinger(0);
        socket.bind(connection.endpoint(port));
        return socket;
    }

    private void serve(Script script) {
        try (var poller = context.createPoller(2)) {
            poller.register(shell, ZMQ.Poller.POLLIN);
            poller.register(control, ZMQ.Poller.POLLIN);
            while (running) {
                poller.poll(50);
                for (var i = 0; i < 2; i++) {
                    if (poller.pollin(i)) {
                        var socket = i == 0 ? shell : control;
                        var request = receive(socket, 0);
                        if (request.type().equals("kernel_info_request")) {
                            publish(request, "status", state("busy"));
                            reply(socket, request, "kernel_info_reply", status("ok"));
                            publish(request, "status", state("idle"));
                        } else {
                            script.handle(this, socket, request);
                        }
                    }
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /** The next message on {@code socket} within {@code timeoutMillis} (0: one that is there). */
    Message receive(ZMQ.Socket socket, int timeoutMillis) throws Wire.BadMessage {
        socket.setReceiveTimeOut(timeoutMillis);
        var first = socket.recv();
        if (first == null) {
            throw new IllegalStateException("fake kernel: nothing received within " + timeoutMillis + " ms");
        }
        var frames = new ArrayList<byte[]>(List.of(first));
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        return wire.decode(frames);
    }

    ZMQ.Socket stdin() {
        return stdin;
    }

    void reply(ZMQ.Socket socket, Message request, String type, JsonObject content) {
        send(socket, Message.create("fake", type, request, content));
    }

    void publish(Message parent, String type, JsonObject content) {
        var message = Message.create("fake", type, parent, content);
        send(
                iopub,
                new Message(
                        List.of(), message.header(), message.parentHeader(), message.metadata(), content, List.of()));
    }

    void send(ZMQ.Socket socket, Message message) {
        var frames = wire.encode(message);
        for (var i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    static JsonObject status(String status) {
        var content = new JsonObject();
        content.addProperty("status", status);
        return content;
    }

    static JsonObject state(String state) {
        var content = new JsonObject();
        content.addProperty("execution_state", state);
        return content;
    }

    static JsonObject stream(String text) {
        var content = new JsonObject();
        content.addProperty("name", "stdout");
        content.addProperty("text", text);
        return content;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        context.close();
    }
}
