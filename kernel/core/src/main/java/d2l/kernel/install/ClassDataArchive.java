package d2l.kernel.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records a dynamic class-data-sharing archive for a kernelspec: runs the kernel's own command line
 * in warm-up mode with {@code -XX:ArchiveClassesAtExit}, then adds {@code -XX:SharedArchiveFile} to
 * its argv. Failure only costs speed, so it is reported and skipped.
 *
 * <p>An installed kernelspec (absolute paths) gets the archive's absolute path; a built one, whose
 * argv still says {@code {resource_dir}}, gets {@code {resource_dir}/kernel.jsa}, which Jupyter and
 * the benchmark resolve. The archive fits only the java and the jars it was recorded with; the JVM
 * ignores it otherwise, so a kernelspec copied elsewhere still starts, only slower.
 *
 * <pre>java -cp ... d2l.kernel.install.ClassDataArchive KERNELSPEC_DIR...</pre>
 * records one for each directory (the build does this for {@code target/kernelspecs/*}).
 */
public final class ClassDataArchive {
    static final String FILE = "kernel.jsa";
    static final String OPTION = "-XX:SharedArchiveFile=";
    /** A copy of the kernelspec (jupyter kernelspec install) has other jars: the JVM ignores the archive, quietly. */
    static final String QUIET = "-Xlog:cds*=off";

    private static final String RESOURCE_DIR = "{resource_dir}";

    private ClassDataArchive() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("Usage: ClassDataArchive KERNELSPEC_DIR...");
            System.exit(2);
        }
        for (String dir : args) {
            Path kernelJson = Path.of(dir, "kernel.json");
            if (!Files.isRegularFile(kernelJson)) {
                System.err.println("ClassDataArchive: no kernel.json in " + dir);
                System.exit(1);
            }
            if (record(kernelJson))
                System.out.println("Recorded a class-data archive for "
                        + kernelJson.getParent().getFileName());
        }
    }

    /** Returns whether an archive was recorded and added to the kernelspec's argv. */
    static boolean record(Path kernelJson) throws IOException {
        var json = JsonParser.parseString(Files.readString(kernelJson)).getAsJsonObject();
        Path archive = kernelJson.toAbsolutePath().resolveSibling(FILE);
        remove(kernelJson, json);
        var argv = json.getAsJsonArray("argv");
        String resourceDir = kernelJson.toAbsolutePath().getParent().toString();
        boolean template = false;

        var command = new ArrayList<String>();
        command.add(argv.get(0).getAsString());
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i).getAsString();
            template |= arg.contains(RESOURCE_DIR);
            if (!arg.equals("{connection_file}")) command.add(arg.replace(RESOURCE_DIR, resourceDir));
        }
        command.add("--warmup");
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (json.has("env"))
            json.getAsJsonObject("env").entrySet().forEach(e -> builder.environment()
                    .put(e.getKey(), e.getValue().getAsString()));
        String log;
        int exit;
        try {
            var process = builder.start();
            process.getOutputStream().close();
            log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = process.waitFor(5, TimeUnit.MINUTES) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (exit != 0 || !Files.exists(archive)) {
            Files.deleteIfExists(archive); // the JVM writes one at exit even when the warm-up failed
            System.err.println(
                    "Note: no class-data archive for " + kernelJson.getParent().getFileName()
                            + " (the kernel works, it only starts slower). Warm-up said:\n" + tail(log));
            write(kernelJson, json);
            return false;
        }
        var rewritten = new JsonArray();
        rewritten.add(argv.get(0));
        rewritten.add(OPTION + (template ? RESOURCE_DIR + "/" + FILE : archive.toString()));
        rewritten.add(QUIET);
        for (int i = 1; i < argv.size(); i++) rewritten.add(argv.get(i));
        json.add("argv", rewritten);
        write(kernelJson, json);
        return true;
    }

    /** Takes a kernelspec's archive out of its argv and deletes the file (an install with --no-cds). */
    static void remove(Path kernelJson) throws IOException {
        var json = JsonParser.parseString(Files.readString(kernelJson)).getAsJsonObject();
        remove(kernelJson, json);
        write(kernelJson, json);
    }

    private static void remove(Path kernelJson, JsonObject json) throws IOException {
        Files.deleteIfExists(kernelJson.toAbsolutePath().resolveSibling(FILE));
        var kept = new JsonArray();
        for (var arg : json.getAsJsonArray("argv")) {
            if (!arg.getAsString().startsWith(OPTION) && !arg.getAsString().equals(QUIET)) kept.add(arg);
        }
        json.add("argv", kept);
    }

    private static void write(Path kernelJson, JsonObject json) throws IOException {
        Files.writeString(
                kernelJson,
                new GsonBuilder()
                                .setPrettyPrinting()
                                .disableHtmlEscaping()
                                .create()
                                .toJson(json) + "\n");
    }

    private static String tail(String log) {
        List<String> lines = log.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
