package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The JupyterLab 4 front end of the browser tests: built once per test JVM from
 * kernel/frontend-fixtures/jupyterlab-app (npm ci + webpack) into kernel/target/jupyterlab, where it stays between runs
 * (build.sh skips npm ci and webpack while their inputs are unchanged), served by Debian's
 * jupyterlab_server and driven by kernel/frontend-fixtures/python-drivers/lab_checks.py in headless Chromium.
 */
public final class JupyterLabApp {
    public static final Path SOURCE =
            Path.of("../frontend-fixtures/jupyterlab-app").toAbsolutePath();
    /**
     * Where the app is built: kernel/target/jupyterlab, shared by core's and book's browser tests
     * (failsafe passes the path), so one build serves both modules.
     */
    public static final Path BUILT = Path.of(System.getProperty("d2l.jupyterlab.dir", "target/jupyterlab"))
            .toAbsolutePath();

    public static final Path SCREENSHOTS =
            Path.of("target/jupyterlab-screenshots").toAbsolutePath();
    private static boolean built;

    private JupyterLabApp() {}

    /** Checks the tools, then builds the front end unless this JVM already did. */
    public static synchronized void ensureBuilt(JupyterSandbox sandbox) throws IOException, InterruptedException {
        PythonEnv.require("/usr/bin/chromium", "/usr/bin/chromedriver");
        PythonEnv.requireModules("selenium", "jupyterlab_server");
        if (built) return;
        var run = sandbox.run(
                "jupyterlab-build",
                Duration.ofMinutes(15),
                "bash",
                SOURCE.resolve("build.sh").toString(),
                BUILT.toString());
        assertEquals(
                0,
                run.exitCode(),
                "building the JupyterLab front end failed (needs npm and the npm registry):\n" + run.output());
        built = true;
    }

    /** Runs lab_checks.py in one of its modes and returns the JSON object it prints last. */
    public static JsonObject check(JupyterSandbox sandbox, String logName, Duration limit, String... arguments)
            throws IOException, InterruptedException {
        return check(sandbox, logName, limit, 2, arguments);
    }

    /** As {@link #check}, with training capped at {@code maxEpochs} (D2L_MAX_EPOCHS) in the kernels. */
    public static JsonObject check(
            JupyterSandbox sandbox, String logName, Duration limit, int maxEpochs, String... arguments)
            throws IOException, InterruptedException {
        return check(sandbox, logName, limit, Map.of("D2L_MAX_EPOCHS", String.valueOf(maxEpochs)), arguments);
    }

    /** As {@link #check}, with this environment (D2L_LAB_SERVER_ARGS: more options for the server). */
    public static JsonObject check(
            JupyterSandbox sandbox, String logName, Duration limit, Map<String, String> env, String... arguments)
            throws IOException, InterruptedException {
        return drive("lab_checks.py", sandbox, logName, limit, env, arguments);
    }

    /** Runs one of the Python drivers (lab_checks.py, widget_checks.py) on the built app; returns its last JSON line. */
    public static JsonObject drive(
            String driver,
            JupyterSandbox sandbox,
            String logName,
            Duration limit,
            Map<String, String> env,
            String... arguments)
            throws IOException, InterruptedException {
        var command = new String[arguments.length + 3];
        command[0] = PythonEnv.PYTHON;
        command[1] = driver;
        command[2] = BUILT.toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        var run = sandbox.run(logName, limit, env, command);
        if (run.exitCode() != 0) fail(driver + " " + String.join(" ", arguments) + " failed:\n" + run.output());
        var lines = run.output().strip().split("\n");
        return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    }

    public static Path screenshots() throws IOException {
        return Files.createDirectories(SCREENSHOTS);
    }
}
