package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The standard kernel test suite (Debian's python3-jupyter-kernel-test, every sample filled in)
 * against each installed kernelspec, over real ZeroMQ from a real Jupyter client.
 */
class KernelProtocolIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"java", "d2l-rnn"})
    void jupyterKernelTestSuitePasses(String kernel) throws Exception {
        PythonEnv.requireModules("jupyter_kernel_test", "jupyter_client");
        var sandbox = new JupyterSandbox(dir, kernel);

        var run = sandbox.run(
                "kernel-protocol-" + kernel,
                Duration.ofMinutes(5),
                Map.of("D2L_KERNEL_NAME", kernel),
                PythonEnv.PYTHON,
                "-m",
                "unittest",
                "-v",
                "test_kernel_protocol");

        assertEquals(0, run.exitCode(), "jupyter_kernel_test failed for " + kernel + ":\n" + run.output());
        // The pager is the one sample a Java kernel has nothing for; every other test must really run.
        var skipped = JupyterSandbox.skipped(run.output());
        assertTrue(
                skipped.stream().allMatch(line -> line.startsWith("test_pager ")),
                "tests skipped for lack of a sample: " + skipped);
        assertTrue(run.output().contains("test_history"), "the suite ran: " + run.output());
        assertEquals(
                List.of(),
                run.output()
                        .lines()
                        .filter(l -> l.startsWith("FAIL:") || l.startsWith("ERROR:"))
                        .toList());
    }
}
