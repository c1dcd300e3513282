package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JupyterLab 4 with {@code --KernelManager.transport=ipc}: the server starts the kernel on Unix
 * domain sockets (as Google Colab does), and the scratch notebook of {@link JupyterLabFrontEndIT}
 * is typed into and run the same way (lab_checks.py front-end mode).
 */
class JupyterLabIpcIT {
    @TempDir
    Path dir;

    @Test
    void theFrontEndChecksPassWithTheKernelOnUnixDomainSockets() throws Exception {
        var sandbox = new JupyterSandbox(dir, "java", "d2l-rnn");
        JupyterLabApp.ensureBuilt(sandbox);
        var page = JupyterLabApp.check(
                sandbox,
                "lab-front-end-ipc",
                Duration.ofMinutes(10),
                Map.of("D2L_LAB_SERVER_ARGS", "--KernelManager.transport=ipc"),
                "front-end",
                "java",
                JupyterLabApp.screenshots().resolve("ipc").toString());
        assertEquals(
                List.of("ipc"),
                page.getAsJsonArray("transports").asList().stream()
                        .map(JsonElement::getAsString)
                        .toList(),
                "the server started the kernel over ipc");
        for (var name : List.of(
                "languageInfo",
                "completion",
                "tooltip",
                "exception",
                "compileError",
                "stdin",
                "htmlDisplay",
                "interrupt",
                "restart")) {
            assertFalse(page.getAsJsonObject(name).has("failure"), name + ": " + page.get(name));
        }
        var stdin = outputs(page.getAsJsonObject("stdin"), "outputs");
        assertTrue(stdin.stream().anyMatch(o -> o.toString().contains("typed words")), stdin.toString());
        var interrupt = page.getAsJsonObject("interrupt");
        assertTrue(interrupt.get("idleAfterSeconds").getAsDouble() < 1.0, interrupt.toString());
        var restart = page.getAsJsonObject("restart");
        assertTrue(outputs(restart, "nextCell").get(0).toString().contains("42"), restart.toString());
    }

    private static List<JsonObject> outputs(JsonObject result, String key) {
        return result.getAsJsonArray(key).asList().stream()
                .map(JsonElement::getAsJsonObject)
                .toList();
    }
}
