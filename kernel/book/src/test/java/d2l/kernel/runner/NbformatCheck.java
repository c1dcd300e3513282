package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import d2l.kernel.frontend.PythonEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Validates a notebook file with Debian's python3-nbformat, the reference implementation. */
final class NbformatCheck {
    private NbformatCheck() {}

    static void assertValid(Path notebook) throws IOException, InterruptedException {
        var script =
                "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')";
        var process = new ProcessBuilder(PythonEnv.PYTHON, "-c", script, notebook.toString())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var status = process.waitFor();
        if (output.contains("No module named 'nbformat'")) {
            fail("python3-nbformat is missing: apt-get install python3-nbformat (" + output.strip() + ")");
        }
        assertEquals(0, status, notebook + " is not valid nbformat 4:\n" + output);
    }
}
