package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.frontend.JupyterSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chapter notebook, executed top to bottom by the runner through the chapter kernel, with
 * training cut to a few epochs (D2L_MAX_EPOCHS) so the suite stays fast; the full-settings run
 * and its numbers are the chapter profile's job (ChapterResultsCheck).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChapterNotebooksIT {
    /** The edition's notebooks; the Vietnamese edition's test overrides these three. */
    Path chapter() {
        return Path.of("../../notebooks/chapter_recurrent-neural-networks");
    }

    Path out() {
        return Path.of("target/chapter-quick");
    }

    /** Where the page check leaves its screenshots. */
    Path shots() {
        return Path.of("target/pages/chapter");
    }

    /** Each section and the least number of plots its executed notebook must show. */
    static final Map<String, Integer> SECTIONS = Map.of(
            "index",
            0,
            "sequence",
            4,
            "text-preprocessing",
            0,
            "language-models-and-dataset",
            1,
            "rnn",
            0,
            "rnn-scratch",
            3,
            "rnn-concise",
            4,
            "bptt",
            3);

    private String runnerOutput;
    private int exitCode;

    @BeforeAll
    void runTheChapter() throws Exception {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                NotebookRunner.class.getName(),
                "--kernelspecs",
                JupyterSandbox.KERNELSPECS.toString(),
                "--env",
                "D2L_MAX_EPOCHS=2",
                "-o",
                out().toString(),
                chapter().toString()));
        var log = Files.createDirectories(Path.of("target")).resolve(out().getFileName() + ".log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var finished = process.waitFor(15, TimeUnit.MINUTES);
        var dump = finished ? "" : "\nthe runner hung; its threads:\n" + ProcessRunner.threadDump(process);
        if (!finished) process.destroyForcibly().waitFor();
        exitCode = process.exitValue();
        runnerOutput = Files.readString(log) + dump;
        System.out.println(runnerOutput);
    }

    static List<String> sections() {
        return SECTIONS.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("sections")
    void sectionRunsTopToBottomWithItsPlots(String section) throws Exception {
        assertEquals(0, exitCode, "the runner failed:\n" + runnerOutput);
        var file = out().resolve(section + ".ipynb");
        NbformatCheck.assertValid(file);
        var executed = NotebookFile.read(file);
        assertEquals("d2l-rnn", executed.kernelName(), "notebooks name the chapter kernel");
        int images = 0;
        for (var cell : executed.cells()) {
            if (!cell.isCode()) continue;
            assertFalse(cell.json().get("execution_count").isJsonNull(), section + ": a code cell did not run");
            for (var output : cell.outputs()) {
                var o = output.getAsJsonObject();
                assertFalse(o.get("output_type").getAsString().equals("error"), section + ": " + o);
                if (o.has("data") && o.getAsJsonObject("data").has("image/png")) images++;
            }
        }
        assertTrue(
                images >= SECTIONS.get(section),
                section + " shows " + images + " plots, expected at least " + SECTIONS.get(section));
        var page = Files.readString(out().resolve(section + ".html"));
        assertTrue(
                page.split("data:image/png;base64,", -1).length - 1 >= SECTIONS.get(section),
                section + ".html has its plots inline");
        assertTrue(Files.readString(out().resolve("index.html")).contains(section + ".html"), "index links " + section);
    }

    /**
     * The executed chapter's pages from disk in headless Chromium, offline: every formula typeset,
     * no raw TeX or MathJax error, every image loaded, previous/next chaining all eight pages;
     * screenshots of rnn and bptt under target/pages/chapter/.
     */
    @Test
    void pagesReadAsABookInTheBrowser() throws Exception {
        assertEquals(0, exitCode, "the runner failed:\n" + runnerOutput);
        var check = PageCheck.run(out(), shots(), "rnn", "bptt");
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("OK " + SECTIONS.size() + " pages"), check.output());
    }

    /** How a check's verdict on an answer not yet written begins, in this edition's language. */
    String notDoneYet() {
        return "✎ Not done yet: ";
    }

    /** The reader's edition as committed: every checked exercise says it is not done yet, scores 0 and shows no error. */
    @ParameterizedTest
    @MethodSource("sections")
    void eachCheckSaysNotDoneYet(String section) throws Exception {
        assertEquals(0, exitCode, "the runner failed:\n" + runnerOutput);
        var checks = ExercisesIT.checks(out().resolve(section + ".ipynb"));
        assertTrue(checks.size() >= 2, section + " has " + checks.size() + " checked exercises");
        for (var check : checks) {
            assertEquals("0", check[1], section + " " + check[0]);
            assertTrue(check[2].contains(notDoneYet()), section + " " + check[0] + ": " + check[2]);
        }
    }

    @ParameterizedTest
    @MethodSource("sections")
    void committedNotebookHasNoOutputs(String section) throws Exception {
        var committed = NotebookFile.read(chapter().resolve(section + ".ipynb"));
        assertEquals("d2l-rnn", committed.kernelName());
        for (var cell : committed.cells()) {
            if (cell.isCode()) assertTrue(cell.outputs().isEmpty(), section + ": committed with outputs");
        }
    }
}
