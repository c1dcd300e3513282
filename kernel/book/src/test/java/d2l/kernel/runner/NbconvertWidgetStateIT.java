package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.frontend.JupyterLabApp;
import d2l.kernel.frontend.JupyterSandbox;
import d2l.kernel.frontend.PythonEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved notebook shows its widgets' last state: the widget fixture (a slider made at k = 4, then set
 * to 9 by a later cell) executed by Debian's {@code jupyter nbconvert --to notebook --execute}
 * (nbclient's {@code store_widget_state}) and by the project's runner carries
 * {@code metadata.widgets["application/vnd.jupyter.widget-state+json"]}; opened in the JupyterLab test
 * app (widget_checks.py saved), the slider shows 9 before any cell runs, once the reader trusts the
 * notebook (untrusted, JupyterLab shows the static text/html). Screenshots:
 * target/jupyterlab-screenshots/saved-state-{nbconvert,runner}{,-untrusted,-trusted}.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NbconvertWidgetStateIT {
    static final String STATE = "application/vnd.jupyter.widget-state+json";
    static final String VIEW = "application/vnd.jupyter.widget-view+json";

    @TempDir
    static Path dir;

    private JupyterSandbox sandbox;

    @BeforeAll
    void sandbox() throws Exception {
        PythonEnv.require("/usr/bin/jupyter-nbconvert");
        PythonEnv.requireModules("nbconvert", "nbclient", "nbformat");
        sandbox = new JupyterSandbox(dir, "d2l-rnn");
        JupyterLabApp.ensureBuilt(sandbox);
    }

    @Test
    void nbconvertSavesTheWidgetStateAndJupyterLabShowsIt() throws Exception {
        var out = Files.createDirectories(dir.resolve("nbconvert"));
        var run = sandbox.run(
                "nbconvert-widgets",
                Duration.ofMinutes(5),
                PythonEnv.PYTHON,
                "-m",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.store_widget_state=True",
                "--output-dir",
                out.toString(),
                JupyterSandbox.WIDGET_NOTEBOOK.toString());
        assertEquals(0, run.exitCode(), "nbconvert failed:\n" + run.output());
        var executed = out.resolve("controls.ipynb");
        assertSavedState(executed);
        assertJupyterLabShowsTheSavedState(executed, "saved-state-nbconvert.png");
    }

    @Test
    void theRunnersExecutedCopyOpensTheSameWay() throws Exception {
        var out = dir.resolve("runner");
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                NotebookRunner.class.getName(),
                "--kernelspecs",
                JupyterSandbox.KERNELSPECS.toString(),
                "-o",
                out.toString(),
                JupyterSandbox.WIDGET_NOTEBOOK.toString()));
        var log = dir.resolve("runner.log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            fail("the runner took over 5 minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        assertEquals(0, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        var executed = out.resolve("controls.ipynb");
        assertSavedState(executed);
        assertJupyterLabShowsTheSavedState(executed, "saved-state-runner.png");
    }

    /** The executed copy's widget state: nbformat's widget-state schema, the slider at its last value. */
    private static void assertSavedState(Path executed) throws Exception {
        var notebook = JsonParser.parseString(Files.readString(executed)).getAsJsonObject();
        var widgets = notebook.getAsJsonObject("metadata").getAsJsonObject("widgets");
        assertNotNull(widgets, "no metadata.widgets in " + executed);
        var saved = widgets.getAsJsonObject(STATE);
        assertNotNull(saved, "no " + STATE + " in metadata.widgets: " + widgets);
        assertEquals(2, saved.get("version_major").getAsInt(), saved.toString());
        var models = saved.getAsJsonObject("state");
        var byName = models.entrySet().stream()
                .collect(Collectors.groupingBy(
                        e -> e.getValue().getAsJsonObject().get("model_name").getAsString(),
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        for (var name : List.of("IntSliderModel", "DropdownModel", "LayoutModel"))
            assertTrue(byName.containsKey(name), "no " + name + " among " + byName.keySet());

        var slider = model(models, byName.get("IntSliderModel").get(0));
        assertEquals("@jupyter-widgets/controls", slider.get("model_module").getAsString());
        var sliderState = slider.getAsJsonObject("state");
        assertEquals(9, sliderState.get("value").getAsInt(), "the last value, set after the slider showed: " + slider);
        assertEquals(1, sliderState.get("min").getAsInt());
        assertEquals(16, sliderState.get("max").getAsInt());
        assertEquals("k", sliderState.get("description").getAsString());
        var layout = sliderState.get("layout").getAsString();
        assertTrue(
                layout.startsWith("IPY_MODEL_") && models.has(layout.substring("IPY_MODEL_".length())),
                "the slider's layout is a saved model: " + layout);

        var dropdown = model(models, byName.get("DropdownModel").get(0)).getAsJsonObject("state");
        assertEquals(
                List.of("sine", "cosine"), strings(dropdown.getAsJsonArray("_options_labels")), dropdown.toString());
        assertEquals(0, dropdown.get("index").getAsInt(), dropdown.toString());

        // Every widget view in the outputs names a saved model.
        var views = new ArrayList<String>();
        for (var cell : notebook.getAsJsonArray("cells")) {
            var outputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            if (outputs == null) continue;
            for (var output : outputs) {
                var data = output.getAsJsonObject().getAsJsonObject("data");
                if (data != null && data.has(VIEW))
                    views.add(data.getAsJsonObject(VIEW).get("model_id").getAsString());
            }
        }
        assertFalse(views.isEmpty(), "no widget view among the outputs");
        for (var id : views)
            assertTrue(models.has(id), "view of an unsaved model " + id + "; saved: " + models.keySet());
    }

    private void assertJupyterLabShowsTheSavedState(Path executed, String screenshot) throws Exception {
        var result = JupyterLabApp.drive(
                "widget_checks.py",
                sandbox,
                "lab-" + screenshot.replace(".png", ""),
                Duration.ofMinutes(5),
                Map.of(),
                "saved",
                executed.toString(),
                JupyterLabApp.screenshots().resolve(screenshot).toString());
        assertFalse(result.has("failure"), result.toString());
        // Opened as it comes (untrusted: JupyterLab uses no unsafe renderer, the widget view among them),
        // the page shows the kernel's static picture of the controls.
        var untrusted = result.getAsJsonObject("untrusted");
        assertEquals(1, untrusted.get("staticSliders").getAsInt(), "the text/html fallback: " + untrusted);
        assertEquals(0, untrusted.get("handles").getAsInt(), untrusted.toString());
        // Trusted (Trust Notebook), the widgets show their saved state.
        var shown = result.getAsJsonObject("shown");
        assertEquals(
                List.of("9"),
                strings(shown.getAsJsonArray("readouts")),
                "the saved value, before any cell ran: " + shown);
        assertEquals(List.of("sine"), strings(shown.getAsJsonArray("dropdowns")), shown.toString());
        assertEquals(List.of(), strings(shown.getAsJsonArray("widgetErrors")), shown.toString());
        assertTrue(
                strings(shown.getAsJsonArray("chartTitles")).stream().anyMatch(t -> t.contains("with k = 9\"")),
                "the chart saved under the controls is the last one drawn: " + shown);
    }

    private static JsonObject model(JsonObject models, String id) {
        return models.getAsJsonObject(id);
    }

    private static List<String> strings(com.google.gson.JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsString).toList();
    }
}
