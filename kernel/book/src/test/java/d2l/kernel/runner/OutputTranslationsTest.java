package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * A language-dependent output (a check's verdict) in both editions: the runner tells a notebook's
 * session its language (d2l.lang), and an edition that takes another's outputs shows the
 * translation those outputs carry.
 */
class OutputTranslationsTest {
    @TempDir
    Path dir;

    private final List<ScriptedEvaluator> sessions = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        CellEvaluator.Factory factory = (kernel, charts) -> {
            var session = new ScriptedEvaluator(kernel, charts);
            sessions.add(session);
            return session;
        };
        var stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return NotebookRunner.run(args, factory, stream, stream);
    }

    private static String html(Path notebook, int cell) throws Exception {
        var output =
                NotebookFile.read(notebook).cells().get(cell).outputs().get(0).getAsJsonObject();
        return output.getAsJsonObject("data").get("text/html").getAsString();
    }

    @Test
    void theVietnameseEditionShowsTheTranslationOfTheEnglishOutputs() throws Exception {
        var english = Files.createDirectories(dir.resolve("en"));
        Notebooks.write(english, "a", null, "md:# A", "code:checked ok", "code:print hello");
        var vietnamese = Files.createDirectories(dir.resolve("vi/chapter"));
        Notebooks.write(vietnamese, "a", null, "md:# Mục A", "code:checked ok", "code:print hello");
        var book = dir.resolve("book");
        assertEquals(0, run("--out", book.toString(), english.toString()), out.toString());
        assertEquals(
                0,
                run("--out", book.resolve("vi").toString(), "--outputs-from", book.toString(), vietnamese.toString()),
                out.toString());

        assertEquals(1, sessions.size(), "the Vietnamese notebook took the English outputs");
        assertEquals("en: ok", html(book.resolve("a.ipynb"), 1), "the English run spoke English");
        assertEquals(
                "vi: ok",
                html(book.resolve("vi/a.ipynb"), 1),
                "the Vietnamese edition shows the Vietnamese translation");
        assertEquals(
                "1",
                NotebookFile.read(book.resolve("vi/a.ipynb"))
                        .cells()
                        .get(1)
                        .outputs()
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("data")
                        .get("text/plain")
                        .getAsString(),
                "the score stays");
        assertTrue(Files.readString(book.resolve("vi/a.html")).contains("vi: ok"), "and so does its page");
        assertEquals(
                null,
                System.getProperty(NotebookRunner.LANG_PROPERTY),
                "the runner leaves the property as it found it");
    }

    @Test
    void aVietnameseNotebookThatRunsIsToldItsLanguage() throws Exception {
        var vietnamese = Files.createDirectories(dir.resolve("vi/chapter"));
        Notebooks.write(vietnamese, "a", null, "md:# Mục A", "code:checked ok");
        assertEquals(0, run("--out", dir.resolve("out").toString(), vietnamese.toString()), out.toString());
        var output = NotebookFile.read(dir.resolve("out/a.ipynb"))
                .cells()
                .get(1)
                .outputs()
                .get(0)
                .getAsJsonObject();
        assertEquals("vi: ok", output.getAsJsonObject("data").get("text/html").getAsString());
    }

    @Test
    void outputsWithoutTranslationsAreLeftAlone() {
        var notebook = NotebookFile.parse("""
        {"cells": [{"cell_type": "code", "metadata": {}, "source": "x", "execution_count": 1, "outputs": [
          {"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {"text/plain": "42"}},
          {"output_type": "stream", "name": "stdout", "text": "hi"}]}],
         "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "n", "test");
        assertEquals(0, OutputTranslations.apply(notebook, "vi"));
        assertEquals(
                "42",
                notebook.cells()
                        .get(0)
                        .outputs()
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("data")
                        .get("text/plain")
                        .getAsString());
    }
}
