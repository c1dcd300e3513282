package d2l.kernel.bench;

import com.google.gson.JsonObject;
import d2l.kernel.client.KernelProcess;
import d2l.kernel.client.KernelSpec;
import d2l.kernel.client.WireClient;
import d2l.kernel.protocol.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark: cold start of a kernel process to its first {@code execute_reply}, and the round
 * trip of a trivial cell over ZeroMQ (request sent to reply received, and to the iopub idle that
 * tells a front end the cell is done), for our kernels and rapaio-jupyter-kernel side by side.
 * Prints a table; not a test.
 *
 * <pre>
 * java -cp ... d2l.kernel.bench.KernelBenchmark [--starts N] [--rounds N]
 *      [--kernelspecs DIR | --kernelspec DIR ...] [--rapaio-jar JAR]
 * </pre>
 */
public final class KernelBenchmark {
    static final String RAPAIO = "io.github.padreati:rapaio-jupyter-kernel:3.0.1";
    private static final String TRIVIAL_CELL = "1 + 1";
    private static final long TIMEOUT_MS = 120_000;
    /** How long a started kernel may take to answer its first kernel_info once its heartbeat is up. */
    private static final long READY_TIMEOUT_MS = 20_000;

    /** Medians for one kernel; {@code infoMs} is a kernel_info round trip: protocol cost without evaluation. */
    record Result(
            String kernel,
            double coldStartMs,
            double replyMs,
            double idleMs,
            double replyP90Ms,
            double infoMs,
            String note) {}

    public static void main(String[] args) throws Exception {
        var starts = 3;
        var rounds = 200;
        var kernelspecs = Path.of("kernel", "target", "kernelspecs");
        var chosen = new ArrayList<Path>();
        // Where `mvn -pl kernel/bench -am -Prapaio package` puts the peer kernel (run from the checkout's root).
        var rapaioJar = Path.of("kernel", "target", "bench", "peers", "rapaio-jupyter-kernel-3.0.1.jar");
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--starts" -> starts = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--kernelspecs" -> kernelspecs = Path.of(args[++i]);
                case "--kernelspec" -> chosen.add(Path.of(args[++i]));
                case "--verbose" -> verbose = true;
                case "--rapaio-jar" -> rapaioJar = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: KernelBenchmark [--starts N] [--rounds N] [--kernelspecs DIR | --kernelspec DIR...]"
                            + " [--rapaio-jar JAR] [--verbose]");
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(kernelspecs.resolve("java"));
            chosen.add(kernelspecs.resolve("d2l-rnn"));
        }
        var kernels = new ArrayList<KernelSpec>();
        for (var dir : chosen) {
            if (!Files.isRegularFile(dir.resolve("kernel.json"))) {
                throw new IllegalArgumentException(
                        "no kernelspec " + dir + "; run `mvn -pl kernel/core -am package` first");
            }
            kernels.add(KernelSpec.read(dir));
        }
        if (Files.isRegularFile(rapaioJar)) {
            kernels.add(rapaio(rapaioJar));
        } else {
            System.out.println("No " + RAPAIO + " at " + rapaioJar + ": measuring our kernels only. Fetch it with"
                    + " `mvn -B -pl kernel/bench -am -Prapaio -DskipTests package`, or pass --rapaio-jar JAR.");
        }

        System.out.printf(
                "Kernel benchmark: %d cold starts, each followed by %d round trips of `%s`; %d cores, Java %s,"
                        + " load average %.2f%n",
                starts,
                rounds,
                TRIVIAL_CELL,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAverage());
        var results = new ArrayList<Result>();
        for (var kernel : kernels) {
            results.add(measure(kernel, starts, rounds));
        }
        System.out.println(table(results));
        // Starts and round trips mean little on a busy machine: say how busy it was.
        System.out.printf("load average %.2f at the end%n", loadAverage());
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** rapaio's installer writes {@code java -jar <jar> {connection_file}}; we launch it the same way. */
    static KernelSpec rapaio(Path jar) {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new KernelSpec(
                "rapaio 3.0.1", jar.getParent(), List.of(java, "-jar", jar.toString(), "{connection_file}"), Map.of());
    }

    /** Prints each cold start's phases (--verbose). */
    static boolean verbose;

    static Result measure(KernelSpec kernel, int starts, int rounds) throws IOException {
        var cold = new double[starts];
        var reply = new double[starts * rounds];
        var idle = new double[starts * rounds];
        var info = new double[starts * rounds];
        var lostStarts = 0;
        for (var s = 0; s < starts; s++) {
            // Cold start as a front end lives it: launch, heartbeat, kernel_info, then the first cell.
            var t0 = System.nanoTime();
            try (var running = KernelProcess.start(kernel)) {
                var heartbeatOk = running.client.awaitHeartbeat(READY_TIMEOUT_MS);
                var tHeartbeat = System.nanoTime();
                if (!heartbeatOk || !running.client.awaitReady(READY_TIMEOUT_MS)) {
                    // A kernel that hangs at start or drops a request arriving right after its heartbeat is
                    // up has a start-up race; count it, and start again rather than report no numbers.
                    if (++lostStarts > 2 * starts) {
                        return failed(
                                kernel,
                                "not ready in " + lostStarts + " starts (process "
                                        + (running.isAlive() ? "alive" : "exited") + "); log:\n" + running.log());
                    }
                    s--;
                    continue;
                }
                var tInfo = System.nanoTime();
                var first = execute(running, TRIVIAL_CELL);
                cold[s] = (System.nanoTime() - t0) / 1e6;
                if (verbose) {
                    System.out.printf(
                            "  %s start %d: heartbeat %.0f ms, kernel_info %.0f ms, first cell %.0f ms%n",
                            kernel.name(),
                            s + 1,
                            (tHeartbeat - t0) / 1e6,
                            (tInfo - tHeartbeat) / 1e6,
                            (System.nanoTime() - tInfo) / 1e6);
                }
                if (first == null) {
                    return failed(
                            kernel, "no execute_reply within " + TIMEOUT_MS / 1000 + " s; log:\n" + running.log());
                }
                // Every start contributes its rounds: one process's JIT luck does not decide the median.
                for (var w = 0; w < 10; w++) {
                    execute(running, TRIVIAL_CELL); // Let the JIT see the request path before timing it.
                }
                var startReply = new double[rounds];
                for (var r = 0; r < rounds; r++) {
                    var timing = roundTrip(running);
                    startReply[r] = timing[0];
                    reply[s * rounds + r] = timing[0];
                    idle[s * rounds + r] = timing[1];
                    var i0 = System.nanoTime();
                    kernelInfo(running, TIMEOUT_MS);
                    info[s * rounds + r] = (System.nanoTime() - i0) / 1e6;
                }
                if (verbose)
                    System.out.println("  " + kernel.name() + " start " + (s + 1) + " round trips by tenths: "
                            + byTenths(startReply));
            }
        }
        var note = lostStarts == 0
                ? ""
                : lostStarts + " extra start(s): no heartbeat, or no kernel_info_reply to"
                        + " the first request after it, within " + READY_TIMEOUT_MS / 1000
                        + " s (a start-up race in the kernel)";
        return new Result(
                kernel.name(), median(cold), median(reply), median(idle), percentile(reply, 0.9), median(info), note);
    }

    private static Message kernelInfo(KernelProcess kernel, long timeoutMillis) {
        var id = kernel.client.sendShell("kernel_info_request", new JsonObject());
        var reply = kernel.client.awaitShellReply(id, timeoutMillis);
        if (reply != null) {
            kernel.client.awaitIdle(id, timeoutMillis);
        }
        return reply;
    }

    /** Sends one cell and waits for reply and idle; returns the reply message or null on timeout. */
    private static Message execute(KernelProcess kernel, String code) {
        var id = kernel.client.sendShell("execute_request", WireClient.executeContent(code));
        var reply = kernel.client.awaitShellReply(id, TIMEOUT_MS);
        if (reply != null) {
            kernel.client.awaitIdle(id, TIMEOUT_MS);
            var status = reply.content().get("status").getAsString();
            if (!status.equals("ok")) {
                throw new IllegalStateException("trivial cell failed: " + reply.content());
            }
        }
        return reply;
    }

    /** {reply ms, idle ms} for one trivial cell. */
    private static double[] roundTrip(KernelProcess kernel) {
        var t0 = System.nanoTime();
        var id = kernel.client.sendShell("execute_request", WireClient.executeContent(TRIVIAL_CELL));
        if (kernel.client.awaitShellReply(id, TIMEOUT_MS) == null) {
            throw new IllegalStateException("no execute_reply within " + TIMEOUT_MS / 1000 + " s");
        }
        var replied = System.nanoTime();
        if (!kernel.client.awaitIdle(id, TIMEOUT_MS)) {
            throw new IllegalStateException("no idle status within " + TIMEOUT_MS / 1000 + " s");
        }
        var idle = System.nanoTime();
        return new double[] {(replied - t0) / 1e6, (idle - t0) / 1e6};
    }

    private static Result failed(KernelSpec kernel, String why) {
        return new Result(kernel.name(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    /** Medians of each tenth of the rounds in order, to show how the JIT warms up. */
    static String byTenths(double[] values) {
        var text = new StringBuilder();
        var size = Math.max(1, values.length / 10);
        for (var from = 0; from < values.length; from += size) {
            var tenth = Arrays.copyOfRange(values, from, Math.min(values.length, from + size));
            text.append(String.format("%.1f ", median(tenth)));
        }
        return text.toString().strip() + " ms";
    }

    static double median(double[] values) {
        return percentile(values, 0.5);
    }

    static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        var position = q * (sorted.length - 1);
        var low = (int) Math.floor(position);
        var high = (int) Math.ceil(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    static String table(List<Result> results) {
        var text = new StringBuilder(String.format(
                "%-14s %12s %14s %12s %13s %14s%n",
                "kernel", "cold start", "cell median", "cell p90", "cell to idle", "kernel_info"));
        for (var r : results) {
            text.append(String.format(
                    "%-14s %9.0f ms %11.2f ms %9.2f ms %10.2f ms %11.2f ms%n",
                    r.kernel(), r.coldStartMs(), r.replyMs(), r.replyP90Ms(), r.idleMs(), r.infoMs()));
            if (!r.note().isEmpty()) {
                text.append("  ")
                        .append(r.kernel())
                        .append(": ")
                        .append(r.note())
                        .append('\n');
            }
        }
        return text.toString();
    }
}
