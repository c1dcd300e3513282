package d2l.kernel.runner;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double for the kernel: each line of a cell is a command (print, warn, show, update,
 * result, fail) that publishes the iopub message a real kernel would send. Lets the runner's
 * bookkeeping be tested without JShell.
 */
final class ScriptedEvaluator implements CellEvaluator {
  /** A 1x1 PNG, enough for an image output. */
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  final List<String> executed = new ArrayList<>();
  final KernelSpec kernel;
  boolean closed;

  ScriptedEvaluator(KernelSpec kernel) {
    this.kernel = kernel;
  }

  @Override
  public boolean execute(String code, int executionCount, OutputSink sink) {
    executed.add(code);
    for (var line : code.split("\n")) {
      var parts = line.split(" ", 3);
      switch (parts[0]) {
        case "print" -> sink.publish("stream", json("{\"name\":\"stdout\"}", "text", parts[1] + "\n"));
        case "warn" -> sink.publish("stream", json("{\"name\":\"stderr\"}", "text", parts[1] + "\n"));
        case "show" -> sink.publish("display_data", display(parts[1], parts[2]));
        case "update" -> sink.publish("update_display_data", display(parts[1], parts[2]));
        case "table" -> sink.publish("display_data", JsonParser.parseString(
            "{\"data\":{\"text/html\":\"<table><tr><td>the</td><td>2261</td></tr></table>\",\"text/plain\":\"the 2261\"},\"metadata\":{}}")
            .getAsJsonObject());
        case "result" -> {
          var content = json("{\"metadata\":{}}", "execution_count", null);
          content.addProperty("execution_count", executionCount);
          var data = new JsonObject();
          data.addProperty("text/plain", parts[1]);
          content.add("data", data);
          sink.publish("execute_result", content);
        }
        case "fail" -> {
          var error = json("{\"traceback\":[\"\\u001b[31m" + parts[1] + "\\u001b[0m: " + parts[2] + "\",\"  at line 1\"]}",
              "ename", parts[1]);
          error.addProperty("evalue", parts[2]);
          sink.publish("error", error);
          return false;
        }
        default -> throw new IllegalArgumentException("unknown test command " + line);
      }
    }
    return true;
  }

  private static JsonObject display(String id, String text) {
    var content = JsonParser.parseString("{\"metadata\":{},\"transient\":{}}").getAsJsonObject();
    var data = new JsonObject();
    data.addProperty("text/plain", text);
    data.addProperty("image/png", PNG);
    content.add("data", data);
    content.getAsJsonObject("transient").addProperty("display_id", id);
    return content;
  }

  private static JsonObject json(String base, String key, String value) {
    var object = JsonParser.parseString(base).getAsJsonObject();
    if (value != null) {
      object.addProperty(key, value);
    }
    return object;
  }

  @Override
  public void close() {
    closed = true;
  }
}
