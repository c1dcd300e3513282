package d2l.kernel;

import com.google.gson.JsonObject;
import d2l.kernel.client.WireClient;
import d2l.kernel.eval.SessionConfig;
import d2l.kernel.protocol.ConnectionInfo;
import java.io.IOException;
import java.util.List;

/**
 * What {@code KernelMain --warmup} runs while the JVM records a class-data archive: a real kernel
 * on loopback ports, driven by a client in the same JVM through what a notebook's start does
 * (heartbeat, kernel_info, is_complete, a few cells, a completion, shutdown). Warming only the
 * JShell session would leave out the sockets, the signing and the messages, about 400 classes a
 * start loads before its first heartbeat.
 */
final class WarmUp {
    /** Typical first cells: an expression, a declaration, printing, and a display. */
    static final List<String> CELLS =
            List.of("1 + 1", "int warm = 1;", "String.valueOf(warm)", "System.out.println(warm);", "display(\"x\");");

    private static final long TIMEOUT_MILLIS = 120_000;

    private WarmUp() {}

    static void run(SessionConfig config) throws IOException, InterruptedException {
        // Two threads looking up a security service at once make the JDK load every provider, not
        // only the first few; a start does that now and then, so the archive should have them all.
        java.security.Security.getProviders();
        var ports = ConnectionInfo.fresh();
        var kernel = KernelMain.start(config, ports);
        try (var client = new WireClient(ports)) {
            if (!client.awaitHeartbeat(TIMEOUT_MILLIS))
                throw new IllegalStateException("warm-up: no heartbeat from the kernel");
            request(client, "kernel_info_request", new JsonObject());
            isComplete(client);
            for (String cell : CELLS) {
                var reply = request(client, "execute_request", WireClient.executeContent(cell));
                if (!reply.get("status").getAsString().equals("ok")) {
                    throw new IllegalStateException("warm-up cell `" + cell + "` failed: " + reply);
                }
            }
            var complete = new JsonObject();
            complete.addProperty("code", "System.out.pr");
            complete.addProperty("cursor_pos", 13);
            request(client, "complete_request", complete);
            isComplete(client);

            var shutdown = new JsonObject();
            shutdown.addProperty("restart", false);
            if (client.awaitControlReply(client.sendControl("shutdown_request", shutdown), TIMEOUT_MILLIS) == null) {
                throw new IllegalStateException("warm-up: no shutdown_reply");
            }
        }
        kernel.server().awaitShutdown();
        kernel.server().close();
    }

    /** What jupyter console asks as a function is typed: its first answer must come within a second. */
    private static void isComplete(WireClient client) {
        for (String code : List.of("int twice(int x) {", "int twice(int x) {\n    return 2 * x;\n}", "void f()")) {
            var content = new JsonObject();
            content.addProperty("code", code);
            request(client, "is_complete_request", content);
        }
    }

    /** Sends a shell request and waits for its reply and for the idle status that ends it. */
    private static JsonObject request(WireClient client, String type, JsonObject content) {
        String id = client.sendShell(type, content);
        var reply = client.awaitShellReply(id, TIMEOUT_MILLIS);
        if (reply == null || !client.awaitIdle(id, TIMEOUT_MILLIS)) {
            throw new IllegalStateException(
                    "warm-up: no answer to " + type + " within " + TIMEOUT_MILLIS / 1000 + " s");
        }
        return reply.content();
    }
}
