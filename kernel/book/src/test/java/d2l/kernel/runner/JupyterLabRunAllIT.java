package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import d2l.kernel.frontend.JupyterLabApp;
import d2l.kernel.frontend.JupyterSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a reader of the chapter does in JupyterLab 4: open each notebook of the chapter folder,
 * Run &gt; Run All Cells (training capped by D2L_MAX_EPOCHS=2), and read the page. Every notebook in
 * the folder is taken, whatever it holds; what it must show is counted from the notebook itself:
 * no error output, every image output rendered, every figure loaded, markdown rendered and its
 * formulas typeset. A chart cell never shows more than one picture at a time. A screenshot of each
 * notebook goes to target/jupyterlab-screenshots. The live training chart has its own test.
 */
class JupyterLabRunAllIT {
    static final Path CHAPTER = Path.of("../../notebooks/chapter_recurrent-neural-networks");

    @TempDir
    Path dir;

    static Stream<String> notebooks() throws IOException {
        try (var files = Files.list(CHAPTER)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ipynb"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void runAllInJupyterLabShowsEveryOutputWithoutErrors(String name) throws Exception {
        var notebook = CHAPTER.resolve(name);
        var kernel = NotebookFile.read(notebook).kernelName();
        var sandbox = new JupyterSandbox(dir, kernel == null ? "java" : kernel);
        JupyterLabApp.ensureBuilt(sandbox);
        var section = name.replace(".ipynb", "");
        var screenshot = JupyterLabApp.screenshots().resolve(section + ".png");
        Files.deleteIfExists(screenshot);

        var page = JupyterLabApp.check(
                sandbox,
                "lab-run-all-" + section,
                Duration.ofMinutes(20),
                "run-all",
                notebook.toAbsolutePath().toString(),
                screenshot.toString(),
                "900");

        System.out.printf(
                "JupyterLab %s: kernel idle %.2f s after opening, Run All %.1f s, %d images, %d figures%n",
                section,
                page.get("loadToIdleSeconds").getAsDouble(),
                page.get("runAllSeconds").getAsDouble(),
                page.get("renderedImages").getAsInt(),
                page.get("figures").getAsInt());
        assertEquals(kernel, page.get("kernel").getAsString(), "the notebook runs on the kernel it names");
        assertEquals(List.of(), strings(page, "errors"), section + ": error outputs");
        assertEquals(0, page.get("domErrors").getAsInt(), section + ": stderr/error outputs on the page");
        assertEquals(
                page.get("imageOutputs").getAsInt(),
                page.get("renderedImages").getAsInt(),
                section + ": every image output is shown as a loaded picture");
        assertEquals(List.of(), strings(page, "brokenFigures"), section + ": figures that did not load");
        assertEquals(0, page.get("unrenderedMarkdownCells").getAsInt(), section + ": markdown shown as source");
        if (page.get("markdownCellsWithMath").getAsInt() > 0) {
            assertTrue(page.get("typesetFormulas").getAsInt() > 0, section + ": formulas are typeset by MathJax");
        }
        for (var cell : cells(page)) {
            assertTrue(
                    cell.get("maxImages").getAsInt()
                            <= Math.max(1, cell.get("imageOutputs").getAsInt()),
                    section + ": a cell showed more pictures while running than it ends with (updates appended?): "
                            + cell);
        }
        assertTrue(Files.size(screenshot) > 20_000, "screenshot " + screenshot + " looks empty");
    }

    /**
     * The scratch RNN's training chart, redrawn every min(10, epochs) epochs: with two epochs it is
     * drawn once, so this run caps training at 20 (two redraws per chart). Each training cell keeps a
     * single image output at every moment (updates replace it, they do not append), and its picture
     * changed while the cell was still running.
     */
    @Test
    void liveTrainingChartIsOneOutputRedrawnWhileTrainingRuns() throws Exception {
        var notebook = CHAPTER.resolve("rnn-scratch.ipynb");
        var sandbox = new JupyterSandbox(dir, NotebookFile.read(notebook).kernelName());
        JupyterLabApp.ensureBuilt(sandbox);
        var screenshot = JupyterLabApp.screenshots().resolve("rnn-scratch-20-epochs.png");
        var page = JupyterLabApp.check(
                sandbox,
                "lab-live-chart",
                Duration.ofMinutes(30),
                20,
                "run-all",
                notebook.toAbsolutePath().toString(),
                screenshot.toString(),
                "1500");
        System.out.printf(
                "JupyterLab rnn-scratch at 20 epochs: Run All %.1f s%n",
                page.get("runAllSeconds").getAsDouble());
        assertEquals(List.of(), strings(page, "errors"));
        var live = cells(page).stream()
                .filter(c -> c.get("picturesWhileRunning").getAsInt() >= 2)
                .toList();
        assertTrue(!live.isEmpty(), "no chart changed while its cell ran: " + page.get("perCell"));
        for (var cell : live) {
            assertEquals(1, cell.get("imageOutputs").getAsInt(), "the live chart is one output: " + cell);
            assertEquals(1, cell.get("maxImages").getAsInt(), "updates replace the chart in place: " + cell);
        }
    }

    private static List<JsonObject> cells(JsonObject page) {
        return page.getAsJsonArray("perCell").asList().stream()
                .map(JsonElement::getAsJsonObject)
                .toList();
    }

    private static List<String> strings(JsonObject page, String key) {
        return page.getAsJsonArray(key).asList().stream()
                .map(JsonElement::getAsString)
                .toList();
    }
}
