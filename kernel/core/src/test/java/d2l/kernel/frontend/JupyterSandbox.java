package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Jupyter installation for one front-end test (core's and, through the test-fixtures jar,
 * book's): the built kernelspecs installed with
 * {@code kernelspec install --prefix} (the README's step) into a temporary directory that
 * JUPYTER_PATH points at, with data, config and runtime directories of its own, so the test
 * neither sees nor touches the user's Jupyter set-up. Runs Debian's Python tools inside it.
 */
public final class JupyterSandbox {
    /** Where {@code mvn package} leaves the kernelspecs (failsafe passes the exact path). */
    public static final Path KERNELSPECS = Path.of(System.getProperty("kernelspecs.dir", "target/kernelspecs"));

    public static final Path PYTHON_TESTS =
            Path.of("../frontend-fixtures/python-drivers").toAbsolutePath();
    public static final Path REPORTS = Path.of("target/python-reports").toAbsolutePath();

    /**
     * The widget fixture (a slider and a dropdown under {@code interact}, a chart titled with both)
     * that the widget tests open in JupyterLab, the classic Notebook and nbconvert.
     */
    public static final Path WIDGET_NOTEBOOK = Path.of("../frontend-fixtures/widget-notebooks/controls.ipynb")
            .toAbsolutePath()
            .normalize();

    private final Path root;
    private final Map<String, String> env = new HashMap<>();

    /** Output of a finished tool. */
    public record Run(int exitCode, String output) {}

    public JupyterSandbox(Path root, String... kernelNames) throws IOException, InterruptedException {
        PythonEnv.require();
        this.root = root;
        var prefix = root.resolve("prefix");
        env.put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        env.put("JUPYTER_DATA_DIR", root.resolve("data").toString());
        env.put("JUPYTER_CONFIG_DIR", root.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", root.resolve("runtime").toString());
        env.put("JUPYTER_PLATFORM_DIRS", "1");
        env.put("IPYTHONDIR", root.resolve("ipython").toString());
        for (var name : kernelNames) {
            var spec = KERNELSPECS.resolve(name);
            if (!Files.isRegularFile(spec.resolve("kernel.json"))) {
                fail("no kernelspec at " + spec.toAbsolutePath() + "; these tests run after `package`: use"
                        + " `mvn -pl kernel/core -am verify` (or kernel/book)");
            }
            var install = run(
                    "kernelspec-install-" + name,
                    Duration.ofMinutes(2),
                    PythonEnv.PYTHON,
                    "-m",
                    "jupyter_client.kernelspecapp",
                    "install",
                    spec.toAbsolutePath().toString(),
                    "--name",
                    name,
                    "--prefix",
                    prefix.toString());
            if (install.output().contains("No module named")) {
                fail("python3-jupyter-client is missing: apt-get install " + PythonEnv.APT_PACKAGES + "\n"
                        + install.output());
            }
            assertTrue(install.exitCode() == 0, "kernelspec install failed:\n" + install.output());
        }
    }

    public Map<String, String> env() {
        return env;
    }

    /**
     * Runs a command inside the sandbox (cwd: the Python test directory), echoing and keeping its
     * output under target/python-reports/{name}.log; a command over its time limit is killed.
     */
    public Run run(String name, Duration limit, String... command) throws IOException, InterruptedException {
        return run(name, limit, Map.of(), command);
    }

    public Run run(String name, Duration limit, Map<String, String> extraEnv, String... command)
            throws IOException, InterruptedException {
        Files.createDirectories(REPORTS);
        var log = REPORTS.resolve(name + ".log");
        var builder = new ProcessBuilder(List.of(command))
                .directory(PYTHON_TESTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        var process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail(name + " took longer than " + limit + "; output:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        var output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("--- " + name + " (" + log + ")\n" + output);
        return new Run(process.exitValue(), output);
    }

    /** Lines of a verbose unittest run that report a skipped test. */
    public static List<String> skipped(String unittestOutput) {
        var lines = new ArrayList<String>();
        for (var line : unittestOutput.split("\n")) {
            if (line.contains(" ... skipped")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    public Path root() {
        return root;
    }
}
