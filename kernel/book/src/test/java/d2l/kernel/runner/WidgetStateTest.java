package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Widgets in a headless run: the kernel's own session in-process, its widgets' messages recorded,
 * their last state stored in the executed copy as nbclient stores it, and the page showing each
 * widget's static HTML.
 */
class WidgetStateTest {
    private static final String STATE = "application/vnd.jupyter.widget-state+json";
    private static final String VIEW = "application/vnd.jupyter.widget-view+json";

    @TempDir
    Path dir;

    @Test
    void theExecutedCopyStoresTheWidgetsLastStateAndThePageTheirStaticView() throws Exception {
        var notebook = Notebooks.write(
                dir,
                "widgets",
                null,
                "md:# Widgets",
                "code:import d2l.kernel.widget.*;\nvar k = new IntSlider(\"k\", 1, 64, 4);\nk",
                "code:k.value(9);",
                "code:var words = new Dropdown(\"unit\", List.of(\"char\", \"word\"), \"word\");\n"
                        + "var shown = interact(() -> \"k = \" + k.value() + \", unit = \" + words.value(), k, words);",
                "code:var gone = new Checkbox(\"gone\", true);\ndisplay(gone);\ngone.close();");
        var out = dir.resolve("out");
        var log = new ByteArrayOutputStream();
        int status = NotebookRunner.run(
                new String[] {"-o", out.toString(), notebook.toString()},
                new KernelSessions(),
                new PrintStream(log, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, status, log.toString());

        var executed = NotebookFile.read(out.resolve("widgets.ipynb"));
        var document = executed.widgetState();
        assertNotNull(document, "metadata.widgets holds the widget state");
        assertEquals(2, document.get("version_major").getAsInt());
        assertEquals(0, document.get("version_minor").getAsInt());
        var models = document.getAsJsonObject("state");

        var cells = executed.cells().stream().filter(NotebookFile.Cell::isCode).toList();
        var sliderOutput = cells.get(0).outputs().get(0).getAsJsonObject().getAsJsonObject("data");
        String sliderId = sliderOutput.getAsJsonObject(VIEW).get("model_id").getAsString();
        assertEquals(2, sliderOutput.getAsJsonObject(VIEW).get("version_major").getAsInt());
        var slider = models.getAsJsonObject(sliderId);
        assertEquals("IntSliderModel", slider.get("model_name").getAsString());
        assertEquals("@jupyter-widgets/controls", slider.get("model_module").getAsString());
        assertEquals("2.0.0", slider.get("model_module_version").getAsString());
        var state = slider.getAsJsonObject("state");
        assertEquals(9, state.get("value").getAsInt(), "the state after the last change");
        assertEquals("IntSliderModel", state.get("_model_name").getAsString());
        assertTrue(state.has("behavior") && state.has("readout_format"), "the full state: " + state.keySet());
        String layout = state.get("layout").getAsString().substring("IPY_MODEL_".length());
        assertEquals(
                "LayoutModel", models.getAsJsonObject(layout).get("model_name").getAsString());

        // interact: the controls' row, then the view computed at the controls' values.
        var interact = cells.get(2).outputs();
        assertEquals(2, interact.size(), interact.toString());
        String rowId = interact.get(0)
                .getAsJsonObject()
                .getAsJsonObject("data")
                .getAsJsonObject(VIEW)
                .get("model_id")
                .getAsString();
        assertEquals(
                "HBoxModel", models.getAsJsonObject(rowId).get("model_name").getAsString());
        assertEquals(
                "k = 9, unit = word",
                NotebookFile.multiline(interact.get(1)
                        .getAsJsonObject()
                        .getAsJsonObject("data")
                        .get("text/plain")));

        // A closed widget is not stored: no view could show it.
        String goneId = cells.get(3)
                .outputs()
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("data")
                .getAsJsonObject(VIEW)
                .get("model_id")
                .getAsString();
        assertFalse(models.has(goneId));

        // The view's output leads with the Output widget that shows it where widgets run, saved too.
        String areaId = interact.get(1)
                .getAsJsonObject()
                .getAsJsonObject("data")
                .getAsJsonObject(VIEW)
                .get("model_id")
                .getAsString();
        var area = models.getAsJsonObject(areaId);
        assertEquals("OutputModel", area.get("model_name").getAsString());
        assertTrue(
                area.getAsJsonObject("state").get("outputs").toString().contains("k = 9, unit = word"),
                area.toString());
        assertEquals(
                10,
                models.size(),
                "slider, dropdown, row, the view's Output and their layouts and styles: " + models.keySet());

        var page = Files.readString(out.resolve("widgets.html"));
        assertTrue(page.contains("<input type=\"range\" min=\"1\" max=\"64\" step=\"1\" value=\"4\" disabled>"), page);
        assertTrue(page.contains("<option selected>word</option>"), page);
        assertFalse(page.contains("model_id"), "no widget JSON on the page");
    }
}
