package d2l.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns iopub messages into nbformat outputs the way a notebook front end does: consecutive
 * stream chunks merge, {@code update_display_data} rewrites every earlier output carrying that
 * display id (in any cell of the notebook) in place, {@code clear_output} honours {@code wait},
 * and the transient display id never reaches the saved file.
 */
public final class OutputAssembler implements OutputSink {
  private final Map<String, List<JsonObject>> outputsByDisplayId = new HashMap<>();
  private JsonArray outputs = new JsonArray();
  private boolean clearBeforeNextOutput;
  private JsonObject firstError;

  /** Directs the following messages to a cell's (already emptied) outputs array. */
  public void startCell(JsonArray cellOutputs) {
    outputs = cellOutputs;
    clearBeforeNextOutput = false;
    firstError = null;
  }

  /** The {@code error} content published by the current cell, or null if none. */
  public JsonObject error() {
    return firstError;
  }

  @Override
  public void publish(String msgType, JsonObject content) {
    switch (msgType) {
      case "stream" -> appendStream(content);
      case "display_data" -> append(displayOutput("display_data", content), displayId(content));
      case "execute_result" -> {
        var output = displayOutput("execute_result", content);
        output.add("execution_count", content.get("execution_count"));
        append(output, displayId(content));
      }
      case "update_display_data" -> update(content);
      case "error" -> appendError(content);
      case "clear_output" -> clear(content.has("wait") && content.get("wait").getAsBoolean());
      // Status, execute_input and comm traffic carry no output.
      default -> { }
    }
  }

  private void appendStream(JsonObject content) {
    applyPendingClear();
    var name = content.get("name").getAsString();
    var text = Notebook.multiline(content.get("text"));
    if (!outputs.isEmpty()) {
      var last = outputs.get(outputs.size() - 1).getAsJsonObject();
      if (last.get("output_type").getAsString().equals("stream")
          && last.get("name").getAsString().equals(name)) {
        last.addProperty("text", Notebook.multiline(last.get("text")) + text);
        return;
      }
    }
    var output = new JsonObject();
    output.addProperty("output_type", "stream");
    output.addProperty("name", name);
    output.addProperty("text", text);
    outputs.add(output);
  }

  private void appendError(JsonObject content) {
    var output = new JsonObject();
    output.addProperty("output_type", "error");
    output.add("ename", content.get("ename"));
    output.add("evalue", content.get("evalue"));
    output.add("traceback", content.has("traceback") ? content.get("traceback") : new JsonArray());
    if (firstError == null) {
      firstError = output;
    }
    append(output, null);
  }

  private void append(JsonObject output, String displayId) {
    applyPendingClear();
    outputs.add(output);
    if (displayId != null) {
      outputsByDisplayId.computeIfAbsent(displayId, id -> new ArrayList<>()).add(output);
    }
  }

  private void update(JsonObject content) {
    var id = displayId(content);
    if (id == null) {
      return; // An update without an id cannot target anything; front ends ignore it too.
    }
    for (var output : outputsByDisplayId.getOrDefault(id, List.of())) {
      output.add("data", copyOrEmpty(content, "data"));
      output.add("metadata", copyOrEmpty(content, "metadata"));
    }
  }

  private void clear(boolean wait) {
    if (wait) {
      clearBeforeNextOutput = true;
    } else {
      clearNow();
    }
  }

  private void applyPendingClear() {
    if (clearBeforeNextOutput) {
      clearNow();
    }
  }

  private void clearNow() {
    clearBeforeNextOutput = false;
    while (!outputs.isEmpty()) {
      outputs.remove(outputs.size() - 1);
    }
  }

  private static JsonObject displayOutput(String type, JsonObject content) {
    var output = new JsonObject();
    output.addProperty("output_type", type);
    output.add("data", copyOrEmpty(content, "data"));
    output.add("metadata", copyOrEmpty(content, "metadata"));
    return output;
  }

  private static JsonObject copyOrEmpty(JsonObject content, String key) {
    JsonElement value = content.get(key);
    return value != null && value.isJsonObject() ? value.getAsJsonObject().deepCopy() : new JsonObject();
  }

  private static String displayId(JsonObject content) {
    if (content.has("transient") && content.get("transient").isJsonObject()) {
      var transientPart = content.getAsJsonObject("transient");
      if (transientPart.has("display_id") && !transientPart.get("display_id").isJsonNull()) {
        return transientPart.get("display_id").getAsString();
      }
    }
    return null;
  }
}
