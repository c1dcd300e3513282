package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel in JupyterLab 4 as a reader uses it, in headless Chromium: one scratch notebook on the
 * general kernel, typed into and run with the keyboard, the toolbar and the menus (lab_checks.py
 * front-end mode). Each test judges one check of that session; screenshots of the completer, the
 * tooltip, the input box, the launcher and the whole notebook go to target/jupyterlab-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JupyterLabFrontEndIT {
    @TempDir
    static Path dir;

    private JsonObject page;

    @BeforeAll
    void driveTheNotebook() throws Exception {
        var sandbox = new JupyterSandbox(dir, "java", "d2l-rnn");
        JupyterLabApp.ensureBuilt(sandbox);
        page = JupyterLabApp.check(
                sandbox,
                "lab-front-end",
                Duration.ofMinutes(10),
                "front-end",
                "java",
                JupyterLabApp.screenshots().toString());
        System.out.printf(
                "JupyterLab scratch notebook: kernel idle %.2f s after opening%n",
                page.get("loadToIdleSeconds").getAsDouble());
    }

    private JsonObject check(String name) {
        var result = page.getAsJsonObject(name);
        assertFalse(result.has("failure"), name + ": " + result);
        return result;
    }

    private static List<JsonObject> outputs(JsonObject result, String key) {
        return result.getAsJsonArray(key).asList().stream()
                .map(JsonElement::getAsJsonObject)
                .toList();
    }

    private static String text(JsonObject output) {
        var data = output.getAsJsonObject("data");
        return data == null ? "" : data.get("text/plain").getAsString();
    }

    @Test
    void javaSyntaxHighlightingIsOn() {
        var info = check("languageInfo");
        assertEquals("text/x-java", info.get("mimetype").getAsString());
        var editor = check("highlighting");
        assertEquals("text/x-java", editor.get("mimeType").getAsString(), "cells are edited as Java");
        assertTrue(
                editor.getAsJsonArray("colours").size() >= 3,
                "keywords, names, numbers and comments in different colours: " + editor);
    }

    @Test
    void tabCompletesIntegerParseIToParseInt() {
        var items = check("completion").getAsJsonArray("items").asList().stream()
                .map(JsonElement::getAsString)
                .toList();
        assertTrue(items.stream().anyMatch(i -> i.startsWith("parseInt")), "completer items: " + items);
    }

    @Test
    void shiftTabShowsTheDocumentationOfMathMax() {
        var tooltip = check("tooltip").get("text").getAsString();
        assertTrue(
                tooltip.contains("int Math.max(int a, int b)")
                        && tooltip.contains("double Math.max(double a, double b)"),
                "the tooltip lists max's overloads: " + tooltip);
        assertTrue(
                tooltip.contains("Returns the greater of two"),
                "and their Javadoc (from the JDK's src.zip; Debian: openjdk-17-source): " + tooltip);
    }

    @Test
    void interruptButtonStopsABusyLoopWithinASecond() {
        var interrupt = check("interrupt");
        double seconds = interrupt.get("idleAfterSeconds").getAsDouble();
        assertTrue(seconds < 1.0, "kernel idle " + seconds + " s after the interrupt button");
        var error = outputs(interrupt, "outputs").stream()
                .filter(o -> o.get("output_type").getAsString().equals("error"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no interrupted output: " + interrupt));
        assertTrue(error.get("ename").getAsString().contains("Interrupted"), error.toString());
        assertEquals("2", text(outputs(interrupt, "nextCell").get(0)), "the kernel runs the next cell");
    }

    @Test
    void restartFromTheKernelMenuClearsStateAndTheNextCellRuns() {
        var restart = check("restart");
        assertEquals("42", text(outputs(restart, "before").get(0)));
        var after = outputs(restart, "afterRestart").get(0);
        assertEquals("error", after.get("output_type").getAsString(), "kept is gone after the restart: " + after);
        assertTrue(after.get("evalue").getAsString().contains("cannot find symbol"), after.toString());
        assertEquals("42", text(outputs(restart, "nextCell").get(0)), "6 * 7 after the restart");
    }

    @Test
    void runtimeExceptionNamesTheExceptionAndTheCellLine() {
        var exception = check("exception");
        var error = outputs(exception, "outputs").get(0);
        assertEquals("java.lang.IllegalStateException", error.get("ename").getAsString());
        var shown = exception.get("text").getAsString();
        assertTrue(
                shown.contains("IllegalStateException: broken on purpose") && shown.contains("line 2"),
                "the page shows: " + shown);
    }

    @Test
    void compileErrorPointsAtTheCode() {
        var shown = check("compileError").get("text").getAsString();
        assertTrue(shown.contains("line 2, column 11") && shown.contains("missingName"), "the page shows: " + shown);
        assertTrue(shown.contains("int bad = missingName + 1;\n              ^"), "a caret under the name: " + shown);
    }

    @Test
    void scannerOnSystemInShowsAnInputBoxAndReturnsTheTypedLine() {
        var outs = outputs(check("stdin"), "outputs");
        var echo = outs.stream()
                .filter(o -> o.has("name") && o.get("name").getAsString().equals("stdin"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no stdin echo: " + outs));
        assertEquals("> typed words\n", echo.get("text").getAsString(), "the echo: the kernel's prompt, then the line");
        var result = outs.stream()
                .filter(o -> o.get("output_type").getAsString().equals("execute_result"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result: " + outs));
        assertEquals("typed words", text(result));
    }

    @Test
    void aStringDisplayedAsHtmlRendersAsHtml() {
        var html = check("htmlDisplay");
        assertEquals(
                "<b id='d2l-bold'>bold</b>",
                outputs(html, "outputs")
                        .get(0)
                        .getAsJsonObject("data")
                        .get("text/html")
                        .getAsString());
        assertFalse(html.get("boldText").isJsonNull(), "JupyterLab shows a bold element, not the markup: " + html);
        assertEquals("bold", html.get("boldText").getAsString());
    }

    @Test
    void bothKernelsAreInTheLauncherWithTheirLogos() {
        JsonArray cards = check("launcher").getAsJsonArray("cards");
        var byLabel = cards.asList().stream()
                .map(JsonElement::getAsJsonObject)
                .collect(Collectors.toMap(c -> c.get("label").getAsString(), c -> c));
        for (var name : Set.of("Java", "Java (d2l RNN chapter)")) {
            var card = byLabel.get(name);
            assertTrue(card != null, "no launcher card " + name + " in " + byLabel.keySet());
            assertTrue(card.get("logoLoaded").getAsBoolean(), name + "'s logo did not load: " + card);
            assertTrue(card.get("logo").getAsString().contains("logo-64x64.png"), card.toString());
        }
    }

    @Test
    void theNotebookScreenshotIsThere() throws Exception {
        var shot = JupyterLabApp.SCREENSHOTS.resolve("checks.png");
        assertTrue(Files.size(shot) > 20_000, shot + " looks empty");
    }
}
