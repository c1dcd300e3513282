package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's Jupyter widgets in JupyterLab 4 with @jupyter-widgets/jupyterlab-manager, in headless
 * Chromium (widget_checks.py live): the fixture notebook (kernel/frontend-fixtures/widget-notebooks/controls.ipynb)
 * shows a slider k and a dropdown curve under {@code interact}, and a chart titled with both. The
 * driver runs it, drags the slider's handle with the mouse and picks the other curve, runs
 * a cell that prints the kernel's values, reloads the page, restarts the kernel; each test judges one
 * step. Screenshots: target/jupyterlab-screenshots/widgets-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JupyterLabWidgetsIT {

    @TempDir
    static Path dir;

    private JsonObject page;

    @BeforeAll
    void driveTheWidgets() throws Exception {
        var sandbox = new JupyterSandbox(dir, "d2l-rnn");
        JupyterLabApp.ensureBuilt(sandbox);
        page = JupyterLabApp.drive(
                "widget_checks.py",
                sandbox,
                "lab-widgets",
                Duration.ofMinutes(10),
                Map.of(),
                "live",
                JupyterSandbox.WIDGET_NOTEBOOK.toString(),
                JupyterLabApp.screenshots().toString());
        if (page.has("dropdownToRedrawSeconds"))
            System.out.printf(
                    "JupyterLab widgets: another curve picked, the new chart on the page within %.2f s"
                            + " (the page is polled every 0.1 s)%n",
                    page.get("dropdownToRedrawSeconds").getAsDouble());
    }

    /** The driver's record of one step; a step it never reached fails with what stopped it. */
    private JsonObject step(String name) {
        if (!page.has(name)) fail(missing(name));
        return page.getAsJsonObject(name);
    }

    private String missing(String name) {
        var why = page.has("failure") ? page.get("failure") : page.get("reloadFailure");
        return "the driver did not get to " + name + ": " + why + "\n" + page;
    }

    private String text(String name) {
        if (!page.has(name)) fail(missing(name));
        return page.get(name).getAsString();
    }

    private static List<String> strings(JsonObject shown, String key) {
        return shown.getAsJsonArray(key).asList().stream()
                .map(JsonElement::getAsString)
                .toList();
    }

    private static void assertChart(JsonObject shown, String title) {
        var titles = strings(shown, "chartTitles");
        assertTrue(
                titles.stream().anyMatch(t -> t.contains("\"" + title + "\"")),
                "the chart under the controls is titled " + title + ": " + shown);
        assertFalse(shown.get("imageDigest").isJsonNull(), "the page shows the chart image: " + shown);
        assertEquals(List.of(), strings(shown, "widgetErrors"), "no widget shows an error: " + shown);
    }

    @Test
    void runAllShowsTheControlsAndFollowsAValueTheKernelSets() {
        var shown = step("afterRunAll");
        assertEquals(List.of("9"), strings(shown, "readouts"), "slider.value(9) moved the slider: " + shown);
        assertEquals(List.of("sine"), strings(shown, "dropdowns"), shown.toString());
        assertEquals(1, shown.get("handles").getAsInt(), "one live slider (noUiSlider), not the static fallback");
        assertChart(shown, "sine of k x / 4 with k = 9");
        assertEquals("k = 9, curve = sine", shown.get("printed").getAsString());
    }

    @Test
    void movingTheSliderAndTheDropdownChangesTheKernelsValuesAndRedrawsTheChart() {
        assertEquals(List.of("12"), strings(step("afterSlider"), "readouts"), "dragged from 9 to 12");
        assertChart(step("afterSlider"), "sine of k x / 4 with k = 12");
        assertChart(step("afterDropdown"), "cosine of k x / 4 with k = 12");
        assertTrue(page.get("imageChanged").getAsBoolean(), "the image under the controls is another picture");
        assertEquals(
                "k = 12, curve = cosine", text("printedAfterMoving"), "the kernel's slider.value() and curve.value()");
    }

    @Test
    void reloadingThePageBringsTheWidgetsBackFromTheKernelStillLive() {
        var shown = step("afterReload");
        assertEquals(List.of("12"), strings(shown, "readouts"), "request_states gave the current value: " + shown);
        assertEquals(List.of("cosine"), strings(shown, "dropdowns"), shown.toString());
        assertEquals(List.of(), strings(shown, "widgetErrors"), shown.toString());
        assertEquals(List.of("11"), strings(step("afterReloadMoved"), "readouts"), "dragged from 12 to 11");
        assertEquals(
                "k = 11, curve = cosine", text("printedAfterReload"), "a restored slider still reaches the kernel");
    }

    /**
     * After a reload the chart under the controls must still follow them. interact replaces its output
     * by display id (update_display_data), and display ids are transient: a reloaded page maps none to
     * the saved output, so the kernel redraws and the page ignores it. (ipywidgets' interact puts its
     * output in an Output widget, which request_states restores with the page.)
     */
    @Test
    void interactStillRedrawsTheChartAfterAReload() {
        step("afterReloadMoved");
        assertFalse(
                page.get("reloadDragEndToRedrawMillis").isJsonNull(),
                "the slider moved to 11 after the reload, the kernel has k = 11, but the chart under it stayed at "
                        + strings(step("afterReloadMoved"), "chartTitles"));
    }

    @Test
    void aKernelRestartLeavesNoWidgetState() {
        int before = step("commsBeforeRestart").get("comms").getAsInt();
        assertTrue(before >= 3, "the slider, the dropdown and their parts had comms: " + page);
        assertEquals(0, step("commsAfterRestart").get("comms").getAsInt(), "no widget comm survives a restart");
        assertTrue(
                step("afterRestart").get("disconnected").getAsInt() >= 1,
                "the old controls show as disconnected: " + step("afterRestart"));
        assertTrue(
                text("printedAfterRestart").contains("cannot find symbol"),
                "the old slider is gone: " + text("printedAfterRestart"));
        var rerun = step("afterRestartRunAll");
        assertEquals(List.of("9"), strings(rerun, "readouts"), rerun.toString());
        assertEquals(List.of("sine"), strings(rerun, "dropdowns"), "not the cosine picked before the restart");
        assertEquals(0, rerun.get("disconnected").getAsInt(), rerun.toString());
        assertChart(rerun, "sine of k x / 4 with k = 9");
        assertEquals(before, step("commsAfterRerun").get("comms").getAsInt(), "as many comms as the first run");
    }

    /** The screenshots of the steps before and after the reload (the reloaded page's go with its checks). */
    @Test
    void theScreenshotsAreThere() throws Exception {
        assertFalse(page.has("failure"), "the driver stopped: " + page.get("failure"));
        for (var name : List.of("widgets-ran.png", "widgets-moved.png", "widgets-restarted.png")) {
            var shot = JupyterLabApp.SCREENSHOTS.resolve(name);
            assertTrue(Files.size(shot) > 20_000, shot + " looks empty");
        }
    }
}
