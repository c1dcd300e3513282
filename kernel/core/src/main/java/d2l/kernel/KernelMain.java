package d2l.kernel;

import d2l.kernel.eval.Session;
import d2l.kernel.eval.SessionConfig;
import d2l.kernel.eval.Stdio;
import d2l.kernel.protocol.ConnectionInfo;
import d2l.kernel.protocol.Handlers;
import d2l.kernel.protocol.KernelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Starts the kernel: {@code java -cp ... d2l.kernel.KernelMain [--startup file.jsh]... connection.json}.
 * The JShell session starts on its own thread while the sockets open, which hides most of its
 * warm-up behind Jupyter's first kernel_info round trip.
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path connectionFile = null;
        boolean warmup = false;
        var config = SessionConfig.fromEnvironment();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--startup" ->
                    config = config.withStartupScript(Files.readString(Path.of(requireValue(args, ++i, "--startup"))));
                case "--warmup" -> warmup = true;
                default -> {
                    if (args[i].startsWith("--")) usage("Unknown option " + args[i]);
                    connectionFile = Path.of(args[i]);
                }
            }
        }
        if (warmup) {
            WarmUp.run(config);
            System.exit(0);
        }
        if (connectionFile == null) usage("Missing the connection file");
        ConnectionInfo connection;
        try {
            connection = ConnectionInfo.read(connectionFile);
        } catch (java.io.IOException | RuntimeException e) {
            Stdio.log().println("Cannot use the connection file " + connectionFile + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        Running kernel;
        try {
            kernel = start(config, connection);
        } catch (KernelServer.BindFailure e) {
            Stdio.log().println(e.getMessage());
            System.exit(3);
            return;
        }
        var server = kernel.server();
        var session = kernel.session();
        ParentWatch.start(System.getenv("JPY_PARENT_PID"), () -> exitOrphaned(session));
        server.awaitShutdown();
        // close() waits for the shell thread's request to end; a cell deaf to its interrupt must not
        // keep a shut-down kernel alive.
        haltAfter(3000);
        server.close();
        System.exit(0);
    }

    /** A started kernel: its server answering requests and its session, which may still be starting. */
    record Running(KernelServer server, CompletableFuture<Session> session) {}

    /**
     * Starts the session on its own thread, then binds the sockets and serves.
     *
     * @throws KernelServer.BindFailure if a port is taken
     */
    static Running start(SessionConfig config, ConnectionInfo connection) {
        // An ipc socket path that cannot be bound ends the kernel before the session's start takes the CPU.
        KernelServer.checkIpcPaths(connection);
        Stdio.install();
        var session = CompletableFuture.supplyAsync(() -> Session.start(config), runnable -> {
            var thread = new Thread(runnable, "session-start");
            thread.setDaemon(true);
            thread.start();
        });
        var server = new KernelServer(connection);
        server.start(new Handlers(session));
        return new Running(server, session);
    }

    /**
     * Nobody is left to talk to: stop the running cell and exit. Should exiting hang (a shutdown
     * hook a cell added that never returns), the process halts after a few seconds.
     */
    private static void exitOrphaned(CompletableFuture<Session> session) {
        haltAfter(3000);
        if (session.isDone() && !session.isCompletedExceptionally())
            session.join().interrupt();
        System.exit(0);
    }

    /** Halts the process if it has not exited within {@code millis}. */
    private static void haltAfter(long millis) {
        var halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(1);
                },
                "exit-halt");
        halt.setDaemon(true);
        halt.start();
    }

    private static String requireValue(String[] args, int i, String option) {
        if (i >= args.length) usage(option + " needs a value");
        return args[i];
    }

    private static void usage(String problem) {
        Stdio.log()
                .println(
                        problem
                                + "\nUsage: java -cp <kernel jars> d2l.kernel.KernelMain [--startup script.jsh]... <connection-file.json>");
        System.exit(2);
    }
}
