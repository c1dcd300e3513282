package d2l.kernel.protocol;

import java.io.IOException;

/** Connection details for a kernel server in the test's own JVM, on free loopback ports. */
final class LoopbackConnection {
    private LoopbackConnection() {}

    /** The kernel's side of {@code ports}, which a test's client connects to. */
    static ConnectionInfo of(d2l.kernel.bench.ConnectionInfo ports) {
        return new ConnectionInfo("tcp", "127.0.0.1", ports.shellPort(), ports.iopubPort(), ports.stdinPort(),
                ports.controlPort(), ports.hbPort(), ports.key(), "hmac-sha256");
    }

    static ConnectionInfo fresh() throws IOException {
        return of(d2l.kernel.bench.ConnectionInfo.fresh());
    }
}
