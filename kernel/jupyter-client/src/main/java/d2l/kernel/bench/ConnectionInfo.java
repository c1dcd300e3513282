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

  /**
   * Five distinct free ports and a random key, as a front end would choose them. The probe
   * sockets stay open until all five are picked, or the OS could hand out one port twice.
   */
  public static ConnectionInfo fresh() throws IOException {
    var probes = new ServerSocket[5];
    try {
      for (var i = 0; i < probes.length; i++) {
        probes[i] = new ServerSocket(0);
      }
      return new ConnectionInfo(probes[0].getLocalPort(), probes[1].getLocalPort(), probes[2].getLocalPort(),
          probes[3].getLocalPort(), probes[4].getLocalPort(), UUID.randomUUID().toString());
    } finally {
      for (var probe : probes) {
        if (probe != null) {
          probe.close();
        }
      }
    }
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
}
