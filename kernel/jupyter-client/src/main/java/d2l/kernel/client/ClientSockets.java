package d2l.kernel.client;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Sockets for talking to a kernel from Java, as the benchmark's and the tests' front ends do. */
public final class ClientSockets {
    /**
     * JeroMQ 0.6.0's connecting side now and then leaves a fresh TCP connection unserved: connected,
     * the kernel's greeting unread, its own never sent (about one connect in 80 to a bound port, in
     * a loop here). Its handshake timer still fires; the session then drops the connection and
     * connects again, keeping the messages queued meanwhile. The default timer is 30 s, longer than
     * a client waits for its first reply; at one second such a connection costs a second.
     */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 1000;

    private ClientSockets() {}

    /** A socket of {@code type} that recovers from a stalled connection; set identity, then connect. */
    public static ZMQ.Socket create(ZContext context, SocketType type) {
        var socket = context.createSocket(type);
        socket.setHandshakeIvl(HANDSHAKE_TIMEOUT_MILLIS);
        return socket;
    }
}
