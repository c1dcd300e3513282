package d2l.kernel.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.runner.NotebookExecutor;
import d2l.kernel.runner.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary that ends README command 1, on small made-up chapter runs and check reports. */
class ChapterSummaryTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private static final String PASSED = """
            <testsuite name="d2l.kernel.chapter.ChapterResultsCheck" tests="2" failures="0" errors="0" skipped="0">
              <testcase name="textPreprocessingReproducesTheBook" classname="d2l.kernel.chapter.ChapterResultsCheck"/>
              <testcase name="scratchRnnWithSequentialPartitioningReachesPerplexityNearOne" classname="d2l.kernel.chapter.ChapterResultsCheck"/>
            </testsuite>
            """;

    private static final String ONE_FAILED = """
            <testsuite name="d2l.kernel.chapter.ChapterResultsCheck" tests="2" failures="1" errors="0" skipped="0">
              <testcase name="textPreprocessingReproducesTheBook" classname="d2l.kernel.chapter.ChapterResultsCheck"/>
              <testcase name="scratchRnnWithSequentialPartitioningReachesPerplexityNearOne" classname="d2l.kernel.chapter.ChapterResultsCheck">
                <failure message="scratch, sequential: perplexity 1.31 ==&gt; expected: &lt;true&gt; but was: &lt;false&gt;"
                    type="org.opentest4j.AssertionFailedError">at ChapterResultsCheck.java:37</failure>
              </testcase>
            </testsuite>
            """;

    /** An edition's output folder with the runner's summary and two executed notebooks, and its check report. */
    private ChapterSummary.Edition edition(String name, String folder, RunSummary run, String report)
            throws IOException {
        var out = Files.createDirectories(dir.resolve(folder));
        if (run != null) {
            run.indexPage(out.resolve("index.html").toUri().toString());
            run.write(out);
        }
        notebook(out, "text-preprocessing", "lines: 3221\\n# tokens: 170580\\nvocab size: 28\\n");
        notebook(
                out,
                "rnn-scratch",
                "train perplexity 1.31, validation perplexity 80.2\\n"
                        + "train perplexity 1.55, validation perplexity 20.4\\n");
        var reports = Files.createDirectories(dir.resolve(folder + "-reports"));
        if (report != null)
            Files.writeString(reports.resolve("TEST-d2l.kernel.chapter.ChapterResultsCheck.xml"), report);
        return new ChapterSummary.Edition(name, out, reports);
    }

    /** An executed notebook with one code cell that printed {@code stdout} (JSON-escaped). */
    private static void notebook(Path out, String name, String stdout) throws IOException {
        Files.writeString(out.resolve(name + ".ipynb"), """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "code", "id": "a", "metadata": {}, "source": "run()", "execution_count": 1,
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": "%s"}]}]}
                """.formatted(stdout));
    }

    private static RunSummary run(RunSummary.Entry... entries) {
        var run = new RunSummary();
        List.of(entries).forEach(run::add);
        return run;
    }

    private boolean summarize(ChapterSummary.Edition... editions) throws IOException {
        return ChapterSummary.print(List.of(editions), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void aFailedCheckComesFirstOnceForBothEditionsThenNotebooksNumbersAndIndexPages() throws IOException {
        var english = edition(
                "English",
                "chapter",
                run(
                        new RunSummary.Entry("text-preprocessing", RunSummary.Outcome.OK, 2.84, null),
                        new RunSummary.Entry("rnn-scratch", RunSummary.Outcome.OK, 452.3, null)),
                ONE_FAILED);
        var vietnamese = edition(
                "Vietnamese",
                "chapter/vi",
                run(
                        new RunSummary.Entry("text-preprocessing", RunSummary.Outcome.REUSED, 0.01, null),
                        new RunSummary.Entry("rnn-scratch", RunSummary.Outcome.REUSED, 0.04, null)),
                ONE_FAILED);

        assertFalse(summarize(english, vietnamese), "a failed check fails the build, after the summary");

        assertEquals(
                """

                ============================== chapter summary ==============================
                The chapter did not pass:
                CHECK FAILED (English, Vietnamese) scratchRnnWithSequentialPartitioningReachesPerplexityNearOne: scratch, sequential: perplexity 1.31

                notebook            English  time    Vietnamese          time
                ------------------  -------  ------  ------------------  -----
                text-preprocessing  ok       2.8 s   ok, outputs reused  0.0 s
                rnn-scratch         ok       7m 32s  ok, outputs reused  0.0 s
                total                        7m 35s                      0.1 s

                checked numbers                     English        Vietnamese
                ----------------------------------  -------------  -------------
                text-preprocessing: lines           3,221          same
                text-preprocessing: tokens          170,580        same
                text-preprocessing: vocab size      28             same
                rnn-scratch: train perplexity       1.31, 1.55     same
                rnn-scratch: validation perplexity  80.2, 20.4     same
                rnn-concise: perplexity             missing        missing
                rnn-concise: validation perplexity  missing        missing
                bptt: train perplexity              missing        missing
                bptt: validation perplexity         missing        missing
                chapter check                       1 of 2 FAILED  1 of 2 FAILED

                index page (English): %s
                index page (Vietnamese): %s
                """.formatted(
                                dir.resolve("chapter/index.html").toUri(),
                                dir.resolve("chapter/vi/index.html").toUri()),
                printed.toString());
    }

    @Test
    void aPassingChapterSaysSoAndSucceeds() throws IOException {
        var english = edition(
                "English",
                "chapter",
                run(new RunSummary.Entry("rnn-scratch", RunSummary.Outcome.OK, 452.3, null)),
                PASSED);

        assertTrue(summarize(english));

        var text = printed.toString();
        assertTrue(
                text.contains(" chapter summary " + "=".repeat(30)
                        + "\nThe chapter ran in every edition and its numbers passed the chapter check.\n\n"),
                text);
        assertTrue(text.contains("\nchapter check                       2 of 2 passed\n"), text);
        assertTrue(
                text.endsWith("index page (English): "
                        + dir.resolve("chapter/index.html").toUri() + "\n"),
                text);
    }

    @Test
    void aFailedNotebookAndAnEditionThatNeverRanComeFirst() throws IOException {
        var failure = new NotebookExecutor.Failure(
                "rnn-scratch",
                24,
                11,
                "int numEpochs = Epochs.budget(500);",
                "java.lang.OutOfMemoryError",
                "Java heap space");
        var english = edition(
                "English",
                "chapter",
                run(
                        new RunSummary.Entry("text-preprocessing", RunSummary.Outcome.OK, 2.84, null),
                        new RunSummary.Entry("rnn-scratch", RunSummary.Outcome.FAILED, 30.5, failure),
                        new RunSummary.Entry("bptt", RunSummary.Outcome.NOT_RUN, 0, null)),
                null);
        var vietnamese = edition("Vietnamese", "chapter/vi", null, null);

        assertFalse(summarize(english, vietnamese));

        var text = printed.toString();
        assertTrue(
                text.contains("""
                The chapter did not pass:
                (English) FAILED: rnn-scratch.ipynb, cell 24 (In [11])
                  int numEpochs = Epochs.budget(500);
                  java.lang.OutOfMemoryError: Java heap space
                CHECK NOT RUN (English): no report %s
                NOT RUN (Vietnamese): no runner-summary.json in %s
                CHECK NOT RUN (Vietnamese): no report %s
                """.formatted(
                                dir.resolve("chapter-reports/TEST-d2l.kernel.chapter.ChapterResultsCheck.xml"),
                                dir.resolve("chapter/vi"),
                                dir.resolve("chapter/vi-reports/TEST-d2l.kernel.chapter.ChapterResultsCheck.xml"))),
                text);
        assertTrue(text.contains("\nrnn-scratch         FAILED at cell 24  30.5 s  not run\n"), text);
        assertTrue(text.contains("\nbptt                not run                    not run\n"), text);
        assertTrue(text.contains("\nchapter check                       did not run  did not run\n"), text);
        assertTrue(text.endsWith("index page (Vietnamese): none, the run did not finish\n"), text);
    }
}
