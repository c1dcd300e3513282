package d2l.kernel.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import d2l.kernel.comm.CommManager;
import d2l.kernel.comm.CommMessage;
import d2l.kernel.comm.Comms;
import org.junit.jupiter.api.Test;

/** The runner's record of widget state, in nbformat's widget-state format. */
class WidgetStateRecorderTest {
    @Test
    void keepsTheLatestStateOfEachOpenWidgetModel() {
        var recorder = new WidgetStateRecorder();
        var manager = new CommManager(recorder);
        Comms.activate(manager);
        assertNull(recorder.document(), "no widgets, no document");

        var k = new IntSlider("k", 1, 64, 4);
        k.modelId();
        k.value(12);
        manager.receivedMessage(
                k.modelId(),
                CommMessage.of(JsonParser.parseString("{\"method\": \"update\", \"state\": {\"value\": 20}}")
                        .getAsJsonObject())); // echoed: the echo_update is recorded too
        manager.open(
                "some.other.target",
                CommMessage.of(JsonParser.parseString("{\"state\": {\"_model_name\": \"X\"}}")
                        .getAsJsonObject()));
        var gone = new Checkbox("gone", false);
        gone.modelId();
        gone.close();

        var document = recorder.document();
        assertEquals(2, document.get("version_major").getAsInt());
        assertEquals(0, document.get("version_minor").getAsInt());
        var models = document.getAsJsonObject("state");
        assertEquals(3, models.size(), "the slider, its layout and style: " + models.keySet());
        var slider = models.getAsJsonObject(k.modelId());
        assertEquals("IntSliderModel", slider.get("model_name").getAsString());
        assertEquals("@jupyter-widgets/controls", slider.get("model_module").getAsString());
        assertEquals("2.0.0", slider.get("model_module_version").getAsString());
        assertEquals(k.state(), slider.getAsJsonObject("state"));
        assertEquals(20, slider.getAsJsonObject("state").get("value").getAsInt());
        assertFalse(models.has(gone.modelId()));
    }
}
