package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's bookkeeping and command line, with a scripted stand-in for the kernel. */
class NotebookRunnerTest {
    @TempDir
    Path dir;

    private final List<ScriptedEvaluator> sessions = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CellEvaluator.Factory factory = (kernel, charts) -> {
            var session = new ScriptedEvaluator(kernel, charts);
            sessions.add(session);
            return session;
        };
        return NotebookRunner.run(
                args,
                factory,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private final ScriptedEvaluator.Clock clock = new ScriptedEvaluator.Clock();

    /**
     * Runs on the test's clock, which the notebooks' {@code wait} commands move; progress shows as
     * {@code --progress} says, on a terminal 60 columns wide.
     */
    private int runOnTheClock(String... args) {
        CellEvaluator.Factory factory = (kernel, charts) -> {
            var session = new ScriptedEvaluator(kernel, charts, clock);
            sessions.add(session);
            return session;
        };
        var stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        return NotebookRunner.run(
                args, factory, stdout, new PrintStream(err, true, StandardCharsets.UTF_8), options -> {
                    var style = options.progress().equals("terminal")
                            ? ProgressLine.Style.TERMINAL
                            : ProgressLine.Style.LOG;
                    var line = new ProgressLine(stdout, style, 60, clock);
                    clock.onMove(line::tick);
                    return line;
                });
    }

    /**
     * A quick cell, a training cell whose live chart reaches epoch 3 of 3 in 6 seconds, and a cell
     * whose first line is too long for the terminal.
     */
    private Path trainingNotebook() throws Exception {
        return Notebooks.write(
                dir,
                "train",
                null,
                "md:# Train",
                "code:print setup\nwait 0.5",
                "code:print training\nwait 3\nchart 1 3\nwait 2\nchart 2 3\nwait 1\nchart 3 3",
                "code:print " + "the-text-of-the-time-machine-".repeat(3));
    }

    @Test
    void onATerminalTheProgressIsOneLineRedrawnInPlace() throws Exception {
        var nb = trainingNotebook();
        var outDir = dir.resolve("out");

        assertEquals(
                0, runOnTheClock("--progress", "terminal", "-o", outDir.toString(), nb.toString()), err.toString());

        var log = out.toString();
        var training = "\rtrain | cell 3/4 | 0s | print training\033[K"
                + "\rtrain | cell 3/4 | 3s | print training\033[K"
                + "\rtrain | cell 3/4 | 3s | epoch 1/3 | print training\033[K"
                + "\rtrain | cell 3/4 | 5s | epoch 1/3 | print training\033[K"
                + "\rtrain | cell 3/4 | 5s | epoch 2/3 | print training\033[K"
                + "\rtrain | cell 3/4 | 6s | epoch 2/3 | print training\033[K"
                + "\rtrain | cell 3/4 | 6s | epoch 3/3 | print training\033[K"
                + "\r\033[K";
        assertTrue(
                log.contains(training),
                "the line follows the cell's time and its chart's epoch, then is cleared: " + visible(log));
        assertTrue(
                log.startsWith("running " + nb + " (kernel java)\n\rtrain | cell 2/4 | 0s | print setup\033[K"),
                visible(log));
        assertTrue(
                log.contains("\rtrain | cell 4/4 | 0s | print the-text-of-the-time-machi...\033[K"),
                "a line longer than the terminal is cut to fit its 60 columns: " + visible(log));
        var redrawn = List.of(log.split("\r"));
        for (var drawn : redrawn.subList(1, redrawn.size())) {
            assertTrue(drawn.indexOf("\033[K") < 60, "the progress line is wider than the terminal: " + visible(drawn));
        }
        assertTrue(
                log.contains("\r\033[K  ok in 6.5 s -> " + outDir.resolve("train.ipynb") + "\n"),
                "the runner's own line starts on a cleared line: " + visible(log));
        assertTrue(
                log.endsWith("""
        -> %s

        notebook  time   result
        --------  -----  ------
        train     6.5 s  ok
        total     6.5 s
        index page: %s
        """.formatted(
                                outDir.resolve("train.ipynb"),
                                outDir.resolve("index.html").toUri())),
                "the run ends with its summary, the progress line gone: " + visible(log));
    }

    @Test
    void inALogTheProgressIsAPlainLineEveryTenSecondsOfALongCell() throws Exception {
        var nb = Notebooks.write(
                dir,
                "train",
                null,
                "md:# Train",
                "code:print setup\nwait 9",
                "code:print training\nwait 9\nchart 1 4\nwait 2\nchart 2 4\nwait 5\nchart 3 4\nwait 6\nchart 4 4",
                "code:print done");
        var outDir = dir.resolve("out");

        assertEquals(0, runOnTheClock("--progress", "log", "-o", outDir.toString(), nb.toString()), err.toString());

        assertEquals(
                """
        running %s (kernel java)
          train | cell 3/4 | 11s | epoch 1/4 | print training
          train | cell 3/4 | 22s | epoch 3/4 | print training
          ok in 31.0 s -> %s

        notebook  time    result
        --------  ------  ------
        train     31.0 s  ok
        total     31.0 s
        index page: %s
        """.formatted(
                                nb,
                                outDir.resolve("train.ipynb"),
                                outDir.resolve("index.html").toUri()),
                out.toString(),
                "a 9-second cell shows nothing; the 22-second one a line at 11 s (the first tick 10 s into it) and at 22 s"
                        + " (10 s after the last line), no redrawing codes");
    }

    @Test
    void theSummaryStartsWithTheFailureAndListsTheNotebooksThatDidNotRun() throws Exception {
        var chapter = Files.createDirectories(dir.resolve("chapter"));
        Notebooks.write(chapter, "index", null, "md:# Chapter\n\n* [A](a.ipynb)\n* [B](b.ipynb)\n* [C](c.ipynb)");
        Notebooks.write(chapter, "a", null, "md:# A", "code:print a\nwait 61");
        Notebooks.write(
                chapter,
                "b",
                null,
                "md:# B",
                "code:print b\nwait 2",
                "code:fail IllegalStateException the state is gone\nprint never");
        Notebooks.write(chapter, "c", null, "md:# C", "code:print c");
        var outDir = dir.resolve("out");

        assertEquals(1, runOnTheClock("-o", outDir.toString(), "--brief", chapter.toString()));

        var log = out.toString();
        assertEquals(
                """

        FAILED: b.ipynb, cell 3 (In [2])
          fail IllegalStateException the state is gone
          IllegalStateException: the state is gone

        notebook  time    result
        --------  ------  ----------------
        index     0.0 s   ok
        a         1m 01s  ok
        b         2.0 s   FAILED at cell 3
        c                 not run
        total     1m 03s
        index page: %s
        """.formatted(outDir.resolve("index.html").toUri()),
                log.substring(log.indexOf("\n\nFAILED") + 1),
                "the failure first, even with --brief, then every notebook");
        var saved = RunSummary.read(outDir);
        assertEquals(
                List.of("index", "a", "b", "c"),
                saved.entries().stream().map(RunSummary.Entry::notebook).toList());
        assertEquals(RunSummary.Outcome.NOT_RUN, saved.entries().get(3).outcome());
        assertEquals(
                new NotebookExecutor.Failure(
                        "b",
                        3,
                        2,
                        "fail IllegalStateException the state is gone",
                        "IllegalStateException",
                        "the state is gone"),
                saved.failure(),
                "the summary file keeps the failure");
        assertEquals(61.0, saved.entries().get(1).seconds(), 1e-9);
    }

    @Test
    void withBriefASuccessfulRunEndsWithTheIndexPageAndLeavesTheTableInItsFile() throws Exception {
        var nb = Notebooks.write(dir, "quick", null, "md:# Quick", "code:print hi\nwait 1.25");
        var outDir = dir.resolve("out");

        assertEquals(0, runOnTheClock("-o", outDir.toString(), "--brief", nb.toString()), err.toString());

        assertEquals(
                "running %s (kernel java)\n  ok in 1.3 s -> %s\nindex page: %s\n"
                        .formatted(
                                nb,
                                outDir.resolve("quick.ipynb"),
                                outDir.resolve("index.html").toUri()),
                out.toString());
        var saved = RunSummary.read(outDir);
        assertEquals(List.of(new RunSummary.Entry("quick", RunSummary.Outcome.OK, 1.25, null)), saved.entries());
        assertEquals(outDir.resolve("index.html").toUri().toString(), saved.indexPage());
    }

    /** Terminal codes made visible, for failure messages. */
    private static String visible(String log) {
        return log.replace("\r", "<CR>").replace("\033[K", "<EL>");
    }

    @Test
    void executesCellsInOrderAndWritesValidNotebookAndPage() throws Exception {
        var nb = Notebooks.write(
                dir,
                "demo",
                null,
                "md:# Demo\n\nInline $x_t$ math.",
                "code:print hello",
                "code:show chart epoch1",
                "code:table",
                "code:update chart epoch2\nresult 42",
                "code:print old\nclear\nprint new");
        var outDir = dir.resolve("out");

        assertEquals(0, run("--out", outDir.toString(), nb.toString()), err.toString());

        var executed = NotebookFile.read(outDir.resolve("demo.ipynb"));
        var cells = executed.cells();
        assertEquals(1, cells.get(1).json().get("execution_count").getAsInt());
        assertEquals(4, cells.get(4).json().get("execution_count").getAsInt());
        var chart = cells.get(2).outputs().get(0).getAsJsonObject();
        assertEquals(
                "epoch2",
                NotebookFile.multiline(chart.getAsJsonObject("data").get("text/plain")),
                "the later cell's update replaced the chart in place");
        assertFalse(chart.has("transient"), "nbformat outputs carry no transient display id");
        assertEquals(1, cells.get(4).outputs().size(), "the update itself is not an output");
        var cleared = cells.get(5).outputs();
        assertEquals(1, cleared.size(), "clear_output(wait) dropped the old text when the new arrived");
        assertEquals(
                "new\n", NotebookFile.multiline(cleared.get(0).getAsJsonObject().get("text")));
        NbformatCheck.assertValid(outDir.resolve("demo.ipynb"));

        var html = Files.readString(outDir.resolve("demo.html"));
        assertTrue(html.contains("<title>Demo</title>"), html);
        assertTrue(html.contains("<img alt=\"figure\" src=\"data:image/png;base64," + ScriptedEvaluator.PNG + "\">"));
        assertTrue(html.contains("<td>2261</td>"));
        assertTrue(html.contains("<span class=\"math inline\">\\(x_t\\)</span>"), "math left for MathJax: " + html);
        assertTrue(Files.isRegularFile(outDir.resolve("assets/mathjax/tex-svg-full.js")), "MathJax beside the page");
        assertTrue(
                Files.isRegularFile(outDir.resolve("assets/highlight/highlight.min.js")),
                "highlight.js beside the page");
        assertTrue(html.contains("<pre class=\"out stdout\">hello\n</pre>"));
        assertTrue(Files.readString(outDir.resolve("index.html")).contains("<a href=\"demo.html\">Demo</a>"));
        assertTrue(sessions.get(0).closed);
    }

    @Test
    void stopsAtTheFirstFailingCellNamesItAndExitsNonZero() throws Exception {
        var nb = Notebooks.write(
                dir,
                "broken",
                null,
                "md:# Broken",
                "code:print before",
                "code:fail ArithmeticException / by zero",
                "code:print after");
        var outDir = dir.resolve("out");

        assertEquals(1, run("-o", outDir.toString(), nb.toString()));

        assertTrue(
                err.toString().contains("broken.ipynb: cell 3 (In [2]) failed: ArithmeticException: / by zero"),
                err.toString());
        assertEquals(List.of("print before", "fail ArithmeticException / by zero"), sessions.get(0).executed);
        var executed = NotebookFile.read(outDir.resolve("broken.ipynb"));
        assertEquals(
                "error",
                executed.cells()
                        .get(2)
                        .outputs()
                        .get(0)
                        .getAsJsonObject()
                        .get("output_type")
                        .getAsString());
        assertTrue(executed.cells().get(3).outputs().isEmpty());
        NbformatCheck.assertValid(outDir.resolve("broken.ipynb"));
        var html = Files.readString(outDir.resolve("broken.html"));
        assertTrue(
                html.contains("<pre class=\"out error\">ArithmeticException: / by zero\n  at line 1\n</pre>"),
                "traceback shown without terminal colour codes");
        assertTrue(Files.readString(outDir.resolve("index.html")).contains("(failed)"));
    }

    @Test
    void aDirectoryRunsInTheIndexOrderAndStopsAtTheFirstFailingNotebook() throws Exception {
        var chapter = Files.createDirectories(dir.resolve("chapter"));
        Notebooks.write(
                chapter,
                "index",
                null,
                "md:# Chapter\n\n* [Seq](sequence.ipynb)\n* [Text](text.ipynb)\n* [Bad](bad.ipynb)");
        Notebooks.write(chapter, "text", null, "md:# Text", "code:print text");
        Notebooks.write(chapter, "sequence", null, "md:# Seq", "code:print seq");
        Notebooks.write(chapter, "bad", null, "md:# Bad", "code:fail IllegalStateException nope");
        Notebooks.write(chapter, "appendix", null, "md:# Appendix", "code:print never");
        var outDir = dir.resolve("out");

        assertEquals(1, run("--out", outDir.toString(), chapter.toString()));

        var ran = sessions.stream().map(s -> s.executed).toList();
        assertEquals(
                List.of(
                        List.of(),
                        List.of("print seq"),
                        List.of("print text"),
                        List.of("fail IllegalStateException nope")),
                ran,
                "index, then link order; the unlinked appendix would come last but the failure stops the run");
        var index = Files.readString(outDir.resolve("index.html"));
        assertTrue(index.contains("<title>Chapter</title>"), "the chapter's index notebook is the contents page");
        assertTrue(
                index.contains("<a href=\"sequence.html\">Seq</a>"), "its .ipynb links point at the pages: " + index);
        var runList = index.substring(index.indexOf("Pages of this run"));
        assertTrue(runList.indexOf("sequence.html") < runList.indexOf("text.html"));
        assertTrue(runList.contains("<a href=\"bad.html\">Bad</a> <span class=\"status-failed\">(failed)</span>"));
        assertFalse(Files.exists(outDir.resolve("appendix.html")));
        var bad = Files.readString(outDir.resolve("bad.html"));
        assertTrue(
                bad.contains("<a class=\"prev\" rel=\"prev\" href=\"text.html\">"),
                "the failed page leads back: " + bad);
        assertTrue(bad.contains("<span class=\"next\"></span>"), "and on to no page that was not written: " + bad);
    }

    @Test
    void pagesLinkAsABookAndCarryTheirFigures() throws Exception {
        var chapter = Files.createDirectories(dir.resolve("chapter"));
        Files.createDirectories(chapter.resolve("img"));
        Files.writeString(
                chapter.resolve("img/cell.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");
        Notebooks.write(chapter, "index", null, "md:# Chapter\n\n* [A](a.ipynb)\n* [B](b.ipynb)");
        Notebooks.write(
                chapter,
                "a",
                null,
                "md:# Section A\n\n![a cell](img/cell.svg)\n\n*The cell.*\n\n![gone](img/missing.svg)");
        Notebooks.write(chapter, "b", null, "md:# Section B\n\n## Two words");
        var outDir = dir.resolve("out");

        assertEquals(0, run("--out", outDir.toString(), chapter.toString()), err.toString());

        var index = Files.readString(outDir.resolve("index.html"));
        var a = Files.readString(outDir.resolve("a.html"));
        var b = Files.readString(outDir.resolve("b.html"));
        assertTrue(index.contains("<a class=\"next\" rel=\"next\" href=\"a.html\">Next: Section A &rarr;</a>"), index);
        assertTrue(a.contains("<a class=\"prev\" rel=\"prev\" href=\"index.html\">&larr; Previous: Chapter</a>"), a);
        assertTrue(a.contains("<a class=\"contents\" rel=\"contents\" href=\"index.html\">Contents</a>"), a);
        assertTrue(a.contains("href=\"b.html\">Next: Section B &rarr;</a>"), a);
        assertTrue(
                b.contains("href=\"a.html\">&larr; Previous: Section A</a>")
                        && b.contains("<span class=\"next\"></span>"),
                b);
        assertTrue(b.contains("<h2 id=\"Two-words\">Two words</h2>"), "headings carry JupyterLab's anchors: " + b);
        assertTrue(b.contains("<html lang=\"en\">"), b);
        assertTrue(a.contains("<img src=\"img/cell.svg\" alt=\"a cell\" />"), a);
        assertEquals(
                Files.readString(chapter.resolve("img/cell.svg")), Files.readString(outDir.resolve("img/cell.svg")));
        assertTrue(out.toString().contains("shows img/missing.svg, but there is no file"), out.toString());
    }

    @Test
    void aVietnameseFolderGetsVietnamesePages() throws Exception {
        var chapter = Files.createDirectories(dir.resolve("vi/chapter"));
        Notebooks.write(chapter, "index", null, "md:# Chương\n\n* [A](a.ipynb)");
        Notebooks.write(chapter, "a", null, "md:# Mục A");
        var outDir = dir.resolve("out-vi");

        assertEquals(0, run("--out", outDir.toString(), chapter.toString()), err.toString());

        var a = Files.readString(outDir.resolve("a.html"));
        assertTrue(a.contains("<html lang=\"vi\">"), a);
        assertTrue(a.contains("&larr; Phần trước: Chương</a>") && a.contains(">Mục lục</a>"), a);
        assertFalse(a.contains("Previous") || a.contains("Contents"), "no English labels on a Vietnamese page");
        assertTrue(Files.readString(outDir.resolve("index.html")).contains("Các trang trong lần chạy này"));
    }

    @Test
    void eachEditionsIndexLinksTheOthers() throws Exception {
        var english = Files.createDirectories(dir.resolve("en-chapter"));
        Notebooks.write(english, "index", null, "md:# Chapter\n\n* [A](a.ipynb)");
        Notebooks.write(english, "a", null, "md:# Section A");
        var vietnamese = Files.createDirectories(dir.resolve("vi/chapter"));
        Notebooks.write(vietnamese, "index", null, "md:# Chương\n\n* [A](a.ipynb)");
        Notebooks.write(vietnamese, "a", null, "md:# Mục A");
        var outDir = dir.resolve("book");

        assertEquals(
                0,
                run("--out", outDir.toString(), "--edition", "vi=vi/index.html", english.toString()),
                err.toString());
        assertEquals(
                0,
                run("--out", outDir.resolve("vi").toString(), "--edition", "en=../index.html", vietnamese.toString()),
                err.toString());

        var index = Files.readString(outDir.resolve("index.html"));
        assertTrue(index.contains("Other editions: <a href=\"vi/index.html\">Tiếng Việt</a>"), index);
        var vi = Files.readString(outDir.resolve("vi/index.html"));
        assertTrue(vi.contains("Phiên bản khác: <a href=\"../index.html\">English</a>"), vi);
        assertFalse(
                Files.readString(outDir.resolve("a.html")).contains("Other editions"), "only the index links editions");
    }

    @Test
    void aTranslationWithTheSameCodeTakesTheOtherEditionsOutputsWithoutRunning() throws Exception {
        var english = Files.createDirectories(dir.resolve("en"));
        Notebooks.write(
                english, "a", null, "md:# Section A", "code:print hello", "code:", "code:show chart epoch1\nresult 42");
        var vietnamese = Files.createDirectories(dir.resolve("vi/chapter"));
        Notebooks.write(
                vietnamese, "a", null, "md:# Mục A", "code:print hello", "code:", "code:show chart epoch1\nresult 42");
        var book = dir.resolve("book");
        assertEquals(0, run("--out", book.toString(), english.toString()), err.toString());

        assertEquals(
                0,
                run("--out", book.resolve("vi").toString(), "--outputs-from", book.toString(), vietnamese.toString()),
                err.toString());

        assertEquals(1, sessions.size(), "the Vietnamese notebook did not run");
        var en = NotebookFile.read(book.resolve("a.ipynb")).cells();
        var vi = NotebookFile.read(book.resolve("vi/a.ipynb")).cells();
        assertEquals("# Mục A", vi.get(0).source(), "the translation's own prose stays");
        for (var i = 1; i < en.size(); i++) {
            assertEquals(
                    en.get(i).json().get("outputs"), vi.get(i).json().get("outputs"), "outputs of cell " + (i + 1));
            assertEquals(
                    en.get(i).json().get("execution_count"), vi.get(i).json().get("execution_count"));
        }
        assertEquals(2, vi.get(3).json().get("execution_count").getAsInt());
        NbformatCheck.assertValid(book.resolve("vi/a.ipynb"));
        var page = Files.readString(book.resolve("vi/a.html"));
        assertTrue(
                page.contains("<html lang=\"vi\">") && page.contains("<pre class=\"out stdout\">hello\n</pre>"), page);
        assertTrue(out.toString().contains("its code cells are those of " + book.resolve("a.ipynb")), out.toString());
    }

    @Test
    void aTranslationRunsWhenTheCopyHasOtherCodeOrDidNotFinish() throws Exception {
        var english = Files.createDirectories(dir.resolve("en"));
        Notebooks.write(english, "a", null, "code:print hello", "code:print one");
        Notebooks.write(english, "b", null, "code:fail IllegalStateException no", "code:print two");
        var book = dir.resolve("book");
        assertEquals(
                1,
                run(
                        "--out",
                        book.toString(),
                        english.resolve("a.ipynb").toString(),
                        english.resolve("b.ipynb").toString()));
        var vietnamese = Files.createDirectories(dir.resolve("vi"));
        Notebooks.write(vietnamese, "a", null, "code:print hello", "code:print khác");
        Notebooks.write(vietnamese, "b", null, "code:fail IllegalStateException no", "code:print two");
        Notebooks.write(vietnamese, "c", null, "code:print three");

        for (var name : List.of("a", "b", "c")) {
            run(
                    "--out",
                    dir.resolve("vi-out").toString(),
                    "--outputs-from",
                    book.toString(),
                    vietnamese.resolve(name + ".ipynb").toString());
        }

        assertEquals(List.of("print hello", "print khác"), sessions.get(2).executed, "other code: the notebook ran");
        assertEquals(
                List.of("fail IllegalStateException no"),
                sessions.get(3).executed,
                "the copy failed: the notebook ran");
        assertEquals(List.of("print three"), sessions.get(4).executed, "no copy: the notebook ran");
        var log = out.toString();
        assertTrue(log.contains("cannot stand for it, code cell 2 differs"), log);
        assertTrue(log.contains("cannot stand for it, its code cell 1 failed"), log);
        assertTrue(log.contains("cannot stand for it, there is no such file"), log);
    }

    @Test
    void aCopyWithCellsThatNeverRanIsNotUsed() {
        var copy = NotebookFile.parse("""
        {"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[
          {"cell_type":"code","id":"x","metadata":{},"source":"print a","outputs":[],"execution_count":null}]}""", "a", "copy");
        var notebook = NotebookFile.parse("""
        {"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[
          {"cell_type":"code","id":"y","metadata":{},"source":"print a","outputs":[],"execution_count":null}]}""", "a", "mine");
        assertEquals("its code cell 1 did not run", ExecutedCopy.mismatch(notebook, copy));
    }

    /** A d2l-rnn kernelspec under {@code dir/specs} with this kernel.json, and a notebook that names it. */
    private Path notebookWithKernelspec(String kernelJson) throws Exception {
        var specs = Files.createDirectories(dir.resolve("specs/d2l-rnn"));
        Files.writeString(specs.resolve("kernel.json"), kernelJson);
        return Notebooks.write(dir, "chapter", "d2l-rnn", "code:print hi");
    }

    @Test
    void theNotebooksKernelspecIsHandedToTheSession() throws Exception {
        var nb = notebookWithKernelspec(
                "{\"argv\":[\"java\"],\"display_name\":\"d2l\",\"language\":\"java\",\"env\":{\"IJAVA_STARTUP_SCRIPTS_PATH\":\"/x/startup.jsh\"}}");

        assertEquals(
                0,
                run(
                        "-k",
                        dir.resolve("specs").toString(),
                        "-o",
                        dir.resolve("out").toString(),
                        nb.toString()),
                err.toString());

        var kernel = sessions.get(0).kernel;
        assertEquals("d2l-rnn", kernel.name());
        assertEquals("/x/startup.jsh", kernel.variable("IJAVA_STARTUP_SCRIPTS_PATH"));
    }

    @Test
    void onlyTheKernelsVmOptionsThisJvmLacksAreMissing() throws Exception {
        var nb = notebookWithKernelspec(
                "{\"argv\":[\"java\",\"-XX:+UseSerialGC\",\"-XX:TieredStopAtLevel=1\",\"-XX:SharedArchiveFile=/k/kernel.jsa\","
                        + "\"-cp\",\"x\"],\"display_name\":\"d2l\",\"language\":\"java\"}");
        var options =
                RunnerOptions.parse(new String[] {"-k", dir.resolve("specs").toString(), nb.toString()});

        assertEquals(
                List.of("-XX:TieredStopAtLevel=1"),
                NotebookRunner.missingVmOptions(List.of(nb), options, List.of("-Xmx4g", "-XX:+UseSerialGC")));
        assertEquals(
                List.of(),
                NotebookRunner.missingVmOptions(
                        List.of(nb), options, List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));
    }

    @Test
    void theKernelsCollectorReplacesOursAndItsOptionsComeLast() {
        assertEquals(
                List.of("-Xmx4g", "-XX:TieredStopAtLevel=4", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                NotebookRunner.withVmOptions(
                        List.of("-Xmx4g", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=4"),
                        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));
        assertEquals(
                List.of("-XX:+UseG1GC", "-XX:TieredStopAtLevel=1"),
                NotebookRunner.withVmOptions(List.of("-XX:+UseG1GC"), List.of("-XX:TieredStopAtLevel=1")));
    }

    @Test
    void aMissingKernelspecIsAClearError() throws Exception {
        var nb = Notebooks.write(dir, "chapter", "no-such-kernel", "code:print hi");
        assertEquals(2, run("-k", dir.toString(), nb.toString()));
        assertTrue(err.toString().contains("asks for kernel 'no-such-kernel'"), err.toString());
    }

    @Test
    void badUsageExitsTwoWithAReason() throws Exception {
        assertEquals(2, run());
        assertTrue(err.toString().contains("no notebook given"));
        assertEquals(2, run(dir.resolve("missing.ipynb").toString()));
        assertTrue(err.toString().contains("no such notebook or directory"));
        assertEquals(2, run("--env", "NOEQUALS", dir.toString()));
        assertTrue(err.toString().contains("--env wants NAME=VALUE"));
        assertEquals(2, run("--edition", "vi/index.html", dir.toString()));
        assertTrue(err.toString().contains("--edition wants LANG=HREF"));
        assertEquals(2, run("--edition", "fr=fr/index.html", dir.toString()));
        assertTrue(err.toString().contains("no page labels for language \"fr\"; known: en, vi"), err.toString());
        assertEquals(2, run("--outputs-from", dir.resolve("nowhere").toString(), dir.toString()));
        assertTrue(
                err.toString().contains("--outputs-from " + dir.resolve("nowhere") + " is not a directory"),
                err.toString());
        assertEquals(2, run("--jobs", "0", dir.toString()));
        assertTrue(
                err.toString()
                        .contains(
                                "--jobs wants a whole number of notebooks to run at once (1 or more) or auto, got '0'"),
                err.toString());
        assertEquals(2, run("--jobs", "two", dir.toString()));
        assertTrue(err.toString().contains("got 'two'"), err.toString());
        var sequence = Notebooks.write(dir, "sequence", "java", "code:1 + 1");
        assertEquals(2, run("--jobs", "2", "--first", "rnn-scratch", sequence.toString()));
        assertTrue(
                err.toString().contains("--first rnn-scratch: no such notebook in this run (sequence)")
                        && err.toString().contains("give a notebook's file name without .ipynb"),
                err.toString());
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage:"));
    }

    @Test
    void jobsAutoIsTwoOnTwoCoresOrMoreAndEachJobGetsItsShareOfTheCores() {
        assertEquals(1, RunnerOptions.jobs("auto", 1));
        assertEquals(2, RunnerOptions.jobs("auto", 2));
        assertEquals(2, RunnerOptions.jobs("auto", 16));
        assertEquals(3, RunnerOptions.jobs("3", 2));
        assertEquals(1, ParallelRuns.threadsPerJob(2, 2));
        assertEquals(1, ParallelRuns.threadsPerJob(2, 3), "never zero threads");
        assertEquals(4, ParallelRuns.threadsPerJob(8, 2));
    }

    @Test
    void aChildsShareOfTheCoresGrowsWhenFewerNotebooksThanJobsAreLeft() throws Exception {
        // Three notebooks, two at a time, on two cores.
        var shares = new ParallelRuns.CoreShares(2, 2, 3);
        var a = dir.resolve("a-share");
        var b = dir.resolve("b-share");
        var c = dir.resolve("c-share");
        shares.started(a);
        shares.started(b);
        assertEquals("1", Files.readString(a).strip(), "two running: one core each");
        assertEquals("1", Files.readString(b).strip());
        shares.finished(b);
        assertEquals("1", Files.readString(a).strip(), "a third notebook is still to start beside it");
        shares.started(c);
        assertEquals("1", Files.readString(c).strip());
        shares.finished(c);
        assertEquals("2", Files.readString(a).strip(), "the last one left gets both cores");
        assertFalse(Files.exists(dir.resolve("a-share.next")), "replaced whole, no file left beside it");
    }

    @Test
    void aNotebookNotRunCountsAsFinished() throws Exception {
        var shares = new ParallelRuns.CoreShares(4, 2, 3);
        var a = dir.resolve("a-share");
        shares.started(a);
        assertEquals("2", Files.readString(a).strip());
        shares.finished(null);
        shares.finished(null);
        assertEquals("4", Files.readString(a).strip());
    }

    @Test
    void aRunnerStartedForOneJobShowsTheNotebooksPlaceInTheWholeRun() {
        var before = System.getProperty(ParallelRuns.POSITION_PROPERTY);
        try {
            System.setProperty(ParallelRuns.POSITION_PROPERTY, "6/8");
            assertArrayEquals(new int[] {6, 8}, NotebookRunner.shownPosition(1, 1));
            assertArrayEquals(
                    new int[] {2, 3},
                    NotebookRunner.shownPosition(2, 3),
                    "a run of several notebooks counts them itself");
            System.setProperty(ParallelRuns.POSITION_PROPERTY, "six of eight");
            assertArrayEquals(new int[] {1, 1}, NotebookRunner.shownPosition(1, 1));
        } finally {
            if (before == null) {
                System.clearProperty(ParallelRuns.POSITION_PROPERTY);
            } else {
                System.setProperty(ParallelRuns.POSITION_PROPERTY, before);
            }
        }
    }

    @Test
    void aFileThatIsNotANotebookIsRejectedByName() throws Exception {
        var file = Files.writeString(dir.resolve("old.ipynb"), "{\"nbformat\":3,\"worksheets\":[]}");
        assertEquals(2, run(file.toString()));
        assertTrue(err.toString().contains("old.ipynb has nbformat 3; only nbformat 4 is supported"), err.toString());
    }
}
