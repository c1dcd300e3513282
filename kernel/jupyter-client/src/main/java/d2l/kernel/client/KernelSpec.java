package d2l.kernel.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernelspec directory ({@code kernel.json}): the runner reads its {@code env} so an in-process
 * session gets the same class path and start-up scripts as the installed kernel would.
 */
public record KernelSpec(String name, Path directory, List<String> argv, Map<String, String> env) {

    /** No kernelspec: a plain Java session with the process environment only. */
    public static KernelSpec none() {
        return new KernelSpec("java", null, List.of(), Map.of());
    }

    public static KernelSpec read(Path directory) throws IOException {
        var file = directory.resolve("kernel.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kernel.json in " + directory);
        }
        JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                .getAsJsonObject();
        var argv = new ArrayList<String>();
        if (json.has("argv")) {
            json.getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        }
        var env = new LinkedHashMap<String, String>();
        if (json.has("env")) {
            // Jupyter substitutes {resource_dir} in argv; kernelspecs may use it in env too.
            json.getAsJsonObject("env")
                    .entrySet()
                    .forEach(e -> env.put(
                            e.getKey(),
                            e.getValue()
                                    .getAsString()
                                    .replace(
                                            "{resource_dir}",
                                            directory.toAbsolutePath().toString())));
        }
        return new KernelSpec(directory.getFileName().toString(), directory, List.copyOf(argv), Map.copyOf(env));
    }

    /**
     * Finds the kernelspec {@code wanted} that notebook {@code notebookName} names under {@code roots}
     * (each a directory of kernelspec directories). A notebook naming no kernel ({@code wanted} null)
     * runs as plain Java; naming one that is not there is an error that lists what is.
     */
    public static KernelSpec forNotebook(String wanted, String notebookName, List<Path> roots) throws IOException {
        if (wanted == null) {
            return none();
        }
        var known = new ArrayList<String>();
        for (var root : roots) {
            var candidate = root.resolve(wanted);
            if (Files.isRegularFile(candidate.resolve("kernel.json"))) {
                return read(candidate);
            }
            if (Files.isDirectory(root)) {
                try (var dirs = Files.list(root)) {
                    dirs.filter(d -> Files.isRegularFile(d.resolve("kernel.json")))
                            .forEach(d -> known.add(d.getFileName().toString()));
                }
            }
        }
        if (wanted.equals("java")) {
            return none();
        }
        throw new IllegalArgumentException("notebook " + notebookName + " asks for kernel '" + wanted
                + "' but no such kernelspec is in " + roots + " (found: " + known
                + "); build it with `mvn -pl kernel/core -am package` or pass --kernelspecs DIR");
    }

    /**
     * The kernelspec's variables a session cannot apply from inside this JVM (everything except the
     * {@code IJAVA_*} settings, which configure the session itself), e.g. {@code OMP_NUM_THREADS}.
     */
    public Map<String, String> processEnv() {
        var process = new LinkedHashMap<String, String>();
        env.forEach((key, value) -> {
            if (!key.startsWith("IJAVA_")) {
                process.put(key, value);
            }
        });
        return process;
    }

    /**
     * Start-up scripts the kernel is launched with ({@code --startup FILE} in argv, the chapter
     * kernel's way of getting its default imports), with {@code {resource_dir}} resolved.
     */
    public List<Path> startupScripts() {
        var scripts = new ArrayList<Path>();
        for (var i = 0; i < argv.size() - 1; i++) {
            if (argv.get(i).equals("--startup")) {
                scripts.add(Path.of(resolve(argv.get(i + 1))));
            }
        }
        return scripts;
    }

    /** {@code -Dname=value} options of the kernel's JVM, which the runner applies to its own. */
    public Map<String, String> systemProperties() {
        var properties = new LinkedHashMap<String, String>();
        for (var arg : argv) {
            if (arg.startsWith("-D") && arg.contains("=")) {
                var eq = arg.indexOf('=');
                properties.put(arg.substring(2, eq), resolve(arg.substring(eq + 1)));
            }
        }
        return properties;
    }

    /** The kernel JVM's {@code -XX:} options (JIT and collector), with {@code {resource_dir}} resolved. */
    public List<String> vmOptions() {
        return argv.stream()
                .filter(arg -> arg.startsWith("-XX:"))
                .map(this::resolve)
                .toList();
    }

    private String resolve(String arg) {
        return directory == null
                ? arg
                : arg.replace("{resource_dir}", directory.toAbsolutePath().toString());
    }

    /** The value the kernel would see for an environment variable: kernelspec first, then process. */
    public String variable(String key) {
        return env.containsKey(key) ? env.get(key) : System.getenv(key);
    }
}
