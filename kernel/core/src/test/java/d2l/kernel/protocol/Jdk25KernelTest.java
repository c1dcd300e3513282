package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The same kernel on JDK 25, where {@code Thread.stop} is gone and JShell's local engine stops
 * code through byte-code checks instead. That JDK is on the team's and CI's machines.
 */
class Jdk25KernelTest {
    /** The JDK 25 {@code java} the kernel tests run on, checked to be there. */
    static String jdk25() {
        var java = Path.of(System.getProperty("kernel.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
        assertTrue(Files.isExecutable(java), "no JDK 25 at " + java + "; set -Dkernel.jdk25=/path/to/bin/java");
        return java.toString();
    }

    @Test
    void executesAndInterruptsOnJdk25() throws Exception {
        try (var kernel = new LaunchedKernel(jdk25())) {
            // The first output comes from a cell, so the output thread starts while it runs (JDK 25's
            // JShell waits for a cell's threads; StreamBufferTest pins the thread group down).
            assertEquals(
                    "first\n", kernel.execute("System.out.println(\"first\");").streamText("stdout"));
            var info = kernel.shell(kernel.request("kernel_info_request", new com.google.gson.JsonObject()))
                    .reply()
                    .content();
            assertEquals(
                    "25",
                    info.getAsJsonObject("language_info")
                            .get("version")
                            .getAsString()
                            .split("[.+-]")[0]);
            assertEquals("6", kernel.execute("int a = 2;\na * 3").resultText());
            InterruptCheck.assertInterrupts(kernel, "while (true) {}");
            InterruptCheck.assertInterrupts(kernel, "Thread.sleep(60_000);");
        }
    }
}
