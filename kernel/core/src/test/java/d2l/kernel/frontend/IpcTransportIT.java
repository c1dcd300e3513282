package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kernel started by jupyter_client with {@code KernelManager(transport="ipc")} (libzmq on Unix
 * domain sockets, as Google Colab starts kernels): a cell, System.in through KernelClient.input(),
 * an interrupt, a restart on the same socket paths, a shutdown that removes them; and the round trips
 * of kernel_info and {@code 1 + 1} over ipc against tcp (kernel/frontend-fixtures/python-drivers/ipc_checks.py).
 */
class IpcTransportIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"java", "d2l-rnn"})
    void jupyterClientDrivesTheKernelOverUnixDomainSockets(String kernel) throws Exception {
        PythonEnv.requireModules("jupyter_client");
        var sandbox = new JupyterSandbox(dir, kernel);
        var run =
                sandbox.run("ipc-" + kernel, Duration.ofMinutes(10), PythonEnv.PYTHON, "ipc_checks.py", kernel, "200");
        assertEquals(0, run.exitCode(), run.output());
        var lines = run.output().strip().split("\n");
        JsonObject r = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();

        assertEquals(
                5, r.get("socketsWhileRunning").getAsInt(), "one Unix domain socket per channel at " + r.get("ip"));
        assertEquals("42", r.get("cell").getAsString());
        assertEquals("OVER A UNIX SOCKET", r.get("stdin").getAsString(), "input() sends no parent header");
        assertEquals("InterruptedException", r.get("interruptedWith").getAsString());
        assertTrue(r.get("interruptSeconds").getAsDouble() < 2, r.toString());
        assertEquals("2", r.get("afterInterrupt").getAsString());
        assertEquals(5, r.get("socketsAfterRestart").getAsInt());
        assertTrue(
                r.get("afterRestart").getAsString().contains("cannot find symbol"),
                "a new session: " + r.get("afterRestart"));
        assertEquals("5", r.get("cellAfterRestart").getAsString());
        assertEquals(0, r.getAsJsonArray("socketsAfterShutdown").size(), "the kernel removed its sockets: " + r);

        var trips = r.getAsJsonObject("roundTrips");
        System.out.printf(
                "%s, 200 round trips each, load average %s: kernel_info tcp %s / ipc %s ms; 1 + 1 tcp %s / ipc %s ms%n",
                kernel,
                r.get("loadAverage"),
                trips.getAsJsonObject("tcp").get("kernel_info"),
                trips.getAsJsonObject("ipc").get("kernel_info"),
                trips.getAsJsonObject("tcp").get("execute"),
                trips.getAsJsonObject("ipc").get("execute"));
    }
}
