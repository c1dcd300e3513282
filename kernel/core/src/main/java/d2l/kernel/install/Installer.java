package d2l.kernel.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.memory.ByteSize;
import d2l.kernel.memory.MemoryAdvice;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs the kernelspecs that {@code mvn package} leaves in {@code kernel/target/kernelspecs/}
 * into Jupyter's data directory, without needing the {@code jupyter} command:
 *
 * <pre>
 * java -cp 'kernel/target/kernelspecs/java/lib/*' d2l.kernel.install.Installer [options]
 *   --prefix DIR      install into DIR/share/jupyter/kernels (like jupyter kernelspec install --prefix)
 *   --kernels-dir DIR install into DIR directly
 *                     (default: $JUPYTER_DATA_DIR/kernels or the platform's user data dir)
 *   --kernel NAME     install only this kernelspec (repeatable; default: all)
 *   --java PATH       java executable the kernel runs on (default: the one running the installer)
 *   --heap SIZE       maximum Java heap per kernel, e.g. 2g (the chapter kernel's default: 1g)
 *   --offheap SIZE    maximum memory of ND4J's arrays outside the heap, e.g. 2g (chapter kernel: 1g);
 *                     also sets JavaCPP's maxbytes, and its maxphysicalbytes to heap + offheap + 1g
 *   --jvm-opt OPT     extra JVM option (repeatable)
 *   --source DIR      where the built kernelspecs are (default: found from this jar's location)
 *   --no-cds          skip recording a class-data archive (see below)
 * </pre>
 *
 * <p>After copying, the installer starts each kernel once in warm-up mode with
 * {@code -XX:ArchiveClassesAtExit} and adds the recorded archive to the kernel's JVM options:
 * JShell's compiler then loads from a memory-mapped archive, roughly halving start-up. The
 * archive matches exactly this java and these jars; if either changes the JVM ignores it.
 *
 * <p>With {@code --heap} and {@code --offheap} a teacher bounds each student's kernel on a shared
 * machine; a cell that goes beyond them gets an error saying which limit it hit and how to raise it,
 * and the kernel keeps running. They replace the kernelspec's own values.
 *
 * The installed kernel.json has absolute paths: the java executable and the kernelspec
 * directory ({@code {resource_dir}}) are resolved at install time.
 */
public final class Installer {
    /** Parsed command line. */
    record Options(
            Path source,
            Path kernelsDir,
            List<String> kernels,
            String java,
            List<String> jvmOptions,
            boolean cds,
            String offheap) {
        Options(Path source, Path kernelsDir, List<String> kernels, String java, List<String> jvmOptions, boolean cds) {
            this(source, kernelsDir, kernels, java, jvmOptions, cds, null);
        }
    }

    static final String MAX_BYTES = "-Dorg.bytedeco.javacpp.maxbytes=";
    static final String MAX_PHYSICAL_BYTES = "-Dorg.bytedeco.javacpp.maxphysicalbytes=";
    /** Room for the JVM itself, the class-data archive and native libraries on top of heap and arrays. */
    static final long PROCESS_OVERHEAD = 1L << 30;

    private Installer() {}

    public static void main(String[] args) {
        try {
            var options = parse(args, System.getenv());
            for (Path installed : install(options))
                System.out.println("Installed kernelspec " + installed.getFileName() + " in " + installed);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("Installer: " + e.getMessage());
            System.exit(1);
        }
    }

    static Options parse(String[] args, Map<String, String> env) throws IOException {
        Path source = null;
        Path kernelsDir = null;
        var kernels = new ArrayList<String>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var jvm = new ArrayList<String>();
        boolean cds = true;
        String offheap = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--prefix" ->
                    kernelsDir = JupyterPaths.prefixKernels(
                            Path.of(need(value, "--prefix")).toAbsolutePath());
                case "--kernels-dir" ->
                    kernelsDir = Path.of(need(value, "--kernels-dir")).toAbsolutePath();
                case "--kernel" -> kernels.add(need(value, "--kernel"));
                case "--java" ->
                    java = Path.of(need(value, "--java")).toAbsolutePath().toString();
                case "--heap" -> jvm.add("-Xmx" + size(need(value, "--heap"), "--heap"));
                case "--offheap" -> offheap = size(need(value, "--offheap"), "--offheap");
                case "--jvm-opt" -> jvm.add(need(value, "--jvm-opt"));
                case "--source" -> source = Path.of(need(value, "--source")).toAbsolutePath();
                case "--user" -> {
                    continue;
                }
                case "--no-cds" -> {
                    cds = false;
                    continue;
                }
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + " (see the class documentation of d2l.kernel.install.Installer)");
            }
            i++;
        }
        if (source == null) source = builtKernelspecs();
        if (kernelsDir == null)
            kernelsDir = JupyterPaths.userKernels(
                    env, System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
        if (!Files.isExecutable(Path.of(java)))
            throw new IllegalArgumentException("--java " + java + " is not an executable");
        return new Options(source, kernelsDir, kernels, java, jvm, cds, offheap);
    }

    private static String need(String value, String option) {
        if (value == null || value.startsWith("--")) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }

    private static String size(String value, String option) {
        try {
            ByteSize.parse(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** This class runs from {@code <kernelspecs>/<name>/lib/d2l-kernel.jar}. */
    private static Path builtKernelspecs() {
        try {
            Path jar = Path.of(Installer.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path candidate = jar.getParent() == null ? null : jar.getParent().getParent();
            if (candidate != null && candidate.getParent() != null && Files.exists(candidate.resolve("kernel.json"))) {
                return candidate.getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Fall through to the explanation below.
        }
        throw new IllegalArgumentException(
                "cannot find the built kernelspecs; run `mvn package` and pass --source kernel/target/kernelspecs");
    }

    static List<Path> install(Options options) throws IOException {
        var specs = new ArrayList<Path>();
        try (var dirs = Files.list(options.source())) {
            dirs.filter(d -> Files.exists(d.resolve("kernel.json")))
                    .filter(d -> options.kernels().isEmpty()
                            || options.kernels().contains(d.getFileName().toString()))
                    .sorted()
                    .forEach(specs::add);
        }
        if (specs.isEmpty())
            throw new IllegalArgumentException("no kernelspecs"
                    + (options.kernels().isEmpty() ? "" : " named " + options.kernels()) + " in " + options.source());
        var installed = new ArrayList<Path>();
        for (Path spec : specs) {
            Path target = options.kernelsDir().resolve(spec.getFileName().toString());
            copyTree(spec, target);
            Path kernelJson = target.resolve("kernel.json");
            Files.writeString(kernelJson, rewrite(Files.readString(kernelJson), target, options));
            if (options.cds()) {
                ClassDataArchive.record(kernelJson);
            } else {
                ClassDataArchive.remove(kernelJson); // the built kernelspec's archive fits only its own jars
            }
            installed.add(target);
        }
        return installed;
    }

    /**
     * Absolute java, absolute resource paths, and the requested JVM options placed after the
     * kernelspec's own and before {@code -cp}; a requested {@code -Xmx} or {@code -Dname=} replaces the
     * kernelspec's. {@code --offheap} also goes into the kernel's environment for ND4J.
     */
    static String rewrite(String kernelJson, Path target, Options options) {
        JsonObject json = JsonParser.parseString(kernelJson).getAsJsonObject();
        var argv = json.getAsJsonArray("argv");
        int cp = -1;
        for (int i = 1; i < argv.size() && cp < 0; i++) {
            String arg = argv.get(i).getAsString();
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")) cp = i;
        }
        if (cp < 0) throw new IllegalArgumentException(target + "/kernel.json has no -cp in its argv");
        var jvm = new ArrayList<String>();
        String resourceDir = target.toAbsolutePath().toString();
        for (int i = 1; i < cp; i++) jvm.add(argv.get(i).getAsString().replace("{resource_dir}", resourceDir));
        var requested = new ArrayList<>(options.jvmOptions());
        if (options.offheap() != null) requested.add(MAX_BYTES + options.offheap());
        for (String option : requested) {
            jvm.removeIf(existing -> key(existing).equals(key(option)));
            jvm.add(option);
        }
        if (options.offheap() != null) {
            jvm.removeIf(existing -> existing.startsWith(MAX_PHYSICAL_BYTES));
            long heap = jvm.stream()
                    .filter(o -> o.startsWith("-Xmx"))
                    .map(o -> ByteSize.parse(o.substring(4)))
                    .reduce((x, y) -> y)
                    .orElse(Runtime.getRuntime().maxMemory());
            jvm.add(MAX_PHYSICAL_BYTES + (heap + ByteSize.parse(options.offheap()) + PROCESS_OVERHEAD));
            var env = json.has("env") ? json.getAsJsonObject("env") : new JsonObject();
            env.addProperty(MemoryAdvice.OFFHEAP_VARIABLE, options.offheap());
            json.add("env", env);
        }
        var rewritten = new JsonArray();
        rewritten.add(options.java());
        jvm.forEach(rewritten::add);
        for (int i = cp; i < argv.size(); i++)
            rewritten.add(argv.get(i).getAsString().replace("{resource_dir}", resourceDir));
        json.add("argv", rewritten);
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(json) + "\n";
    }

    /** What makes two JVM options the same setting: {@code -Xmx}, {@code -Dname}, or the whole option. */
    private static String key(String option) {
        if (option.startsWith("-Xmx")
                || option.startsWith("-Xms")
                || option.startsWith("-Xss")
                || option.startsWith("-Xmn")) return option.substring(0, 4);
        if (option.startsWith("-D") && option.contains("=")) return option.substring(0, option.indexOf('=') + 1);
        if (option.startsWith("-XX:") && option.contains("=")) return option.substring(0, option.indexOf('=') + 1);
        return option;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to.resolve("lib"))) {
            // Drop jars of an older install so two versions never share a class path.
            try (var old = Files.walk(to.resolve("lib"))) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
