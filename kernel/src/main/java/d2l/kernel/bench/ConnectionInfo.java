package d2l.kernel.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A Jupyter connection file: five loopback ports and the signing key. */
public record ConnectionInfo(int shellPort, int iopubPort, int stdinPort, int controlPort, int hbPort, String key) {

  /** Fresh free ports and a random key, as a front end would choose them. */
  public static ConnectionInfo fresh() throws IOException {
    return new ConnectionInfo(freePort(), freePort(), freePort(), freePort(), freePort(), UUID.randomUUID().toString());
  }

  public String address(int port) {
    return "tcp://127.0.0.1:" + port;
  }

  public void write(Path file) throws IOException {
    var json = new JsonObject();
    json.addProperty("transport", "tcp");
    json.addProperty("ip", "127.0.0.1");
    json.addProperty("shell_port", shellPort);
    json.addProperty("iopub_port", iopubPort);
    json.addProperty("stdin_port", stdinPort);
    json.addProperty("control_port", controlPort);
    json.addProperty("hb_port", hbPort);
    json.addProperty("key", key);
    json.addProperty("signature_scheme", "hmac-sha256");
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
