package d2l.kernel.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

/**
 * Records a dynamic class-data-sharing archive for an installed kernel: runs the kernel's own
 * command line in warm-up mode with {@code -XX:ArchiveClassesAtExit}, then adds
 * {@code -XX:SharedArchiveFile} to its argv. Failure only costs speed, so it is reported and skipped.
 */
final class ClassDataArchive {
    static final String FILE = "kernel.jsa";

    private ClassDataArchive() {}

    static void record(Path kernelJson) throws IOException {
        var json = JsonParser.parseString(Files.readString(kernelJson)).getAsJsonObject();
        var argv = json.getAsJsonArray("argv");
        Path archive = kernelJson.resolveSibling(FILE);
        Files.deleteIfExists(archive);

        var command = new ArrayList<String>();
        command.add(argv.get(0).getAsString());
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i).getAsString();
            if (!arg.startsWith("-XX:SharedArchiveFile=") && !arg.equals("{connection_file}")) command.add(arg);
        }
        command.add("--warmup");
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (json.has("env")) json.getAsJsonObject("env").entrySet().forEach(e -> builder.environment().put(e.getKey(), e.getValue().getAsString()));
        String log;
        int exit;
        try {
            var process = builder.start();
            process.getOutputStream().close();
            log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = process.waitFor(5, TimeUnit.MINUTES) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (exit != 0 || !Files.exists(archive)) {
            System.err.println("Note: no class-data archive for " + kernelJson.getParent().getFileName()
                    + " (the kernel works, it only starts slower). Warm-up said:\n" + tail(log));
            return;
        }
        var rewritten = new JsonArray();
        rewritten.add(argv.get(0));
        rewritten.add("-XX:SharedArchiveFile=" + archive);
        for (int i = 1; i < argv.size(); i++) {
            if (!argv.get(i).getAsString().startsWith("-XX:SharedArchiveFile=")) rewritten.add(argv.get(i));
        }
        json.add("argv", rewritten);
        Files.writeString(kernelJson, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n");
    }

    private static String tail(String log) {
        List<String> lines = log.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
