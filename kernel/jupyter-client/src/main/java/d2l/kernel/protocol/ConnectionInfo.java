package d2l.kernel.protocol;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The connection file Jupyter writes for a kernel: where to bind and how to sign. */
public record ConnectionInfo(
        String transport,
        String ip,
        int shellPort,
        int iopubPort,
        int stdinPort,
        int controlPort,
        int hbPort,
        String key,
        String signatureScheme) {

    public static ConnectionInfo read(Path file) throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("Connection file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(json, file.toString());
    }

    static ConnectionInfo fromJson(JsonObject json, String source) {
        String scheme = text(json, "signature_scheme", "hmac-sha256");
        if (!scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException(
                    source + ": signature_scheme " + scheme + " is not supported; use hmac-sha256");
        }
        String transport = text(json, "transport", "tcp");
        if (!transport.equals("tcp") && !transport.equals("ipc")) {
            throw new IllegalArgumentException(
                    source + ": transport \"" + transport + "\" is not supported; this kernel speaks"
                            + " \"tcp\" and \"ipc\" (Unix domain sockets), the two that Jupyter uses");
        }
        return new ConnectionInfo(
                transport,
                text(json, "ip", "127.0.0.1"),
                port(json, "shell_port", source),
                port(json, "iopub_port", source),
                port(json, "stdin_port", source),
                port(json, "control_port", source),
                port(json, "hb_port", source),
                text(json, "key", ""),
                scheme);
    }

    /** Loopback tcp on the given ports, signed with {@code key}: a kernel and its client in one JVM or on one machine. */
    public ConnectionInfo(int shellPort, int iopubPort, int stdinPort, int controlPort, int hbPort, String key) {
        this("tcp", "127.0.0.1", shellPort, iopubPort, stdinPort, controlPort, hbPort, key, "hmac-sha256");
    }

    /**
     * Five distinct free loopback ports and a random key, as a front end would choose them. The probe
     * sockets stay open until all five are picked, or the OS could hand out one port twice.
     */
    public static ConnectionInfo fresh() throws IOException {
        var probes = new ServerSocket[5];
        try {
            for (var i = 0; i < probes.length; i++) {
                probes[i] = new ServerSocket(0);
            }
            return new ConnectionInfo(
                    probes[0].getLocalPort(),
                    probes[1].getLocalPort(),
                    probes[2].getLocalPort(),
                    probes[3].getLocalPort(),
                    probes[4].getLocalPort(),
                    UUID.randomUUID().toString());
        } finally {
            for (var probe : probes) {
                if (probe != null) {
                    probe.close();
                }
            }
        }
    }

    /** Writes this as a Jupyter connection file, for a kernel started in another process. */
    public void write(Path file) throws IOException {
        var json = new JsonObject();
        json.addProperty("transport", transport);
        json.addProperty("ip", ip);
        json.addProperty("shell_port", shellPort);
        json.addProperty("iopub_port", iopubPort);
        json.addProperty("stdin_port", stdinPort);
        json.addProperty("control_port", controlPort);
        json.addProperty("hb_port", hbPort);
        json.addProperty("key", key);
        json.addProperty("signature_scheme", signatureScheme);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json));
    }

    /** Where a front end connects for {@code port}: {@code tcp://ip:port}, or {@code ipc://ip-port}. */
    public String endpoint(int port) {
        return isIpc() ? "ipc://" + ipcPath(port) : transport + "://" + ip + ":" + port;
    }

    public boolean isIpc() {
        return transport.equals("ipc");
    }

    /** The Unix domain socket of {@code port} under the ipc transport, named as jupyter_client names it. */
    public java.nio.file.Path ipcPath(int port) {
        return java.nio.file.Path.of(ip + "-" + port);
    }

    private static String text(JsonObject json, String name, String fallback) {
        return json.has(name) && !json.get(name).isJsonNull() ? json.get(name).getAsString() : fallback;
    }

    private static int port(JsonObject json, String name, String source) {
        if (!json.has(name))
            throw new IllegalArgumentException(source + " has no " + name + "; is it a Jupyter connection file?");
        return json.get(name).getAsInt();
    }
}
