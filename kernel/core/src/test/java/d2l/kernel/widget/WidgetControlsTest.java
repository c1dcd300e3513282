package d2l.kernel.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.display.Renderers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each control's model, state, value handling and display bundle. */
class WidgetControlsTest {
    FrontEnd frontEnd;

    @BeforeEach
    void frontEnd() {
        frontEnd = FrontEnd.activate();
    }

    /** The state the widget's comm_open carried, and the model names of what it references. */
    JsonObject opened(Widget widget, String model, String style) {
        var state = frontEnd.openOf(widget.modelId()).state();
        assertEquals(model, state.get("_model_name").getAsString());
        assertEquals(
                model.equals("OutputModel") ? "@jupyter-widgets/output" : "@jupyter-widgets/controls",
                state.get("_model_module").getAsString());
        var layout = frontEnd.openOf(FrontEnd.idOf(state.get("layout").getAsString()))
                .state();
        assertEquals("LayoutModel", layout.get("_model_name").getAsString());
        if (style != null) {
            var styleState = frontEnd.openOf(FrontEnd.idOf(state.get("style").getAsString()))
                    .state();
            assertEquals(style, styleState.get("_model_name").getAsString());
        } else {
            assertTrue(!state.has("style"), state.toString());
        }
        return state;
    }

    @Test
    void floatSlider() {
        var seen = new ArrayList<Double>();
        // The shared setters return a FloatSlider, so its own step(...) chains after them.
        FloatSlider t = new FloatSlider("temperature", 0.1, 2, 1)
                .continuousUpdate(false)
                .onChange(seen::add)
                .step(0.05);
        var state = opened(t, "FloatSliderModel", "SliderStyleModel");
        assertEquals(1.0, state.get("value").getAsDouble());
        assertEquals(0.05, state.get("step").getAsDouble());
        assertEquals(".2f", state.get("readout_format").getAsString());
        assertEquals(false, state.get("continuous_update").getAsBoolean());
        frontEnd.update(t, "value", "1.5");
        frontEnd.update(t, "value", "2");
        frontEnd.update(t, "value", "2.5");
        assertEquals(List.of(1.5, 2.0), seen);
        assertEquals("FloatSlider(temperature = 2.0, 0.1…2.0)", t.toString());
    }

    @Test
    void dropdownValueIsTheLabelAndTheStateItsIndex() {
        var d = new Dropdown("sampler", List.of("random", "sequential"), "sequential");
        var state = opened(d, "DropdownModel", "DescriptionStyleModel");
        assertEquals(JsonParser.parseString("[\"random\", \"sequential\"]"), state.get("_options_labels"));
        assertEquals(1, state.get("index").getAsInt());
        var seen = new ArrayList<String>();
        d.onChange(seen::add);
        var changes = new ArrayList<ValueChange<String>>();
        d.observe(changes::add);
        frontEnd.update(d, "index", "0");
        assertEquals(List.of(new ValueChange<>("sequential", "random", ValueChange.Origin.FRONT_END)), changes);
        frontEnd.update(d, "index", "2");
        frontEnd.update(d, "index", "-1");
        assertEquals("random", d.value());
        frontEnd.update(d, "index", "null");
        assertNull(d.value());
        d.value("sequential");
        assertEquals(java.util.Arrays.asList("random", null, "sequential"), seen);
        var e = assertThrows(IllegalArgumentException.class, () -> d.value("shuffled"));
        assertTrue(e.getMessage().contains("not one of"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropdown("x", List.of(), null));
        assertTrue(d.mimeBundle().get("text/html").contains("<option selected>sequential</option>"));
    }

    @Test
    void checkboxAndToggleButton() {
        var c = new Checkbox("greedy", true);
        var state = opened(c, "CheckboxModel", "CheckboxStyleModel");
        assertEquals(true, state.get("value").getAsBoolean());
        var tb = new ToggleButton("sample", false);
        state = opened(tb, "ToggleButtonModel", "ToggleButtonStyleModel");
        assertEquals(false, state.get("value").getAsBoolean());
        var seen = new ArrayList<Boolean>();
        c.onChange(seen::add);
        tb.onChange(seen::add);
        frontEnd.update(c, "value", "false");
        frontEnd.update(tb, "value", "true");
        frontEnd.update(tb, "value", "1");
        assertEquals(List.of(false, true), seen);
        assertTrue(c.mimeBundle().get("text/html").contains("type=\"checkbox\" disabled"));
        assertTrue(tb.mimeBundle().get("text/html").contains("aria-pressed=\"true\""));
        var e = assertThrows(UnsupportedOperationException.class, () -> c.continuousUpdate(false));
        assertTrue(e.getMessage().contains("Checkbox"), e.getMessage());
    }

    @Test
    void textAndLabel() {
        Text text = new Text("prefix", "time traveller").continuousUpdate(false);
        var state = opened(text, "TextModel", "TextStyleModel");
        assertEquals("time traveller", state.get("value").getAsString());
        assertEquals(false, state.get("continuous_update").getAsBoolean());
        var label = new Label("loss: 1.03");
        state = opened(label, "LabelModel", "LabelStyleModel");
        assertEquals("loss: 1.03", state.get("value").getAsString());
        var seen = new ArrayList<String>();
        text.onChange(seen::add);
        frontEnd.update(text, "value", "\"the <b>time</b>\"");
        frontEnd.update(text, "value", "3");
        assertEquals(List.of("the <b>time</b>"), seen);
        assertTrue(text.mimeBundle().get("text/html").contains("value=\"the &lt;b&gt;time&lt;/b&gt;\""));
        frontEnd.clear();
        label.value("loss: 0.98");
        assertEquals("update", frontEnd.messages(label.modelId()).get(0).method());
    }

    @Test
    void boxesOpenTheirChildrenFirstAndReferToThem() {
        var k = new IntSlider("k", 1, 64, 4);
        var button = new Button("Go");
        var row = new HBox(k, button);
        var column = new VBox(row, new Output());
        var state = opened(column, "VBoxModel", null);
        var rowState = opened(row, "HBoxModel", null);
        assertEquals(
                JsonParser.parseString("[\"IPY_MODEL_" + k.modelId() + "\", \"IPY_MODEL_" + button.modelId() + "\"]"),
                rowState.get("children"));
        assertEquals(
                "IPY_MODEL_" + row.modelId(),
                state.get("children").getAsJsonArray().get(0).getAsString());
        var ids = frontEnd.opened().stream().map(FrontEnd.Sent::commId).toList();
        assertTrue(ids.indexOf(k.modelId()) < ids.indexOf(row.modelId()));
        assertTrue(ids.indexOf(row.modelId()) < ids.indexOf(column.modelId()));
        assertEquals("HBox(IntSlider(k = 4, 1…64), Button(Go))", row.toString());
        var html = row.mimeBundle().get("text/html");
        assertTrue(
                html.contains("flex-direction:row") && html.contains("type=\"range\"") && html.contains(">Go</button>"),
                html);
    }

    @Test
    void outputKeepsItsOutputsAsState() {
        var out = new Output();
        var state = opened(out, "OutputModel", null);
        assertEquals(JsonParser.parseString("[]"), state.get("outputs"));
        out.capture(() -> {}); // without a session the body just runs
        frontEnd.clear();
        out.clear();
        assertEquals(List.of(), frontEnd.messages(out.modelId()), "clearing nothing changes nothing");
    }

    @Test
    void displayBundleHasTheViewTextAndStaticHtml() {
        var k = new IntSlider("k", 1, 64, 4).step(3);
        var bundle = new Renderers().render(k, Set.of());
        assertEquals(
                List.of("application/vnd.jupyter.widget-view+json", "text/plain", "text/html"),
                List.copyOf(bundle.data().keySet()));
        var view = JsonParser.parseString(bundle.data().get("application/vnd.jupyter.widget-view+json"))
                .getAsJsonObject();
        assertEquals(k.modelId(), view.get("model_id").getAsString());
        assertEquals(2, view.get("version_major").getAsInt());
        assertEquals(1, view.get("version_minor").getAsInt());
        assertEquals("IntSlider(k = 4, 1…64)", bundle.data().get("text/plain"));
        var html = bundle.data().get("text/html");
        assertTrue(html.contains("<input type=\"range\" min=\"1\" max=\"64\" step=\"3\" value=\"4\" disabled>"), html);
        assertTrue(html.contains(">k</label>"), html);
        k.value(10);
        assertTrue(new Renderers().render(k, Set.of()).data().get("text/html").contains("value=\"10\""));
    }
}
