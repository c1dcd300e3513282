package d2l.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download, verification and error paths, against a local HTTP server serving the real book. */
class DataCacheTest {
    private static final Path REAL_FILE =
            DataCache.fromEnvironment().directory().resolve(TimeMachine.FILE_NAME);

    @TempDir
    Path cacheDir;

    private HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch releaseSlowServer = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] served;

    @BeforeEach
    void startServer() throws IOException {
        served = Files.readAllBytes(REAL_FILE);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow/timemachine.txt", exchange -> {
            try {
                releaseSlowServer.await(5, TimeUnit.SECONDS); // never answers within the client's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(executor);
        server.createContext("/timemachine.txt", exchange -> {
            requests.incrementAndGet();
            byte[] body = served;
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        releaseSlowServer.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/timemachine.txt");
    }

    private TimeMachine book() {
        return new TimeMachine(new DataCache(cacheDir), url());
    }

    @Test
    void downloadsOnceVerifiesAndThenReusesTheCache() throws IOException {
        Path file = book().file();
        assertEquals(cacheDir.resolve("timemachine.txt"), file);
        assertArrayEquals(Files.readAllBytes(REAL_FILE), Files.readAllBytes(file));
        assertEquals(3221, book().readLines().size());
        assertEquals(1, requests.get(), "second use reads the cached copy");
        try (var files = Files.list(cacheDir)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void corruptDownloadFailsAndLeavesNoFileInTheCache() throws IOException {
        served = "not the book".getBytes();
        var e = assertThrows(DataUnavailableException.class, () -> book().file());
        assertTrue(e.getMessage().contains("SHA-1"), e.getMessage());
        assertTrue(e.getMessage().contains(cacheDir.toString()), "names the directory: " + e.getMessage());
        try (var files = Files.list(cacheDir)) {
            assertEquals(0, files.count(), "the corrupt download did not land in the cache");
        }
        served = Files.readAllBytes(REAL_FILE);
        assertEquals(3221, book().readLines().size(), "a later good download succeeds");
    }

    @Test
    void corruptCachedFileIsReplacedByAFreshDownload() throws IOException {
        Files.writeString(cacheDir.resolve("timemachine.txt"), "truncated");
        assertEquals(3221, book().readLines().size());
        assertEquals(1, requests.get());
        assertEquals(TimeMachine.SHA1, Sha1.of(cacheDir.resolve("timemachine.txt")));
    }

    @Test
    void corruptCacheAndCorruptDownloadKeepTheOldFileUntouched() throws IOException {
        Files.writeString(cacheDir.resolve("timemachine.txt"), "truncated");
        served = "also bad".getBytes();
        assertThrows(DataUnavailableException.class, () -> book().file());
        assertEquals("truncated", Files.readString(cacheDir.resolve("timemachine.txt")));
    }

    @Test
    void unreachableHostGivesAnErrorThatSaysWhatToDo() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // free once closed: nothing listens there
        }
        URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/timemachine.txt");
        var e = assertThrows(DataUnavailableException.class, () -> new TimeMachine(new DataCache(cacheDir), unreachable)
                .readLines());
        String message = e.getMessage();
        assertTrue(message.contains(cacheDir.toString()), message);
        assertTrue(message.contains(unreachable.toString()), message);
        assertTrue(message.contains("copy a good timemachine.txt into"), message);
        assertTrue(message.contains("D2L_DATA"), message);
        assertFalse(Files.exists(cacheDir.resolve("timemachine.txt")));
    }

    @Test
    void dataDirectoryComesFromD2lDataThenThePropertyThenXdgCacheHomeThenHomeThenUserHome() {
        var all = java.util.Map.of("D2L_DATA", "/env/dir", "XDG_CACHE_HOME", "/xdg", "HOME", "/home/student7");
        assertEquals(Path.of("/env/dir"), DataCache.chooseDirectory(all, "/property/dir", "/etc-passwd-home"));
        var noD2l = java.util.Map.of("D2L_DATA", "  ", "XDG_CACHE_HOME", "/xdg", "HOME", "/home/student7");
        assertEquals(Path.of("/property/dir"), DataCache.chooseDirectory(noD2l, "/property/dir", "/etc-passwd-home"));
        assertEquals(Path.of("/xdg/d2l-java/data"), DataCache.chooseDirectory(noD2l, null, "/etc-passwd-home"));
        var homeOnly = java.util.Map.of("XDG_CACHE_HOME", "", "HOME", "/home/student7");
        assertEquals(
                Path.of("/home/student7/.cache/d2l-java/data"),
                DataCache.chooseDirectory(homeOnly, null, "/etc-passwd-home"));
        assertEquals(
                Path.of("/etc-passwd-home/.cache/d2l-java/data"),
                DataCache.chooseDirectory(java.util.Map.of(), null, "/etc-passwd-home"));
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        URI slow = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow/timemachine.txt");
        var cache = new DataCache(cacheDir, Duration.ofMillis(300));
        long start = System.nanoTime();
        var e = assertThrows(DataUnavailableException.class, () -> new TimeMachine(cache, slow).file());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "gave up long before the server would answer");
    }

    @Test
    void httpErrorStatusIsReported() {
        URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nope.txt");
        var e = assertThrows(
                DataUnavailableException.class, () -> new TimeMachine(new DataCache(cacheDir), missing).file());
        assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
    }
}
