package d2l.kernel.widget;

import static d2l.kernel.widget.ValueChange.Origin.FRONT_END;
import static d2l.kernel.widget.ValueChange.Origin.KERNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import d2l.kernel.comm.CommMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ipywidgets' protocol 2.1 as a JupyterLab widget manager sees it, through an in-memory transport. */
class WidgetProtocolTest {
    FrontEnd frontEnd;

    @BeforeEach
    void frontEnd() {
        frontEnd = FrontEnd.activate();
    }

    @Test
    void sliderOpensItsLayoutAndStyleFirstWithTheFullSchemaState() {
        var k = new IntSlider("k", 1, 64, 4);
        assertTrue(frontEnd.sent.isEmpty(), "nothing opens before the widget is needed: " + frontEnd.sent);
        String id = k.modelId();

        var opened = frontEnd.opened();
        assertEquals(3, opened.size(), opened.toString());
        var slider = opened.get(2);
        assertEquals(id, slider.commId());
        assertEquals("jupyter.widget", slider.target());
        assertEquals(JsonParser.parseString("{\"version\": \"2.1.0\"}"), slider.metadata());
        assertEquals(JsonParser.parseString("[]"), slider.data().get("buffer_paths"));
        var state = slider.state();
        assertEquals("IntSliderModel", state.get("_model_name").getAsString());
        assertEquals("@jupyter-widgets/controls", state.get("_model_module").getAsString());
        assertEquals("2.0.0", state.get("_model_module_version").getAsString());
        assertEquals("IntSliderView", state.get("_view_name").getAsString());
        assertEquals("k", state.get("description").getAsString());
        assertEquals(1, state.get("min").getAsInt());
        assertEquals(64, state.get("max").getAsInt());
        assertEquals(4, state.get("value").getAsInt());
        // Defaults from the schema make the stored state complete.
        assertEquals("drag-tap", state.get("behavior").getAsString());
        assertEquals("d", state.get("readout_format").getAsString());
        assertTrue(state.get("continuous_update").getAsBoolean());
        assertTrue(state.get("tooltip").isJsonNull());
        assertEquals(23, state.size(), state.keySet().toString());

        var layout = frontEnd.openOf(FrontEnd.idOf(state.get("layout").getAsString()));
        assertEquals("LayoutModel", layout.state().get("_model_name").getAsString());
        assertEquals(
                "@jupyter-widgets/base", layout.state().get("_model_module").getAsString());
        assertEquals("2.0.0", layout.state().get("_model_module_version").getAsString());
        assertTrue(layout.state().get("width").isJsonNull());
        var style = frontEnd.openOf(FrontEnd.idOf(state.get("style").getAsString()));
        assertEquals("SliderStyleModel", style.state().get("_model_name").getAsString());
        assertEquals("StyleView", style.state().get("_view_name").getAsString());
        assertEquals(List.of(layout, style), opened.subList(0, 2));
        assertEquals(id, k.modelId(), "the comm opens once");
        assertEquals(3, frontEnd.opened().size());
    }

    @Test
    void updateFromTheFrontEndIsAppliedEchoedThenObserved() {
        var k = new IntSlider("k", 1, 64, 4);
        var seen = new ArrayList<Integer>();
        k.onChange(value -> seen.add(value));
        k.onChange(value -> assertEquals(
                List.of("echo_update"),
                frontEnd.messages(k.modelId()).stream()
                        .map(FrontEnd.Sent::method)
                        .toList(),
                "the echo goes out before observers run"));
        k.modelId();
        frontEnd.clear();

        frontEnd.update(k, "value", "7");
        assertEquals(7, k.value());
        assertEquals(List.of(7), seen);
        var echo = frontEnd.messages(k.modelId());
        assertEquals(1, echo.size(), echo.toString());
        assertEquals("echo_update", echo.get(0).method());
        assertEquals(JsonParser.parseString("{\"value\": 7}"), echo.get(0).state());
        assertEquals(JsonParser.parseString("[]"), echo.get(0).data().get("buffer_paths"));

        frontEnd.update(k, "value", "7");
        assertEquals(List.of(7), seen, "an update to the same value is no change");
    }

    @Test
    void observersHearTheOldAndNewValueAndWhichSideMadeTheChange() {
        var k = new IntSlider("k", 1, 64, 4);
        var changes = new ArrayList<ValueChange<Integer>>();
        k.observe(changes::add);
        k.modelId();
        frontEnd.update(k, "value", "7");
        k.value(9);
        k.value(9);
        frontEnd.update(k, "max", "100");
        assertEquals(
                List.of(new ValueChange<>(4, 7, FRONT_END), new ValueChange<>(7, 9, KERNEL)),
                changes,
                "no event for the same value or for another attribute");
        assertTrue(changes.get(0).fromFrontEnd());

        // A change that an observer makes in Java is the kernel's, though a reader's change led to it.
        var twice = new IntSlider("2k", 2, 200, 18);
        var origins = new ArrayList<ValueChange.Origin>();
        twice.observe(change -> origins.add(change.origin()));
        k.onChange(v -> twice.value(2 * v));
        frontEnd.update(k, "value", "20");
        assertEquals(40, twice.value());
        assertEquals(List.of(KERNEL), origins);
        assertEquals(new ValueChange<>(9, 20, FRONT_END), changes.get(2));
    }

    @Test
    void badValuesFromTheFrontEndAreIgnoredAndTheKernelsValueResent() {
        var k = new IntSlider("k", 1, 64, 4);
        var seen = new ArrayList<Integer>();
        k.onChange(seen::add);
        k.modelId();
        frontEnd.clear();
        for (var bad : List.of("65", "0", "\"seven\"", "4.5", "null", "true")) {
            frontEnd.update(k, "value", bad);
            assertEquals(4, k.value(), bad);
            var sent = frontEnd.messages(k.modelId());
            assertEquals(1, sent.size(), bad + ": " + sent);
            assertEquals("update", sent.get(0).method(), bad);
            assertEquals(JsonParser.parseString("{\"value\": 4}"), sent.get(0).state(), bad);
            frontEnd.clear();
        }
        frontEnd.update(k, "min", "10");
        assertEquals(1, k.get("min").getAsInt(), "a min above the value is refused");
        frontEnd.clear();
        frontEnd.update(k, "_model_name", "\"FloatSliderModel\"");
        frontEnd.update(k, "no_such_attribute", "1");
        assertEquals("IntSliderModel", k.state().get("_model_name").getAsString());
        assertFalse(k.state().has("no_such_attribute"));
        assertTrue(seen.isEmpty(), seen.toString());

        // A value and a range that change together are checked together.
        frontEnd.message(k.modelId(), "{\"method\": \"update\", \"state\": {\"max\": 200, \"value\": 150}}");
        assertEquals(150, k.value());
        assertEquals(List.of(150), seen);
    }

    @Test
    void malformedMessagesAndUnknownCommsAreIgnored() {
        var k = new IntSlider("k", 1, 64, 4);
        k.modelId();
        frontEnd.clear();
        frontEnd.message(k.modelId(), "{\"method\": \"update\", \"state\": 5}");
        frontEnd.message(k.modelId(), "{\"method\": \"update\"}");
        frontEnd.message(k.modelId(), "{\"method\": \"frobnicate\"}");
        frontEnd.message(k.modelId(), "{\"no\": \"method\"}");
        frontEnd.message(k.modelId(), "{\"method\": \"custom\", \"content\": {\"event\": \"click\"}}");
        frontEnd.message("no-such-comm", "{\"method\": \"update\", \"state\": {\"value\": 5}}");
        assertEquals(4, k.value());
        assertEquals(List.of(), frontEnd.sent);
        // The front end may not create widgets of its own: the comm is closed again.
        assertTrue(frontEnd.manager.receivedOpen(
                "front-end-made",
                "jupyter.widget",
                CommMessage.of(JsonParser.parseString("{\"state\": {}}").getAsJsonObject())));
        assertEquals("close", frontEnd.sent.get(0).kind());
        assertEquals(null, frontEnd.manager.get("front-end-made"));
    }

    @Test
    void requestStateIsAnsweredWithTheFullState() {
        var k = new IntSlider("k", 1, 64, 4);
        k.value(9);
        frontEnd.clear();
        frontEnd.message(k.modelId(), "{\"method\": \"request_state\"}");
        var sent = frontEnd.messages(k.modelId());
        assertEquals(1, sent.size());
        assertEquals("update", sent.get(0).method());
        assertEquals(k.state(), sent.get(0).state());
        assertEquals(9, sent.get(0).state().get("value").getAsInt());
        assertEquals(23, sent.get(0).state().size());
    }

    @Test
    void valueSetInJavaIsSentAndObserved() {
        var k = new IntSlider("k", 1, 64, 4);
        var seen = new ArrayList<Integer>();
        k.onChange(seen::add);
        k.value(5); // before the comm opens: no message, the open carries it
        k.modelId();
        assertEquals(5, frontEnd.opened().get(2).state().get("value").getAsInt());
        frontEnd.clear();
        k.value(6);
        var sent = frontEnd.messages(k.modelId());
        assertEquals(1, sent.size());
        assertEquals("update", sent.get(0).method());
        assertEquals(JsonParser.parseString("{\"value\": 6}"), sent.get(0).state());
        assertEquals(List.of(5, 6), seen);
        var e = assertThrows(IllegalArgumentException.class, () -> k.value(65));
        assertTrue(e.getMessage().contains("outside 1…64"), e.getMessage());
        assertEquals(6, k.value());
        assertThrows(IllegalArgumentException.class, () -> new IntSlider("k", 1, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> k.step(0));
    }

    @Test
    void buttonClicksArriveAsCustomMessages() {
        var clicks = new int[1];
        var button = new Button("Generate").onClick(() -> clicks[0]++);
        button.modelId();
        frontEnd.message(button.modelId(), "{\"method\": \"custom\", \"content\": {\"event\": \"click\"}}");
        frontEnd.message(button.modelId(), "{\"method\": \"custom\", \"content\": {\"event\": \"hover\"}}");
        frontEnd.message(button.modelId(), "{\"method\": \"custom\", \"content\": \"click\"}");
        assertEquals(1, clicks[0]);
        var state = frontEnd.openOf(button.modelId()).state();
        assertEquals("ButtonModel", state.get("_model_name").getAsString());
        assertEquals("Generate", state.get("description").getAsString());
        assertEquals(
                "ButtonStyleModel",
                frontEnd.openOf(FrontEnd.idOf(state.get("style").getAsString()))
                        .state()
                        .get("_model_name")
                        .getAsString());
    }

    @Test
    void controlTargetAnswersRequestStatesWithEveryOpenWidget() {
        var k = new IntSlider("k", 1, 64, 4);
        var choice = new Dropdown("sampler", List.of("random", "sequential"), "random");
        var row = new HBox(k, choice);
        row.modelId();
        k.value(8);
        assertTrue(frontEnd.manager.receivedOpen("control", "jupyter.widget.control", CommMessage.of(null)));
        frontEnd.clear();
        frontEnd.message("control", "{\"method\": \"request_states\"}");
        var sent = frontEnd.messages("control");
        assertEquals(1, sent.size(), sent.toString());
        assertEquals("update_states", sent.get(0).method());
        var states = sent.get(0).data().getAsJsonObject("states");
        assertEquals(8, states.size(), "three widgets, their layouts and two styles: " + states.keySet());
        // As ipywidgets' request_states answer: model name, module and version beside the state.
        var slider = states.getAsJsonObject(k.modelId());
        assertEquals("IntSliderModel", slider.get("model_name").getAsString());
        assertEquals("@jupyter-widgets/controls", slider.get("model_module").getAsString());
        assertEquals("2.0.0", slider.get("model_module_version").getAsString());
        assertEquals(k.state(), slider.get("state"));
        assertEquals(8, slider.getAsJsonObject("state").get("value").getAsInt());
        assertEquals(
                "HBoxModel",
                states.getAsJsonObject(row.modelId()).get("model_name").getAsString());
        assertEquals(JsonParser.parseString("[]"), sent.get(0).data().get("buffer_paths"));

        k.close();
        frontEnd.clear();
        frontEnd.message("control", "{\"method\": \"request_states\"}");
        states = frontEnd.messages("control").get(0).data().getAsJsonObject("states");
        assertEquals(5, states.size(), "a closed widget is not restored: " + states.keySet());
        assertFalse(states.has(k.modelId()));
    }

    @Test
    void closingAWidgetClosesItsCommsAndLaterMessagesAreIgnored() {
        var k = new IntSlider("k", 1, 64, 4);
        String id = k.modelId();
        String layout = FrontEnd.idOf(k.state().get("layout").getAsString());
        frontEnd.clear();
        k.close();
        assertFalse(k.isOpen());
        var closed = frontEnd.sent.stream()
                .filter(s -> s.kind().equals("close"))
                .map(FrontEnd.Sent::commId)
                .toList();
        assertTrue(closed.containsAll(List.of(id, layout)), closed.toString());
        assertEquals(3, closed.size());
        frontEnd.clear();
        frontEnd.update(k, "value", "9");
        assertEquals(4, k.value());
        k.value(10); // a closed widget still holds its value; nothing is sent
        assertEquals(List.of(), frontEnd.sent);
    }

    @Test
    void frontEndClosingTheCommForgetsTheWidget() {
        var k = new IntSlider("k", 1, 64, 4);
        k.modelId();
        frontEnd.manager.receivedClose(k.modelId(), CommMessage.of(null));
        assertFalse(k.isOpen());
        assertFalse(WidgetSession.of(frontEnd.manager).states().has(k.modelId()));
    }
}
