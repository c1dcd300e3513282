package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transports of a connection file: the ipc relay carries bytes both ways between a Unix domain
 * socket and the kernel's loopback port, and a transport the kernel cannot serve ends it at once with
 * a message naming the transport (before: an ipc kernel neither answered nor exited). jupyter_client
 * itself over ipc: IpcTransportIT, JupyterConsoleIT, JupyterLabIpcIT.
 */
class TransportTest {
    @Test
    void theRelayCarriesBytesBothWaysAndRemovesItsSocketFile(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("kernel-ipc-1");
        Files.writeString(path, "left by an earlier run");
        try (var kernelSide = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var relay = new IpcRelay(path, kernelSide.getLocalPort(), "shell")) {
            assertTrue(Files.exists(path), "a stale file at the path is replaced, as libzmq does");
            try (var client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(path));
                try (var accepted = kernelSide.accept()) {
                    byte[] greeting = new byte[64 * 1024 + 7]; // more than one buffer
                    for (int i = 0; i < greeting.length; i++) greeting[i] = (byte) i;
                    client.write(ByteBuffer.wrap(greeting));
                    assertArrayEquals(greeting, accepted.getInputStream().readNBytes(greeting.length));
                    accepted.getOutputStream().write("answer".getBytes(StandardCharsets.US_ASCII));
                    var answer = ByteBuffer.allocate(6);
                    while (answer.hasRemaining()) client.read(answer);
                    assertEquals("answer", new String(answer.array(), StandardCharsets.US_ASCII));
                }
            }
        }
        assertFalse(Files.exists(path), "closing the relay removes the socket file");
    }

    @Test
    void anIpcPathTooLongForAUnixSocketEndsTheKernelAtOnceNamingTheTransport(@TempDir Path dir) throws Exception {
        Path deep = Files.createDirectories(dir.resolve("d".repeat(60)).resolve("e".repeat(60)));
        var result = launch(dir, "ipc", deep.resolve("kernel-ipc").toString());
        assertEquals(3, result.exitCode(), result.output());
        assertTrue(
                result.output().contains("Cannot listen on the Unix domain socket " + deep.resolve("kernel-ipc"))
                        && result.output().contains("(transport \"ipc\")")
                        && result.output().contains("about 100 bytes"),
                result.output());
    }

    @Test
    void aTransportJupyterDoesNotUseEndsTheKernelAtOnce(@TempDir Path dir) throws Exception {
        var result = launch(dir, "udp", "127.0.0.1");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(
                result.output().contains("transport \"udp\" is not supported; this kernel speaks \"tcp\" and \"ipc\""),
                result.output());
    }

    private record Launched(int exitCode, String output, long millis) {}

    /** Starts the kernel on a connection file with this transport and ip; waits for it to exit. */
    private static Launched launch(Path dir, String transport, String ip) throws IOException, InterruptedException {
        var json = new com.google.gson.JsonObject();
        json.addProperty("transport", transport);
        json.addProperty("ip", ip);
        for (String port : new String[] {"shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"}) {
            json.addProperty(port, 1 + json.size());
        }
        json.addProperty("key", "secret");
        json.addProperty("signature_scheme", "hmac-sha256");
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, json.toString());
        Path log = dir.resolve("kernel.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        long start = System.nanoTime();
        var process = new ProcessBuilder(java, "-cp", classpath, "d2l.kernel.KernelMain", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // Generous for a loaded machine (JVM start included); a kernel that kept running would hit it.
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!exited) process.destroyForcibly().waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(exited, "the kernel kept running on transport " + transport + ":\n" + output);
        System.out.println("transport " + transport + ": the kernel exited " + millis + " ms after its launch");
        return new Launched(process.exitValue(), output, millis);
    }
}
