package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The shared evaluation path, in-process, as the headless runner uses it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTest {
    private Session session;
    private final NotebookOutputs notebook = new NotebookOutputs();

    @BeforeAll
    void start() {
        session = Session.start(SessionConfig.defaults());
    }

    @AfterAll
    void stop() {
        session.close();
    }

    private List<JsonObject> run(String code) {
        var result = session.execute(code, notebook.startCell(), ExecuteOptions.DEFAULT);
        return notebook.outputs(notebook.cellCount() - 1);
    }

    private static String text(JsonObject output, String mime) {
        var value = output.getAsJsonObject("data").get(mime);
        if (value.isJsonPrimitive()) return value.getAsString();
        var text = new StringBuilder();
        value.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
        return text.toString();
    }

    @Test
    void streamsAreMergedAndValueComesLast() {
        var outputs = run("System.out.println(\"a\");\nSystem.out.println(\"b\");\n40 + 2");
        assertEquals(2, outputs.size());
        assertEquals("stream", outputs.get(0).get("output_type").getAsString());
        assertEquals("[\"a\\n\",\"b\\n\"]", outputs.get(0).get("text").toString());
        assertEquals("execute_result", outputs.get(1).get("output_type").getAsString());
        assertEquals("42", text(outputs.get(1), "text/plain"));
    }

    @Test
    void updateDisplayRewritesTheOutputOfAnEarlierCell() {
        var first = run("String shownId = display(\"before\");");
        assertEquals("before", text(first.get(0), "text/plain"));
        var second = run("updateDisplay(shownId, \"after\");");
        assertTrue(second.isEmpty(), second.toString());
        assertEquals("after", text(first.get(0), "text/plain"));
        assertFalse(first.get(0).has("transient"), "nbformat outputs carry no transient data");
    }

    @Test
    void clearOutputWithWaitClearsWhenTheNextOutputArrives() {
        var outputs = run("System.out.println(\"old\");\nclearOutput(true);\nSystem.out.println(\"new\");");
        assertEquals(1, outputs.size(), outputs.toString());
        assertEquals("[\"new\\n\"]", outputs.get(0).get("text").toString());
    }

    @Test
    void classesCanRenderThemselves() {
        run(
                "class Fancy { public Map<String, String> mimeBundle() { return Map.of(\"text/html\", \"<i>fancy</i>\"); } }");
        var outputs = run("new Fancy()");
        assertEquals("<i>fancy</i>", text(outputs.get(0), "text/html"));
        assertTrue(text(outputs.get(0), "text/plain").startsWith("Fancy"), "text/plain is added");
    }

    @Test
    void htmlHelperAndCellMagics() {
        assertEquals("<b>x</b>", text(run("html(\"<b>x</b>\")").get(0), "text/html"));
        assertEquals("# Title", text(run("%%markdown\n# Title").get(0), "text/markdown"));
        var svg = run("%%svg\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>").get(0);
        assertTrue(text(svg, "image/svg+xml").startsWith("<svg"));
    }

    @Test
    void unknownMagicListsKnownOnes() {
        var error = run("%frobnicate now").get(0);
        assertEquals("error", error.get("output_type").getAsString());
        String message = error.get("evalue").getAsString();
        assertTrue(message.contains("%frobnicate") && message.contains("%maven") && message.contains("%load"), message);
    }

    @Test
    void loadRunsJshFilesAndNotebookCodeCells(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("helpers.jsh"), "int helperTwice(int v) { return 2 * v; }\n");
        assertEquals("ok", status(run("%load " + dir.resolve("helpers.jsh") + "\nhelperTwice(21)")));
        assertEquals("42", text(notebook.outputs(notebook.cellCount() - 1).get(0), "text/plain"));

        Files.writeString(dir.resolve("other.ipynb"), """
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# not code"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["int loadedA = 5;\\n", "int loadedB = loadedA + 1;"]}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);
        run("%load " + dir.resolve("other.ipynb"));
        assertEquals("6", text(run("loadedB").get(0), "text/plain"));
    }

    @Test
    void classpathMagicAddsCompiledClasses(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(src.getParent());
        Files.writeString(
                src, "package demo; public class Greeter { public static String hi() { return \"hi from jar\"; } }");
        Path classes = dir.resolve("classes");
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.toString()));
        var outputs = run("%classpath " + classes + "\ndemo.Greeter.hi()");
        assertEquals("hi from jar", text(outputs.get(0), "text/plain"));
        var missing = run("%classpath /no/such/dir.jar").get(0);
        assertTrue(missing.get("evalue").getAsString().contains("does not exist"));
    }

    @Test
    void interruptFromAnotherThreadStopsTheCell() throws Exception {
        var stopper = new Thread(() -> {
            sleep(300);
            session.interrupt();
        });
        stopper.start();
        long start = System.nanoTime();
        var result = session.execute("while (true) { }", notebook.startCell(), ExecuteOptions.DEFAULT);
        stopper.join();
        assertEquals("InterruptedException", result.error().ename());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1300);
        assertEquals("3", text(run("1 + 2").get(0), "text/plain"));
    }

    @Test
    void exceptionsOfBackgroundThreadsAreShown() {
        var outputs = run(
                "var failing = new Thread(() -> { throw new IllegalStateException(\"in background\"); }, \"worker\");\n"
                        + "failing.start();\nfailing.join();");
        String text = outputs.toString();
        assertTrue(
                text.contains("stderr") && text.contains("Exception in thread") && text.contains("in background"),
                text);
    }

    @Test
    void silentCellsShowNoValueAndKeepTheCount() {
        int before = session.executionCount();
        var result = session.execute("5", notebook.startCell(), ExecuteOptions.SILENT);
        assertTrue(result.ok());
        assertTrue(notebook.outputs(notebook.cellCount() - 1).isEmpty());
        assertEquals(before, session.executionCount());
    }

    @Test
    void trailingSemicolonShowsTheValueAsInIJava() {
        assertEquals("42", text(run("7 * 6;").get(0), "text/plain"));
        assertNull(session.execute("int unused = 1;", notebook.startCell(), ExecuteOptions.DEFAULT)
                .error());
    }

    private String status(List<JsonObject> outputs) {
        return outputs.stream().anyMatch(o -> o.get("output_type").getAsString().equals("error")) ? "error" : "ok";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
