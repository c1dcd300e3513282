package d2l.kernel.client;

import d2l.kernel.protocol.ConnectionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/** A kernel started from its kernelspec's argv, the way Jupyter starts it, with a client attached. */
public final class KernelProcess implements AutoCloseable {
    private final Process process;
    private final Path connectionFile;
    private final Path log;
    public final WireClient client;

    private KernelProcess(Process process, Path connectionFile, Path log, WireClient client) {
        this.process = process;
        this.connectionFile = connectionFile;
        this.log = log;
        this.client = client;
    }

    public static KernelProcess start(KernelSpec spec) throws IOException {
        var connection = ConnectionInfo.fresh();
        var connectionFile = Files.createTempFile("kernel-", ".json");
        connection.write(connectionFile);
        var argv = new ArrayList<String>();
        for (var arg : spec.argv()) {
            argv.add(arg.replace("{connection_file}", connectionFile.toString())
                    .replace("{resource_dir}", spec.directory().toString()));
        }
        var log = Files.createTempFile("kernel-", ".log");
        var builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(spec.env());
        var process = builder.start();
        return new KernelProcess(process, connectionFile, log, new WireClient(connection));
    }

    /** The kernel's own console output, for error messages when it misbehaves. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the kernel to shut down, then makes sure its process (and children) are gone. */
    @Override
    public void close() {
        try {
            var id = client.sendControl("shutdown_request", shutdownContent());
            client.awaitControlReply(id, 3000);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            client.close();
            try {
                Files.deleteIfExists(connectionFile);
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // Temp files only.
            }
        }
    }

    private static com.google.gson.JsonObject shutdownContent() {
        var content = new com.google.gson.JsonObject();
        content.addProperty("restart", false);
        return content;
    }
}
