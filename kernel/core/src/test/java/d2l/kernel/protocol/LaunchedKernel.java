package d2l.kernel.protocol;

import com.google.gson.JsonObject;
import d2l.kernel.client.WireClient;
import d2l.kernel.client.WireClient.Exchange;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The kernel on the test class path in a process of its own (any java executable), with a
 * {@link WireClient} connected and ready. The waits tests use most take a default timeout here and
 * fail as assertions that quote the kernel's log; everything else is {@link #client()}'s.
 */
final class LaunchedKernel implements AutoCloseable {
    private static final long SHELL_MILLIS = 60_000;
    private static final long CONTROL_MILLIS = 10_000;
    private static final long NO_REPLY_MILLIS = 30_000;

    private final ConnectionInfo connection = ConnectionInfo.fresh();
    private final Path connectionFile;
    private final Process process;
    private final WireClient client;

    LaunchedKernel(String javaExecutable) throws Exception {
        this(javaExecutable, List.of(), Map.of());
    }

    /**
     * Launches the kernel's command line appended to {@code launcher} (empty: the kernel itself is
     * the child; otherwise its standard output is {@link #process()}'s), with extra environment.
     */
    LaunchedKernel(String javaExecutable, List<String> launcher, Map<String, String> environment) throws Exception {
        this(javaExecutable, launcher, List.of(), environment);
    }

    /** A kernel with extra JVM options and environment variables. */
    static LaunchedKernel withJvmOptions(String javaExecutable, List<String> jvmOptions, Map<String, String> env)
            throws Exception {
        return new LaunchedKernel(javaExecutable, List.of(), jvmOptions, env);
    }

    private LaunchedKernel(
            String javaExecutable, List<String> launcher, List<String> jvmOptions, Map<String, String> environment)
            throws Exception {
        connectionFile = Files.createTempFile("kernel-test", ".json");
        connection.write(connectionFile);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var command = new ArrayList<>(launcher);
        command.add(javaExecutable);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "d2l.kernel.KernelMain", connectionFile.toString()));
        var builder = new ProcessBuilder(command)
                .redirectOutput(launcher.isEmpty() ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE)
                .redirectError(new File(connectionFile + ".log"));
        builder.environment().putAll(environment);
        process = builder.start();
        client = new WireClient(connection);
        if (!client.awaitReady(30_000)) {
            close();
            throw new IllegalStateException("kernel not ready within 30 s; kernel log: " + log());
        }
    }

    /** The client connected to this kernel. */
    WireClient client() {
        return client;
    }

    /** The connection file's ports and key (a second client, or a forger, connects with them). */
    ConnectionInfo connection() {
        return connection;
    }

    Message request(String type, JsonObject content) {
        return client.request(type, content);
    }

    Exchange execute(String code) {
        return shell(request("execute_request", WireClient.executeContent(code)));
    }

    Exchange shell(Message request) {
        return withLog(() -> client.shell(request, SHELL_MILLIS));
    }

    Exchange control(Message request) {
        return withLog(() -> client.control(request, CONTROL_MILLIS));
    }

    void sendShell(Message request) {
        client.sendShell(request);
    }

    /** The whole answer to {@code request}, already sent on shell. */
    Exchange awaitShell(Message request, long timeoutMillis) {
        return withLog(() -> client.awaitShell(request, timeoutMillis));
    }

    /** Sends a request that gets no reply (comm_open, comm_msg, comm_close): its IOPub messages to idle. */
    List<Message> shellNoReply(Message request) {
        client.sendShell(request);
        return awaitIdle(request, NO_REPLY_MILLIS);
    }

    /** What IOPub publishes for {@code request} up to its idle status. */
    List<Message> awaitIdle(Message request, long timeoutMillis) {
        return withLog(() -> client.iopubUntilIdle(request.id(), timeoutMillis));
    }

    /** The IOPub message of {@code type} that {@code request} caused; null on timeout. */
    Message awaitIopub(Message request, String type, long timeoutMillis) {
        return client.awaitIopub(request.id(), type, timeoutMillis);
    }

    private <T> T withLog(Supplier<T> wait) {
        try {
            return wait.get();
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; kernel log:\n" + log(), e);
        }
    }

    /** The process launched: the kernel, or its launcher. */
    Process process() {
        return process;
    }

    boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String log() {
        try {
            return Files.readString(Path.of(connectionFile + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        client.close();
        Files.deleteIfExists(connectionFile);
        Files.deleteIfExists(Path.of(connectionFile + ".log"));
    }
}
