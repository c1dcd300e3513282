package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code jupyter console} (Debian's jupyter-console) on each kernel, typed into through a
 * pseudo-terminal by kernel/frontend-fixtures/python-drivers/console_checks.py (python3-pexpect), over tcp and over ipc:
 * multi-line Java from the first prompt on (the console asks the kernel's is_complete, and gives up
 * on it for the whole session after one answer slower than a second), System.in and Ctrl-D at its
 * prompt (jupyter_client sends the input_reply without a parent header), errors, and quitting.
 */
class JupyterConsoleIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"java, tcp", "d2l-rnn, tcp", "java, ipc"})
    void jupyterConsoleRunsJava(String kernel, String transport) throws Exception {
        PythonEnv.require("/usr/bin/jupyter-console");
        PythonEnv.requireModules("jupyter_console", "pexpect");
        var sandbox = new JupyterSandbox(dir, kernel);
        var run = sandbox.run(
                "console-" + kernel + "-" + transport,
                Duration.ofMinutes(5),
                PythonEnv.PYTHON,
                "console_checks.py",
                kernel,
                "--transport=" + transport);
        assertEquals(0, run.exitCode(), run.output());
        var lines = run.output().strip().split("\n");
        JsonObject screen = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();

        assertFalse(
                screen.get("fellBackToPythonCheck").getAsBoolean(),
                "the console gave up on the kernel's is_complete (an answer took over a second):\n"
                        + screen.get("screen"));
        assertTrue(
                shown(screen, "multiLineMethod").contains("Out[2]: 42"),
                "a method typed over three lines, then called");
        assertTrue(shown(screen, "multiLineClass").contains("Out[4]: { Ada }"), "braces inside a string do not count");
        assertTrue(
                shown(screen, "stdin").contains("Out[5]: TYPED WORDS"),
                "System.in reads the line typed at the console");
        assertTrue(shown(screen, "stdinEnd").contains("Out[6]: false"), "Ctrl-D at the input prompt ends System.in");
        var compile = shown(screen, "compileError");
        assertTrue(
                compile.contains("cell [7] line 1, column 11: error: cannot find symbol")
                        && compile.contains("int bad = missingName + 1;\n              ^"),
                "javac's message with a caret: " + compile);
        assertTrue(step(screen, "compileError").get("next").getAsString().contains("Out[8]: 42"), "the next cell runs");
        assertTrue(
                shown(screen, "exception")
                        .contains("java.lang.IllegalStateException: broken on purpose\n\tat cell [9] line 1"),
                shown(screen, "exception"));
        assertEquals(0, step(screen, "quit").get("exitStatus").getAsInt(), "Ctrl-D, y: the console and its kernel end");

        var sockets = screen.getAsJsonArray("unixSockets").asList().stream()
                .map(e -> e.getAsString())
                .toList();
        if (transport.equals("ipc")) {
            assertEquals(5, sockets.size(), "five Unix domain sockets, one per channel: " + sockets);
            assertTrue(sockets.stream().allMatch(name -> name.matches("kernel-.*-ipc-\\d+")), sockets.toString());
            try (var left = Files.list(sandbox.root().resolve("runtime"))) {
                assertEquals(
                        0,
                        left.filter(p -> p.getFileName().toString().contains("-ipc-"))
                                .count(),
                        "the sockets are gone once the kernel has shut down");
            }
        } else {
            assertEquals(0, sockets.size(), sockets.toString());
        }
    }

    private static JsonObject step(JsonObject screen, String name) {
        var result = screen.getAsJsonObject(name);
        assertFalse(
                result.has("failure"),
                name + ": " + result + "\nscreen:\n" + screen.get("screen").getAsString());
        return result;
    }

    private static String shown(JsonObject screen, String name) {
        return step(screen, name).get("shown").getAsString();
    }
}
