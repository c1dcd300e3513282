package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import d2l.kernel.eval.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Closing the server while its threads wait in {@code recv}, as they always do between requests.
 * When the closing thread closed their sockets itself (ZContext.close), the second or third close
 * here hung for good, the context waiting for a socket whose owner never woke up.
 */
class KernelServerCloseTest {
    private static final int CYCLES = 300;

    @Test
    void closeReturnsWhileTheServingThreadsWaitForRequests() throws Exception {
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            var server = new KernelServer(ConnectionInfo.fresh());
            server.start(new Handlers(new CompletableFuture<Session>()));
            assertTimeoutPreemptively(
                    Duration.ofSeconds(10), server::close, "close() of server " + (cycle + 1) + " of " + CYCLES);
        }
    }
}
