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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download, verification and error paths, against a local HTTP server serving the real book. */
class DataCacheTest {
    private static final Path REAL_FILE = DataCache.fromEnvironment().directory().resolve(TimeMachine.FILE_NAME);

    @TempDir Path cacheDir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] served;

    @BeforeEach
    void startServer() throws IOException {
        served = Files.readAllBytes(REAL_FILE);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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
        server.stop(0);
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
        var e = assertThrows(DataUnavailableException.class,
                () -> new TimeMachine(new DataCache(cacheDir), unreachable).readLines());
        String message = e.getMessage();
        assertTrue(message.contains(cacheDir.toString()), message);
        assertTrue(message.contains(unreachable.toString()), message);
        assertTrue(message.contains("copy a good timemachine.txt into"), message);
        assertTrue(message.contains("D2L_DATA"), message);
        assertFalse(Files.exists(cacheDir.resolve("timemachine.txt")));
    }

    @Test
    void httpErrorStatusIsReported() {
        URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nope.txt");
        var e = assertThrows(DataUnavailableException.class,
                () -> new TimeMachine(new DataCache(cacheDir), missing).file());
        assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
    }
}
