package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Debian's Python, which sees the apt-installed Jupyter packages (a python3 on PATH may not). */
public final class PythonEnv {
    public static final String PYTHON = "/usr/bin/python3";
    public static final String APT_PACKAGES =
            "python3-nbformat python3-jupyter-client jupyter-notebook python3-nbclient"
                    + " jupyter-nbconvert python3-jupyter-kernel-test python3-selenium chromium chromium-driver python3-jupyterlab-server"
                    + " jupyter-console python3-pexpect";

    private PythonEnv() {}

    /** Fails (never skips) when a needed tool is missing, naming the apt packages that provide it. */
    public static void require(String... executables) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " not found: apt-get install python3 " + APT_PACKAGES);
        }
        for (var executable : executables) {
            if (!Files.isExecutable(Path.of(executable))) {
                fail(executable + " not found: apt-get install " + APT_PACKAGES);
            }
        }
    }

    /** Fails naming the apt packages when a Python module cannot be imported. */
    public static void requireModules(String... modules) throws java.io.IOException, InterruptedException {
        for (var module : modules) {
            var process = new ProcessBuilder(PYTHON, "-c", "import " + module)
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                fail("Python module " + module + " is missing for " + PYTHON + ": apt-get install " + APT_PACKAGES
                        + "\n" + output.strip());
            }
        }
    }
}
