package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import d2l.kernel.client.WireClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A kernel capped as the installer caps it (small caps here): a cell that goes beyond either cap
 * fails with an error that names the cap and how to raise it, and the kernel goes on working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryLimitTest {
    private LaunchedKernel kernel;

    @BeforeAll
    void start() throws Exception {
        kernel = LaunchedKernel.withJvmOptions(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-Xmx160m"),
                Map.of("D2L_ND4J_MAX_BYTES", "64m"));
    }

    @AfterAll
    void stop() throws Exception {
        kernel.close();
    }

    private static String traceback(WireClient.Exchange failed) {
        assertEquals("error", failed.status());
        return failed.ofType("error").get(0).content().getAsJsonArray("traceback").asList().stream()
                .map(JsonElement::getAsString)
                .collect(Collectors.joining("\n"));
    }

    @Test
    void arraysBeyondTheOffheapCapFailWithAdviceAndTheKernelLives() {
        var small = kernel.execute(
                "var small = org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1000, 1000);\nsmall.sumNumber()");
        assertEquals("ok", small.status(), small.reply().content().toString());
        assertEquals("1000000.0", small.resultText());

        // 400 MB of floats against a 64 MiB cap.
        String text = traceback(
                kernel.execute(
                        "var big = org.nd4j.linalg.factory.Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 10000, 10000);"));
        assertTrue(
                text.contains(
                        "more memory than this kernel may use for arrays outside the Java heap (64 MiB, D2L_ND4J_MAX_BYTES)"),
                text);
        assertTrue(text.contains("The kernel is still running") && text.contains("--offheap 2g"), text);

        assertEquals("1000000.0", kernel.execute("small.sumNumber()").resultText(), "earlier arrays survive");
    }

    @Test
    void objectsBeyondTheHeapCapFailWithAdviceAndTheKernelLives() {
        kernel.execute("int[] keep = {1, 2, 3};");
        String text = traceback(kernel.execute("long[] huge = new long[100_000_000];"));
        assertTrue(text.startsWith("java.lang.OutOfMemoryError: Java heap space"), text);
        assertTrue(text.contains("more Java heap than this kernel may use (160 MiB, -Xmx)"), text);
        assertTrue(text.contains("--heap 2g"), text);
        assertEquals("6", kernel.execute("keep[0] + keep[1] + keep[2]").resultText());
    }
}
