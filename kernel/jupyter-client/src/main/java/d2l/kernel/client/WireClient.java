package d2l.kernel.client;

import d2l.kernel.protocol.ConnectionInfo;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter front end over ZeroMQ: signs requests with HMAC-SHA256, checks the signature
 * of everything it receives, and reads shell and iopub. Written independently of our kernel so
 * that measuring (and testing) a kernel does not reuse the kernel's own protocol code.
 */
public final class WireClient implements AutoCloseable {
  private static final Gson GSON = new Gson();
  private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.UTF_8);

  /** One received message, decoded. */
  public record Message(JsonObject header, JsonObject parentHeader, JsonObject content) {
    public String type() {
      return header.get("msg_type").getAsString();
    }

    public String parentId() {
      return parentHeader.has("msg_id") ? parentHeader.get("msg_id").getAsString() : "";
    }
  }

  private final ZContext context = new ZContext();
  private final ZMQ.Socket shell;
  private final ZMQ.Socket control;
  private final ZMQ.Socket iopub;
  private final Mac mac;
  private final String session = UUID.randomUUID().toString();
  private final String heartbeatAddress;

  public WireClient(ConnectionInfo connection) {
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(connection.key().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
    shell = ClientSockets.create(context, SocketType.DEALER);
    shell.connect(connection.endpoint(connection.shellPort()));
    control = ClientSockets.create(context, SocketType.DEALER);
    control.connect(connection.endpoint(connection.controlPort()));
    iopub = ClientSockets.create(context, SocketType.SUB);
    iopub.subscribe(new byte[0]);
    iopub.connect(connection.endpoint(connection.iopubPort()));
    heartbeatAddress = connection.endpoint(connection.hbPort());
  }

  /**
   * Waits until the kernel echoes a heartbeat, as front ends do before their first request (a
   * request sent earlier may reach a kernel that is not ready for it). False on timeout.
   */
  public boolean awaitHeartbeat(long timeoutMillis) {
    var deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    var ping = "ping".getBytes(StandardCharsets.US_ASCII);
    while (System.nanoTime() < deadline) {
      // A REQ socket that got no answer cannot send again, so every attempt takes a fresh one.
      var socket = ClientSockets.create(context, SocketType.REQ);
      try {
        socket.setLinger(0);
        socket.setReceiveTimeOut(100);
        socket.connect(heartbeatAddress);
        socket.send(ping);
        var echo = socket.recv();
        if (echo != null && MessageDigest.isEqual(echo, ping)) {
          return true;
        }
      } finally {
        context.destroySocket(socket);
      }
    }
    return false;
  }

  /** The content of an execute_request for {@code code}, as a notebook front end sends it. */
  public static JsonObject executeContent(String code) {
    var content = new JsonObject();
    content.addProperty("code", code);
    content.addProperty("silent", false);
    content.addProperty("store_history", true);
    content.add("user_expressions", new JsonObject());
    content.addProperty("allow_stdin", false);
    content.addProperty("stop_on_error", true);
    return content;
  }

  /** Sends a shell request; returns its msg_id. */
  public String sendShell(String type, JsonObject content) {
    return send(shell, type, content);
  }

  public String sendControl(String type, JsonObject content) {
    return send(control, type, content);
  }

  /** Waits for the shell reply to {@code msgId}; null on timeout. */
  public Message awaitShellReply(String msgId, long timeoutMillis) {
    return awaitOn(shell, msgId, null, timeoutMillis);
  }

  public Message awaitControlReply(String msgId, long timeoutMillis) {
    return awaitOn(control, msgId, null, timeoutMillis);
  }

  /** Waits for the iopub {@code status: idle} that closes request {@code msgId}; false on timeout. */
  public boolean awaitIdle(String msgId, long timeoutMillis) {
    return awaitOn(iopub, msgId, "idle", timeoutMillis) != null;
  }

  /** Collects every iopub message for {@code msgId} up to its idle status (or the timeout). */
  public List<Message> iopubUntilIdle(String msgId, long timeoutMillis) {
    var messages = new ArrayList<Message>();
    var deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (System.nanoTime() < deadline) {
      var message = receive(iopub, deadline);
      if (message == null) {
        break;
      }
      if (message.parentId().equals(msgId)) {
        messages.add(message);
        if (isIdle(message)) {
          break;
        }
      }
    }
    return messages;
  }

  private Message awaitOn(ZMQ.Socket socket, String msgId, String idleState, long timeoutMillis) {
    var deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (true) {
      var message = receive(socket, deadline);
      if (message == null) {
        return null;
      }
      if (message.parentId().equals(msgId) && (idleState == null || isIdle(message))) {
        return message;
      }
    }
  }

  private static boolean isIdle(Message message) {
    return message.type().equals("status")
        && message.content().get("execution_state").getAsString().equals("idle");
  }

  private String send(ZMQ.Socket socket, String type, JsonObject content) {
    var header = new JsonObject();
    var id = UUID.randomUUID().toString();
    header.addProperty("msg_id", id);
    header.addProperty("session", session);
    header.addProperty("username", "bench");
    header.addProperty("date", Instant.now().toString());
    header.addProperty("msg_type", type);
    header.addProperty("version", "5.3");
    var parts = List.of(GSON.toJson(header), "{}", "{}", GSON.toJson(content));
    socket.sendMore(DELIMITER);
    socket.sendMore(sign(parts));
    for (var i = 0; i < parts.size(); i++) {
      var bytes = parts.get(i).getBytes(StandardCharsets.UTF_8);
      if (i < parts.size() - 1) {
        socket.sendMore(bytes);
      } else {
        socket.send(bytes);
      }
    }
    return id;
  }

  /** Receives one message before the deadline (null if none), rejecting bad signatures. */
  private Message receive(ZMQ.Socket socket, long deadlineNanos) {
    var remainingMillis = (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    socket.setReceiveTimeOut(remainingMillis);
    var frames = new ArrayList<byte[]>();
    var first = socket.recv();
    if (first == null) {
      return null;
    }
    frames.add(first);
    while (socket.hasReceiveMore()) {
      frames.add(socket.recv());
    }
    var start = 0;
    while (start < frames.size() && !MessageDigest.isEqual(frames.get(start), DELIMITER)) {
      start++;
    }
    if (frames.size() < start + 6) {
      throw new IllegalStateException("malformed message: " + frames.size() + " frames");
    }
    var parts = new ArrayList<String>();
    for (var i = start + 2; i < start + 6; i++) {
      parts.add(new String(frames.get(i), StandardCharsets.UTF_8));
    }
    var signature = new String(frames.get(start + 1), StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII), sign(parts).getBytes(StandardCharsets.US_ASCII))) {
      throw new IllegalStateException("kernel sent a message with a bad HMAC signature");
    }
    return new Message(parse(parts.get(0)), parse(parts.get(1)), parse(parts.get(3)));
  }

  private static JsonObject parse(String json) {
    return JsonParser.parseString(json).getAsJsonObject();
  }

  private String sign(List<String> parts) {
    synchronized (mac) {
      for (var part : parts) {
        mac.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(mac.doFinal());
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
