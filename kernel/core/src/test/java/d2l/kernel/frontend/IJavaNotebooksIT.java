package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jupyter nbconvert --execute} runs the IJava-style notebooks of kernel/frontend-fixtures/ijava-notebooks
 * (a custom magic, a custom renderer, %load by name and magics as values) on the installed
 * {@code java} kernel (kernel/frontend-fixtures/python-drivers/test_ijava_notebooks.py).
 */
class IJavaNotebooksIT {
    @TempDir
    Path dir;

    @Test
    void ijavaStyleNotebooksRunUnderNbconvert() throws Exception {
        PythonEnv.require("/usr/bin/jupyter-nbconvert");
        PythonEnv.requireModules("nbconvert", "nbclient", "nbformat");
        var sandbox = new JupyterSandbox(dir, "java");

        var run = sandbox.run(
                "ijava-notebooks",
                Duration.ofMinutes(10),
                PythonEnv.PYTHON,
                "-m",
                "unittest",
                "-v",
                "test_ijava_notebooks");

        assertEquals(0, run.exitCode(), "IJava notebooks failed:\n" + run.output());
        assertTrue(JupyterSandbox.skipped(run.output()).isEmpty(), run.output());
        assertTrue(run.output().contains("Ran 1 test") && run.output().strip().endsWith("OK"), run.output());
    }
}
