package d2l.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Runs the PyTorch peer script {@code bench/torch_rnn.py} on one thread and parses its summary line. */
final class PeerBaseline {

    static final String PYTHON = "/usr/bin/python3";
    private static final Pattern SUMMARY = Pattern.compile("perplexity ([0-9.]+) tokens/sec ([0-9.]+) time ([0-9.]+)s");

    record Result(double perplexity, double tokensPerSecond, double seconds) {}

    private PeerBaseline() {}

    /** The shared folder: the given path, else D2L_SHARED, else a "shared" folder beside or above the working directory. */
    static Optional<Path> locateShared(String given) {
        if (given != null) return Optional.of(Path.of(given));
        String env = System.getenv("D2L_SHARED");
        if (env != null) return Optional.of(Path.of(env));
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared"), dir.resolveSibling("shared")}) {
                if (candidate != null && Files.isRegularFile(candidate.resolve("bench/torch_rnn.py"))) {
                    return Optional.of(candidate);
                }
            }
        }
        System.out.println(
                "pytorch peer skipped: no shared/bench/torch_rnn.py found; pass its folder or set D2L_SHARED");
        return Optional.empty();
    }

    /** Runs the peer, or explains why it could not. */
    static Optional<Result> run(Path shared, Path dataFile, String mode, int epochs) {
        Path script = shared.resolve("bench/torch_rnn.py");
        try {
            if (!Files.isRegularFile(script)) {
                System.out.println("pytorch peer skipped: " + script + " not found");
                return Optional.empty();
            }
            if (exec(new ProcessBuilder(PYTHON, "-c", "import torch")).exit != 0) {
                System.out.println(
                        "pytorch peer skipped: " + PYTHON + " cannot import torch (apt-get install python3-torch)");
                return Optional.empty();
            }
            var pb = new ProcessBuilder(
                    PYTHON, script.toString(), dataFile.toString(), mode, Integer.toString(epochs), "1");
            pb.environment().put("OMP_NUM_THREADS", "1");
            var out = exec(pb);
            var m = SUMMARY.matcher(out.text);
            if (out.exit != 0 || !m.find()) {
                System.out.println("pytorch peer failed (exit " + out.exit + "): " + out.text.strip());
                return Optional.empty();
            }
            return Optional.of(new Result(
                    Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
        } catch (IOException e) {
            System.out.println("pytorch peer skipped: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private record Output(int exit, String text) {}

    private static Output exec(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Output(p.waitFor(), text);
    }
}
