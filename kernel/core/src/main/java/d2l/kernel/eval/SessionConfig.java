package d2l.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a session starts with. {@link #fromEnvironment} reads IJava's variables:
 * {@code IJAVA_CLASSPATH} (path list, entries may end in {@code *}), {@code IJAVA_COMPILER_OPTS}
 * (space separated), {@code IJAVA_STARTUP_SCRIPTS_PATH} (path list of {@code .jsh} files or
 * globs), {@code IJAVA_STARTUP_SCRIPT} (code) and {@code IJAVA_TIMEOUT} (milliseconds per cell,
 * -1 for none).
 *
 * @param classpath        extra class path entries for the session
 * @param compilerOptions  javac options, e.g. {@code --enable-preview}
 * @param startupScripts   code run silently before the first cell, in order
 * @param timeoutMillis    a cell running longer is stopped; 0 or less means no limit
 */
public record SessionConfig(
        List<String> classpath, List<String> compilerOptions, List<String> startupScripts, long timeoutMillis) {
    public SessionConfig {
        classpath = List.copyOf(classpath);
        compilerOptions = List.copyOf(compilerOptions);
        startupScripts = List.copyOf(startupScripts);
    }

    public static SessionConfig defaults() {
        return new SessionConfig(List.of(), List.of(), List.of(), -1);
    }

    public static SessionConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static SessionConfig fromEnvironment(Map<String, String> env) {
        var classpath = new ArrayList<String>();
        for (String entry : split(env.get("IJAVA_CLASSPATH"), File.pathSeparator)) classpath.addAll(expandJars(entry));
        var options = split(env.get("IJAVA_COMPILER_OPTS"), "\\s+");
        var scripts = new ArrayList<String>();
        for (String pattern : split(env.get("IJAVA_STARTUP_SCRIPTS_PATH"), File.pathSeparator)) {
            for (Path file : glob(pattern)) scripts.add(read(file));
        }
        String inline = env.get("IJAVA_STARTUP_SCRIPT");
        if (inline != null && !inline.isBlank()) scripts.add(inline);
        long timeout = parseTimeout(env.get("IJAVA_TIMEOUT"));
        return new SessionConfig(classpath, options, scripts, timeout);
    }

    public SessionConfig withStartupScript(String code) {
        var scripts = new ArrayList<>(startupScripts);
        scripts.add(code);
        return new SessionConfig(classpath, compilerOptions, scripts, timeoutMillis);
    }

    public SessionConfig withClasspath(List<String> entries) {
        var all = new ArrayList<>(classpath);
        all.addAll(entries);
        return new SessionConfig(all, compilerOptions, startupScripts, timeoutMillis);
    }

    public SessionConfig withTimeout(long millis) {
        return new SessionConfig(classpath, compilerOptions, startupScripts, millis);
    }

    private static long parseTimeout(String value) {
        if (value == null || value.isBlank()) return -1;
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "IJAVA_TIMEOUT must be milliseconds (or -1 for none), got '" + value + "'");
        }
    }

    private static List<String> split(String value, String separator) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.trim().split(separator))
                .filter(s -> !s.isBlank())
                .toList();
    }

    /** {@code dir/*} means every jar in dir, as on the java command line. */
    static List<String> expandJars(String entry) {
        if (!entry.endsWith("*")) return List.of(entry);
        Path dir = Path.of(entry.substring(0, entry.length() - 1));
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot list class path directory " + dir + ": " + e.getMessage());
        }
    }

    static List<Path> glob(String pattern) {
        Path literal = Path.of(pattern);
        if (Files.isRegularFile(literal)) return List.of(literal);
        Path dir = literal.getParent() == null ? Path.of(".") : literal.getParent();
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + literal.getFileName());
        try (var files = Files.list(dir)) {
            return files.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("Start-up script " + pattern + " not found: " + e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read start-up script " + file + ": " + e.getMessage());
        }
    }
}
