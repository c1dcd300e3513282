package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class OutputAssemblerTest {
  private final OutputAssembler assembler = new OutputAssembler();

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  @Test
  void consecutiveChunksOfOneStreamMerge() {
    var outputs = new JsonArray();
    assembler.startCell(outputs);
    assembler.publish("stream", json("{\"name\":\"stdout\",\"text\":\"a\\n\"}"));
    assembler.publish("stream", json("{\"name\":\"stdout\",\"text\":\"b\\n\"}"));
    assembler.publish("stream", json("{\"name\":\"stderr\",\"text\":\"warn\\n\"}"));
    assembler.publish("stream", json("{\"name\":\"stdout\",\"text\":\"c\"}"));

    assertEquals(3, outputs.size());
    assertEquals("a\nb\n", outputs.get(0).getAsJsonObject().get("text").getAsString());
    assertEquals("stderr", outputs.get(1).getAsJsonObject().get("name").getAsString());
    assertEquals("c", outputs.get(2).getAsJsonObject().get("text").getAsString());
  }

  @Test
  void updateRewritesTheEarlierOutputInAnotherCellAndDropsTransient() {
    var first = new JsonArray();
    assembler.startCell(first);
    assembler.publish("display_data", json(
        "{\"data\":{\"text/plain\":\"epoch 1\"},\"metadata\":{},\"transient\":{\"display_id\":\"chart\"}}"));
    var second = new JsonArray();
    assembler.startCell(second);
    assembler.publish("update_display_data", json(
        "{\"data\":{\"text/plain\":\"epoch 2\",\"image/png\":\"iVBO\"},\"metadata\":{},\"transient\":{\"display_id\":\"chart\"}}"));

    assertEquals(0, second.size(), "an update adds no output of its own");
    var shown = first.get(0).getAsJsonObject();
    assertEquals("display_data", shown.get("output_type").getAsString());
    assertEquals("epoch 2", shown.getAsJsonObject("data").get("text/plain").getAsString());
    assertEquals("iVBO", shown.getAsJsonObject("data").get("image/png").getAsString());
    assertFalse(shown.has("transient"), "nbformat outputs have no transient field");
  }

  @Test
  void updateOfAnUnknownIdChangesNothing() {
    var outputs = new JsonArray();
    assembler.startCell(outputs);
    assembler.publish("display_data", json("{\"data\":{\"text/plain\":\"x\"},\"metadata\":{},\"transient\":{\"display_id\":\"a\"}}"));
    assembler.publish("update_display_data", json("{\"data\":{\"text/plain\":\"y\"},\"metadata\":{},\"transient\":{\"display_id\":\"b\"}}"));
    assertEquals("x", outputs.get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain").getAsString());
  }

  @Test
  void clearOutputWithWaitClearsOnlyWhenTheNextOutputArrives() {
    var outputs = new JsonArray();
    assembler.startCell(outputs);
    assembler.publish("stream", json("{\"name\":\"stdout\",\"text\":\"old\"}"));
    assembler.publish("clear_output", json("{\"wait\":true}"));
    assertEquals(1, outputs.size(), "wait=true keeps the old output until something replaces it");
    assembler.publish("stream", json("{\"name\":\"stdout\",\"text\":\"new\"}"));
    assertEquals(1, outputs.size());
    assertEquals("new", outputs.get(0).getAsJsonObject().get("text").getAsString());

    assembler.publish("clear_output", json("{\"wait\":false}"));
    assertEquals(0, outputs.size());
  }

  @Test
  void executeResultKeepsItsCountAndErrorsAreReported() {
    var outputs = new JsonArray();
    assembler.startCell(outputs);
    assertNull(assembler.error());
    assembler.publish("execute_result", json("{\"execution_count\":3,\"data\":{\"text/plain\":\"42\"},\"metadata\":{}}"));
    assembler.publish("error", json("{\"ename\":\"ArithmeticException\",\"evalue\":\"/ by zero\",\"traceback\":[\"at line 1\"]}"));

    assertEquals(3, outputs.get(0).getAsJsonObject().get("execution_count").getAsInt());
    assertEquals("error", outputs.get(1).getAsJsonObject().get("output_type").getAsString());
    assertEquals("ArithmeticException", assembler.error().get("ename").getAsString());
  }
}
