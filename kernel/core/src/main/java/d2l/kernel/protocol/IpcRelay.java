package d2l.kernel.protocol;

import d2l.kernel.eval.Stdio;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jupyter's {@code ipc} transport for one kernel socket. jupyter_client (libzmq) connects to a Unix
 * domain socket at {@code ip + "-" + port} (e.g. {@code /run/user/1000/jupyter/kernel-1234-ipc-3});
 * JeroMQ's own {@code ipc://} is a TCP socket on loopback under that name, which libzmq cannot
 * reach. ZMTP is the same byte stream over any stream transport, so the kernel binds its JeroMQ
 * socket on a free loopback TCP port and this relay listens on the Unix domain socket path, and
 * copies the bytes of each connection both ways: libzmq and JeroMQ talk ZMTP end to end
 * (greeting, identities, subscriptions, signed messages), through two threads per connection.
 *
 * <p>As libzmq does, a file left at the path by an earlier run is replaced, and the socket file is
 * removed again when the relay closes.
 */
final class IpcRelay implements AutoCloseable {
    /** Threads that only copy bytes need little stack. */
    private static final long PUMP_STACK = 256 * 1024;

    private static final int BUFFER = 64 * 1024;

    private final Path path;
    private final int tcpPort;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Listens on the Unix domain socket {@code path} and relays each connection to
     * {@code 127.0.0.1:tcpPort}.
     *
     * @throws IOException if the socket cannot be bound (a path over the system's limit of about
     *                     100 bytes, a missing directory, no permission)
     */
    IpcRelay(Path path, int tcpPort, String name) throws IOException {
        this.path = path;
        this.tcpPort = tcpPort;
        Files.deleteIfExists(path);
        var channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        server = channel;
        // Also when the kernel exits without closing its server (its parent went away).
        path.toFile().deleteOnExit();
        var acceptor = new Thread(null, this::accept, "ipc-" + name, PUMP_STACK);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Path path() {
        return path;
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) Stdio.log().println("ipc " + path + ": accept failed: " + e);
                return;
            }
            SocketChannel kernel;
            try {
                kernel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort));
                kernel.socket().setTcpNoDelay(true);
            } catch (IOException e) {
                Stdio.log().println("ipc " + path + ": cannot reach the kernel's socket on port " + tcpPort + ": " + e);
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(kernel);
            pump(client, kernel, "in");
            pump(kernel, client, "out");
        }
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private void pump(SocketChannel from, SocketChannel to, String direction) {
        var thread = new Thread(
                null,
                () -> {
                    var buffer = ByteBuffer.allocateDirect(BUFFER);
                    try {
                        while (from.read(buffer) >= 0) {
                            buffer.flip();
                            while (buffer.hasRemaining()) to.write(buffer);
                            buffer.clear();
                        }
                    } catch (IOException e) {
                        // the other side closed, or the relay did
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "ipc-" + direction,
                PUMP_STACK);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(IpcRelay::closeQuietly);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            Stdio.log().println("ipc: could not remove " + path + ": " + e);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
