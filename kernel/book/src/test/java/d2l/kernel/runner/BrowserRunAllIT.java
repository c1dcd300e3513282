package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.frontend.JupyterSandbox;
import d2l.kernel.frontend.PythonEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a reader does: open the notebook in the classic Notebook (Debian's jupyter-notebook),
 * Cell &gt; Run All in headless Chromium, then check plots rendered and no cell failed. A
 * screenshot of each notebook is kept under target/browser/. Which notebooks: the comma-separated
 * {@code d2l.browser.notebooks} property (default: the chart-and-table fixture).
 */
class BrowserRunAllIT {
    static final Path SCREENSHOTS = Path.of("target/browser").toAbsolutePath();

    @TempDir
    Path dir;

    static Stream<Path> notebooks() {
        var listed = System.getProperty("d2l.browser.notebooks", "src/test/resources/notebooks/chart-and-table.ipynb");
        return Arrays.stream(listed.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Path::of);
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void runAllRendersPlotsWithoutErrors(Path notebook) throws Exception {
        PythonEnv.require("/usr/bin/jupyter-notebook", "/usr/bin/chromium", "/usr/bin/chromedriver");
        PythonEnv.requireModules("selenium", "notebook");
        assertTrue(Files.isRegularFile(notebook), "no notebook " + notebook.toAbsolutePath());
        var kernel = NotebookFile.read(notebook).kernelName();
        var sandbox = new JupyterSandbox(dir, kernel == null ? "java" : kernel);
        var name = notebook.getFileName().toString().replace(".ipynb", "");
        var screenshot = SCREENSHOTS.resolve(name + ".png");
        Files.deleteIfExists(screenshot);

        var run = sandbox.run(
                "browser-" + name,
                Duration.ofMinutes(20),
                PythonEnv.PYTHON,
                "browser_run_all.py",
                notebook.toAbsolutePath().toString(),
                screenshot.toString(),
                "900");

        assertEquals(0, run.exitCode(), "Run All in the browser failed for " + notebook + ":\n" + run.output());
        assertTrue(run.output().contains("\"errors\": []"), run.output());
        assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot + " looks empty");
    }
}
