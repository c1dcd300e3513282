package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many kernels starting at once race for ports: one whose port was taken meanwhile must exit at
 * once, non-zero, naming the port, so the front end restarts it instead of waiting on a dead kernel.
 */
class PortTakenTest {
    @Test
    void kernelWhosePortIsTakenExitsAtOnceNamingThePort(@TempDir Path dir) throws Exception {
        var fresh = ConnectionInfo.fresh();
        try (var squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int taken = squatter.getLocalPort();
            var connection = new ConnectionInfo(
                    fresh.shellPort(), fresh.iopubPort(), taken, fresh.controlPort(), fresh.hbPort(), fresh.key());
            Path file = dir.resolve("kernel.json");
            connection.write(file);
            Path log = dir.resolve("kernel.log");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            var process = new ProcessBuilder(java, "-cp", classpath, "d2l.kernel.KernelMain", file.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // Generous for a loaded machine; a kernel that kept running would hit it.
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            if (!exited) process.destroyForcibly().waitFor();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(exited, "the kernel kept running with its stdin port taken:\n" + output);
            assertEquals(3, process.exitValue(), output);
            assertTrue(
                    output.contains("Cannot bind the kernel's stdin port " + taken + " (tcp://127.0.0.1:" + taken
                            + "): address already in use"),
                    output);
            assertTrue(output.contains("d2l_fresh_ports.FreshPortsKernelManager (docs/classroom.md, Route 1)"), output);
        }
    }
}
