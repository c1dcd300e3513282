package d2l.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * A directory of downloaded data files, each verified by its SHA-1.
 *
 * <p>{@link #fetch} returns the cached copy when its checksum matches; otherwise it downloads to
 * a temporary file in the same directory, checks the checksum, and only then moves the file into
 * place atomically. A failed or corrupt download therefore never replaces (or becomes) the
 * cached file, and a corrupt cached file is simply downloaded again.
 */
public final class DataCache {
    /**
     * Where the data directory comes from, in order: this environment variable, then
     * {@link #SYSTEM_PROPERTY}, then {@code $XDG_CACHE_HOME/d2l-java/data}, then
     * {@code $HOME/.cache/d2l-java/data}, and only then Java's {@code user.home}.
     * ({@code user.home} comes from the password file, so students of a hub who share one system
     * account but have their own {@code HOME} would otherwise share one cache.)
     */
    public static final String ENV_VARIABLE = "D2L_DATA";
    /** The system property that comes second. */
    public static final String SYSTEM_PROPERTY = "d2l.data";

    /** How long to wait to connect, and then for the whole download; the book is 179 kB. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Duration timeout;

    public DataCache(Path directory) {
        this(directory, DEFAULT_TIMEOUT);
    }

    public DataCache(Path directory, Duration timeout) {
        this.directory = directory.toAbsolutePath();
        this.timeout = timeout;
    }

    /** The cache chosen by the settings listed at {@link #ENV_VARIABLE}. */
    public static DataCache fromEnvironment() {
        return new DataCache(
                chooseDirectory(System.getenv(), System.getProperty(SYSTEM_PROPERTY), System.getProperty("user.home")));
    }

    /** The first setting that is set and not blank, in the order listed at {@link #ENV_VARIABLE}. */
    static Path chooseDirectory(Map<String, String> env, String propertyValue, String userHome) {
        String explicit = firstSet(env.get(ENV_VARIABLE), propertyValue);
        if (explicit != null) return Path.of(explicit);
        String xdgCache = firstSet(env.get("XDG_CACHE_HOME"));
        if (xdgCache != null) return Path.of(xdgCache, "d2l-java", "data");
        String home = firstSet(env.get("HOME"), userHome);
        return Path.of(home == null ? "." : home, ".cache", "d2l-java", "data");
    }

    private static String firstSet(String... settings) {
        for (String setting : settings) {
            if (setting != null && !setting.isBlank()) return setting.strip();
        }
        return null;
    }

    /** Where the data goes when neither {@code D2L_DATA} nor {@code d2l.data} is set. */
    public static Path defaultDirectory() {
        var env = new HashMap<>(System.getenv());
        env.remove(ENV_VARIABLE);
        return chooseDirectory(env, null, System.getProperty("user.home"));
    }

    public Path directory() {
        return directory;
    }

    /**
     * The verified local copy of {@code fileName}, downloading it from {@code source} if it is
     * missing or its SHA-1 differs from {@code sha1}.
     *
     * @throws DataUnavailableException if the file cannot be obtained; the message names the
     *     directory, the URL and what to do
     */
    public Path fetch(String fileName, URI source, String sha1) {
        Path target = directory.resolve(fileName);
        try {
            if (Files.isRegularFile(target) && Sha1.of(target).equalsIgnoreCase(sha1)) return target;
        } catch (IOException e) {
            // Unreadable cached copy: treat it like a missing one and download again.
        }
        try {
            download(source, target, sha1);
            return target;
        } catch (IOException | RuntimeException e) {
            throw unavailable(fileName, source, sha1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(fileName, source, sha1, e);
        }
    }

    private void download(URI source, Path target, String sha1) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, target.getFileName() + ".", ".part");
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpRequest request =
                    HttpRequest.newBuilder(source).timeout(timeout).GET().build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(temp));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode() + " from " + source);
            }
            String actual = Sha1.of(temp);
            if (!actual.equalsIgnoreCase(sha1)) {
                throw new IOException("downloaded file has SHA-1 " + actual + ", expected " + sha1);
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The exception and its causes in a few words, e.g. "ConnectException: UnresolvedAddressException". */
    private static String describe(Throwable error) {
        var parts = new ArrayList<String>();
        for (Throwable t = error; t != null && parts.size() < 4; t = t.getCause()) {
            String message = t.getMessage();
            String part = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
            if (!parts.contains(part)) parts.add(part);
        }
        return String.join(": ", parts);
    }

    private DataUnavailableException unavailable(String fileName, URI source, String sha1, Exception cause) {
        String reason = describe(cause);
        String message = """
                Cannot get %s: it is not in %s (or its SHA-1 is not %s), and downloading it from %s failed: %s.
                Fix: copy a good %s into %s, or set the environment variable %s to a directory that has it.""".formatted(fileName, directory, sha1, source, reason, fileName, directory, ENV_VARIABLE);
        return new DataUnavailableException(message, cause);
    }
}
