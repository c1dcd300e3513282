package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The widget fixture in Debian's classic Notebook 6 (classic_widget_checks.py, headless Chromium). Its one
 * widget extension, Debian's jupyter-js-widgets 6 (ipywidgets 6, widget protocol 1), cannot build the
 * protocol-2 models the kernel sends, and no newer one exists for it in Debian or on npm (ipywidgets 7
 * and 8 ship theirs only in the widgetsnbextension Python package). So a reader there sees the static
 * fallback under each widget cell, and the kernel keeps working. Screenshot:
 * target/jupyterlab-screenshots/classic-notebook-widgets.png.
 */
class ClassicNotebookWidgetsIT {
    @TempDir
    Path dir;

    @Test
    void theClassicNotebookShowsTheStaticFallbackAndTheKernelKeepsWorking() throws Exception {
        PythonEnv.require("/usr/bin/jupyter-notebook", "/usr/bin/chromium", "/usr/bin/chromedriver");
        PythonEnv.requireModules("notebook", "selenium");
        var sandbox = new JupyterSandbox(dir, "d2l-rnn");
        var shot = JupyterLabApp.screenshots().resolve("classic-notebook-widgets.png");
        var run = sandbox.run(
                "classic-widgets",
                Duration.ofMinutes(5),
                PythonEnv.PYTHON,
                "classic_widget_checks.py",
                JupyterSandbox.WIDGET_NOTEBOOK.toString(),
                shot.toString());
        assertEquals(0, run.exitCode(), run.output());
        var lines = run.output().strip().split("\n");
        var page =
                com.google.gson.JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        assertFalse(page.has("failure"), page.toString());
        System.out.println("classic Notebook " + page.get("notebookVersion").getAsString() + ", nbextensions "
                + page.get("nbextensions"));

        var cells = page.getAsJsonArray("cells").asList().stream()
                .map(JsonElement::getAsJsonObject)
                .toList();
        // Code cells: the chart function, the controls with interact, slider.value(9), the print.
        assertEquals(4, cells.size(), page.toString());
        for (var cell : cells) assertEquals(List.of(), strings(cell, "errors"), cell.toString());
        var widgets = cells.get(1);
        assertTrue(
                widgets.getAsJsonArray("mimeTypes").toString().contains("application/vnd.jupyter.widget-view+json"),
                "the kernel sent widget views: " + widgets);
        assertTrue(widgets.get("htmlOutputs").getAsInt() >= 1, "the text/html fallback is rendered: " + widgets);
        assertEquals(1, widgets.getAsJsonArray("ranges").size(), "the slider's static picture: " + widgets);
        assertTrue(
                widgets.getAsJsonArray("ranges")
                        .get(0)
                        .getAsJsonObject()
                        .get("disabled")
                        .getAsBoolean(),
                "a picture of the slider, not a control: " + widgets);
        assertEquals(List.of("sine"), strings(widgets, "selects"), "the dropdown's static picture: " + widgets);
        assertEquals(1, widgets.get("images").getAsInt(), "the chart under the controls: " + widgets);
        assertEquals(0, widgets.get("liveWidgets").getAsInt(), "the old extension built no widget: " + widgets);
        assertEquals("k = 9, curve = sine", cells.get(3).get("text").getAsString(), "the kernel keeps working");
        assertTrue(Files.size(shot) > 20_000, shot + " looks empty");
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getAsJsonArray(key).asList().stream()
                .map(JsonElement::getAsString)
                .toList();
    }
}
