package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's pages in headless Chromium, from disk and offline, on a small chapter of the
 * formulas the hand-made converter got wrong, a figure and code (cells run by the scripted
 * stand-in for the kernel, so no JShell is needed); and the same chapter as a Vietnamese edition.
 * The executed chapter itself is checked by {@link ChapterNotebooksIT}.
 */
class PagesBrowserIT {
    static final Path SCREENSHOTS = Path.of("target/pages").toAbsolutePath();
    static final Path FIGURE = Path.of("src/test/resources/pages/img/test-cell.svg");

    @TempDir
    Path dir;

    /** A chapter folder: an index linking two sections, one with formulas, a figure and code. */
    private Path chapter(Path folder, String title) throws Exception {
        Files.createDirectories(folder.resolve("img"));
        Files.copy(FIGURE, folder.resolve("img/test-cell.svg"));
        Notebooks.write(
                folder,
                "index",
                null,
                "md:# " + title + "\n\n* [Formulas](formulas.ipynb)\n* [Code](code.ipynb#Two-Plots)");
        Notebooks.write(
                folder,
                "formulas",
                null,
                "md:# Formulas\n\nConcatenating, $$[\\mathbf{X}_t, \\mathbf{H}_{t-1}] \\begin{bmatrix} \\mathbf{W}_{xh} \\\\ "
                        + "\\mathbf{W}_{hh} \\end{bmatrix} = \\mathbf{X}_t \\mathbf{W}_{xh} + \\mathbf{H}_{t-1} \\mathbf{W}_{hh}.$$",
                "md:Zipf: $\\log n_i = -\\alpha \\log i + c \\Longleftrightarrow n_i \\propto i^{-\\alpha}$, and"
                        + " $$\\frac{\\partial L}{\\partial \\mathbf{W}_{xh}} = \\frac{1}{n}\\sum_{t=1}^n -\\log P(x_t \\mid x_{t-1}, \\ldots, x_1).$$\n\n"
                        + "\\begin{aligned}a_t &= b_t + c_t a_{t-1}, \\\\ a_0 &= 0.\\end{aligned}",
                "md:![An RNN cell](img/test-cell.svg)\n\n*The cell, drawn for this test.*",
                "code:print x_t");
        Notebooks.write(
                folder,
                "code",
                null,
                "md:# Code\n\n## Two Plots",
                "code:show chart epoch1\nprint $5 and $6",
                "code:table");
        return folder;
    }

    /** Runs the chapter in this JVM with the scripted kernel; returns the runner's log. */
    private String runRunner(Path chapter, Path out) throws Exception {
        var log = new ByteArrayOutputStream();
        var options = RunnerOptions.parse("--out", out.toString(), chapter.toString());
        var runner = new NotebookRunner(ScriptedEvaluator::new, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertNull(runner.runAll(NotebookRunner.notebooks(options), options), log.toString());
        return log.toString();
    }

    @Test
    void formulasTypesetFiguresLoadAndPagesChainOffline() throws Exception {
        var out = dir.resolve("out");
        runRunner(chapter(dir.resolve("chapter"), "Chapter"), out);

        var check = PageCheck.run(out, SCREENSHOTS, "formulas");

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("OK 3 pages"), check.output());
        assertTrue(
                check.output().contains("\"mathSpans\": 4"),
                "the formulas page has its four formulas: " + check.output());
        assertTrue(Files.size(SCREENSHOTS.resolve("formulas.png")) > 10_000, "screenshot looks empty");
    }

    @Test
    void aVietnameseEditionWorksTheSameWay() throws Exception {
        var out = dir.resolve("out-vi");
        runRunner(chapter(dir.resolve("vi/chapter"), "Chương"), out);

        var check = PageCheck.run(out, SCREENSHOTS.resolve("vi"), "formulas");

        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("\"lang\": \"vi\""), check.output());
        assertTrue(Files.readString(out.resolve("code.html")).contains("Phần trước"), "Vietnamese navigation");
    }

    @Test
    void theCheckFailsOnBadTexMissingFiguresAndBrokenLinks() throws Exception {
        var chapter = Files.createDirectories(dir.resolve("bad"));
        Notebooks.write(chapter, "index", null, "md:# Bad\n\n[gone](gone.ipynb) [anchor](index.ipynb#Nowhere)");
        Notebooks.write(
                chapter,
                "page",
                null,
                "md:# Page\n\n$\\frac{a}$ and $\\notACommand x$\n\n![missing](img/missing.svg)",
                "md:An unclosed $x_t stays text.");
        var out = dir.resolve("out-bad");
        var log = runRunner(chapter, out);
        assertTrue(log.contains("shows img/missing.svg, but there is no file"), log);

        var check = PageCheck.run(out, dir.resolve("shots"));

        assertEquals(1, check.exitCode(), check.output());
        for (var problem : new String[] {
            "page: MathJax errors",
            "'$x_t stays text.",
            "page: images that did not load",
            "index: link gone.html leads to no file",
            "index: link index.html#Nowhere names no anchor"
        }) {
            assertTrue(check.output().contains(problem), "names \"" + problem + "\": " + check.output());
        }
    }
}
