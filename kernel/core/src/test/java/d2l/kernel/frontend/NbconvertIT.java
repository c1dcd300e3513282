package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jupyter nbconvert --to notebook --execute} runs a notebook with a chart and a table. */
class NbconvertIT {
    @TempDir
    Path dir;

    @Test
    void nbconvertExecutesTheChartAndTableNotebook() throws Exception {
        PythonEnv.require("/usr/bin/jupyter-nbconvert");
        PythonEnv.requireModules("nbconvert", "nbclient", "nbformat");
        var sandbox = new JupyterSandbox(dir, "d2l-rnn");

        var run = sandbox.run(
                "nbconvert-execute",
                Duration.ofMinutes(10),
                PythonEnv.PYTHON,
                "-m",
                "unittest",
                "-v",
                "test_nbconvert");

        assertEquals(0, run.exitCode(), "nbconvert check failed:\n" + run.output());
        assertTrue(JupyterSandbox.skipped(run.output()).isEmpty(), run.output());
        assertTrue(run.output().contains("Ran 1 test") && run.output().strip().endsWith("OK"), run.output());
    }
}
