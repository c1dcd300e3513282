package d2l.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs one model of the training benchmark in a second JVM under the kernels' JIT settings (C1
 * only, a tenth of the usual compile thresholds, the serial collector: see the kernelspecs), so one
 * run shows both the library's speed under the full JIT and the speed a notebook gets.
 */
final class KernelJit {

    /** The kernelspecs' JIT and collector options (kernel/core/src/main/kernelspecs/d2l-rnn/kernel.json). */
    static final List<String> OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1");

    private static final Pattern SPEED = Pattern.compile("([0-9.]+) tokens/s");

    private KernelJit() {}

    /** True if this JVM already runs C1 only, as the kernels do. */
    static boolean isThisJvm() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:TieredStopAtLevel=1");
    }

    /** Trains {@code model} in the child JVM, prints its result line, and returns its tokens per second. */
    static Optional<Double> tokensPerSecond(String model, int epochs, int threads) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(OPTIONS);
        command.addAll(List.of(
                "-Xmx2g",
                "-Dbench.peer=false",
                "-Dbench.kernelJit=false",
                "-Dbench.threads=" + threads,
                "-cp",
                System.getProperty("java.class.path"),
                TrainingBenchmark.class.getName(),
                Integer.toString(epochs),
                model));
        try {
            var pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("OMP_NUM_THREADS", "1");
            Process child = pb.start();
            Double speed = null;
            var lines = new ArrayList<String>();
            try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    var m = SPEED.matcher(line);
                    if (line.startsWith("ours") && m.find()) {
                        System.out.println(line);
                        speed = Double.parseDouble(m.group(1));
                    }
                }
            }
            int exit = child.waitFor();
            if (exit != 0 || speed == null) {
                System.out.println("kernel-JIT run failed (exit " + exit + "): " + String.join("\n", lines));
                return Optional.empty();
            }
            return Optional.of(speed);
        } catch (IOException e) {
            System.out.println("kernel-JIT run skipped: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
