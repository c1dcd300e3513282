package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

/** Starts a never-ending cell, interrupts it on control and checks the kernel carries on. */
final class InterruptCheck {
    private InterruptCheck() {}

    static void assertInterrupts(LaunchedKernel kernel, String code) {
        var cell = kernel.request("execute_request", d2l.kernel.client.WireClient.executeContent(code));
        kernel.sendShell(cell);
        assertNotNull(kernel.awaitIopub(cell, "execute_input", 10_000), "cell did not start");
        sleep(300);
        long start = System.nanoTime();
        var interrupt = kernel.control(kernel.request("interrupt_request", new JsonObject()));
        assertEquals("ok", interrupt.status());
        var stopped = kernel.awaitShell(cell, 5_000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "interrupt took " + millis + " ms");
        assertEquals("error", stopped.status());
        assertEquals(
                "InterruptedException", stopped.reply().content().get("ename").getAsString());
        assertEquals("2", kernel.execute("1 + 1").resultText(), "kernel must stay usable");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
