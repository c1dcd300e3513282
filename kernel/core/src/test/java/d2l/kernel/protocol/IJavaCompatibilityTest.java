package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import d2l.kernel.client.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What IJava 1.3.0 documents (its docs/magics.md, docs/display.md, docs/kernel.md) and the fork
 * JJava adds, tried over the kernel's real sockets: which last statements show a value, magics as
 * values, the notebook functions, the {@code io.github.spencerpark.ijava} API (magic and renderer
 * registration, class path), {@code %load}'s extension search, {@code %time}, and completion of
 * magic names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IJavaCompatibilityTest {
    private LaunchedKernel kernel;

    @TempDir
    static Path dir;

    private Path jarDir;

    @BeforeAll
    void start() throws Exception {
        kernel = new LaunchedKernel(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jarDir = Files.createDirectories(dir.resolve("jars"));
        writeGreeterJar(jarDir.resolve("greeter.jar"));
    }

    @AfterAll
    void stop() throws Exception {
        kernel.close();
    }

    /** A jar holding {@code demo.Greeter}, compiled here: the class path magics must make it loadable. */
    private void writeGreeterJar(Path jar) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(
                src.resolve("Greeter.java"),
                "package demo; public class Greeter { public static String hi(String who) { return \"hi \" + who; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        src.resolve("Greeter.java").toString());
        assertEquals(0, status);
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
            out.closeEntry();
        }
    }

    private WireClient.Exchange ok(String code) {
        var run = kernel.execute(code);
        assertEquals("ok", run.status(), () -> code + " failed: " + run.reply().content() + " " + run.iopub());
        return run;
    }

    private String error(String code) {
        var run = kernel.execute(code);
        assertEquals("error", run.status(), () -> code + " should fail, got " + run.iopub());
        var content = run.reply().content();
        return content.get("ename").getAsString() + ": " + content.get("evalue").getAsString();
    }

    private static List<JsonObject> displays(WireClient.Exchange run) {
        return run.ofType("display_data").stream()
                .map(m -> m.content().getAsJsonObject("data"))
                .toList();
    }

    // docs/kernel.md and CodeEvaluator: the last snippet's value, ';' or not

    @Test
    void lastExpressionStatementShowsItsValueWithOrWithoutSemicolon() {
        assertEquals("Hello Out!", ok("\"Hello Out!\";").resultText());
        assertEquals("2", ok("1 + 1;").resultText());
        assertEquals("2", ok("1 + 1").resultText());
        ok("int shownLater = 2;");
        assertEquals("2", ok("shownLater;").resultText());
        assertEquals("2", ok("shownLater").resultText());
        assertEquals(
                "true",
                ok("List<Integer> kept = new ArrayList<>();\nkept.add(3);").resultText());
    }

    @Test
    void declarationsAssignmentsStatementsAndVoidCallsShowNoValue() {
        assertNull(ok("int declared = 2;").resultText());
        assertNull(ok("declared = 5;").resultText());
        assertNull(ok("declared = 6").resultText());
        assertEquals("6", ok("declared").resultText());
        assertNull(ok("System.out.println(\"printed\");").resultText());
        assertNull(ok("for (int i = 0; i < 2; i++) declared++;").resultText());
        assertNull(ok("void nothing() {}\nnothing();").resultText());
        // Only the last snippet counts: an earlier value is not shown.
        assertNull(ok("40 + 2;\nint after = 1;").resultText());
        assertEquals("7", ok("int before = 3;\nbefore + 4;").resultText());
        // A compound assignment is an expression with a value in JShell and IJava alike.
        assertEquals("9", ok("declared += 1;").resultText());
    }

    @Test
    void displayAsLastStatementShowsTheValueOnce() {
        var run = ok("display(\"once\");");
        assertEquals(1, displays(run).size());
        assertNull(run.resultText(), "the display id is not shown as the cell's value");
    }

    // docs/magics.md: magics as values, lineMagic/cellMagic

    @Test
    void inlineLineMagicIsAnExpressionWithTheMagicsValue() {
        var run = ok("List<String> added = %jars " + jarDir
                + "/*.jar\nadded.size() + \" \" + Path.of(added.get(0)).getFileName()");
        assertEquals("1 greeter.jar", run.resultText());
        assertEquals("hi there", ok("demo.Greeter.hi(\"there\")").resultText());
        // A magic line on its own still runs as a statement; its value is not shown.
        assertNull(ok("%classpath " + jarDir.resolve("greeter.jar")).resultText());
        // As in IJava: %jars of a directory adds its jars, %classpath the directory; globs reach subdirectories.
        assertEquals(
                "[" + jarDir.resolve("greeter.jar") + "]",
                ok("lineMagic(\"jars\", List.of(\"" + jarDir + "\"))").resultText());
        assertEquals(
                "[" + jarDir + "]",
                ok("lineMagic(\"classpath\", List.of(\"" + jarDir + "\"))").resultText());
        assertEquals(
                "[" + jarDir.resolve("greeter.jar") + "]",
                ok("lineMagic(\"jars\", List.of(\"" + dir + "/**/g*.jar\"))").resultText());
        assertTrue(error("%jars " + dir + "/*/nothing*.jar").contains("nothing matches"));
    }

    @Test
    void lineMagicAndCellMagicFunctionsReturnTheMagicsValue() {
        assertEquals(
                "[" + jarDir.resolve("greeter.jar") + "]",
                ok("lineMagic(\"classpath\", List.of(\"" + jarDir.resolve("greeter.jar") + "\"))")
                        .resultText());
        var html = ok("cellMagic(\"html\", List.of(), \"<b>bold</b>\");");
        assertEquals("<b>bold</b>", displays(html).get(0).get("text/html").getAsString());
        assertTrue(error("lineMagic(\"noSuchMagic\", List.of())").contains("Unknown line magic %noSuchMagic"));
    }

    @Test
    void evalRunsCodeInTheSessionAndReturnsItsValue() {
        assertEquals("3", ok("eval(\"1 + 2\")").resultText());
        assertEquals("6", ok("(int) eval(\"1 + 2\") + 3").resultText()); // IJava's docs/kernel.md example
        assertEquals(
                "8",
                ok("Object got = eval(\"int evalled = 4;\\nevalled * 2\");\ngot")
                        .resultText());
        assertEquals("4", ok("evalled").resultText());
        assertNull(ok("eval(\"int quiet = 1;\")").resultText());
        String failed = error("eval(\"undefinedName + 1\")");
        assertTrue(failed.contains("EvalException") && failed.contains("cannot find symbol"), failed);
        assertEquals("ok", kernel.execute("1").status(), "the session goes on after a failed eval");
    }

    // io.github.spencerpark.ijava: getKernelInstance, magics, renderers, class path

    @Test
    void magicsClassWithAnnotatedMethodsRegistersNamesAndAliases() {
        ok("""
            import io.github.spencerpark.jupyter.kernel.magic.registry.*;
            public class ShoutMagics {
                @LineMagic(aliases = {"yell"})
                public static String shout(List<String> args) {
                    String loud = String.join(" ", args).toUpperCase();
                    System.out.println(loud);
                    return loud;
                }
                @CellMagic("backwards")
                public static String reverse(List<String> args, String body) {
                    String r = new StringBuilder(body.strip()).reverse().toString();
                    System.out.println(r);
                    return r;
                }
                @LineMagic @CellMagic
                public static int both(List<String> args, String body) { return body == null ? args.size() : body.length(); }
            }
            io.github.spencerpark.ijava.IJava.getKernelInstance().getMagics().registerMagics(ShoutMagics.class);""");
        var line = ok("%shout hello \"big world\"");
        assertEquals("HELLO BIG WORLD\n", line.streamText("stdout"));
        assertNull(line.resultText(), "a magic line's value is not shown, as in IJava");
        assertEquals("QUIET", ok("String loud = %yell quiet\nloud").resultText());
        assertEquals("cba\n", ok("%%backwards\nabc").streamText("stdout"));
        assertEquals("2", ok("int n = %both a b\nn").resultText());
        assertEquals("5", ok("(int) cellMagic(\"both\", List.of(), \"12345\")").resultText());
        assertEquals(
                "SHOUTED",
                ok("getKernelInstance().getMagics().<String>applyLineMagic(\"shout\", List.of(\"shouted\"))")
                        .resultText());
    }

    @Test
    void singleMagicsAndInstanceMagicsRegister() {
        ok("""
            var magics = getKernelInstance().getMagics();
            magics.registerLineMagic("count", args -> args.size());
            magics.registerCellMagic("lines", (args, body) -> body.lines().count());
            class Counter {
                int calls;
                @io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic
                public int tick(List<String> args) { return ++calls; }
            }
            Counter counter = new Counter();
            magics.registerMagics(counter);""");
        assertEquals("3", ok("int c = %count a b c\nc").resultText());
        assertEquals(
                "2",
                ok("long l = cellMagic(\"lines\", List.of(), \"x\\ny\");\nl").resultText());
        ok("%tick");
        assertEquals("2", ok("int t = %tick\nt").resultText());
    }

    @Test
    void aMagicThatThrowsFailsTheCellNotTheKernel() {
        ok(
                "getKernelInstance().getMagics().registerLineMagic(\"boom\", args -> { throw new IllegalStateException(\"magic went boom\"); });");
        String failed = error("%boom");
        assertTrue(failed.contains("IllegalStateException") && failed.contains("magic went boom"), failed);
        assertEquals("1", ok("1").resultText());
    }

    @Test
    void badMagicsClassesGetClearErrors() {
        ok("""
            class WrongArgs {
                @io.github.spencerpark.jupyter.kernel.magic.registry.LineMagic
                public static String wrong(int x) { return ""; }
            }""");
        String failed = error("getKernelInstance().getMagics().registerMagics(WrongArgs.class);");
        assertTrue(failed.contains("Line magic wrong must take (List<String> args)"), failed);
    }

    @Test
    void customRendererRegistrationShowsTheTypeAsRegistered() {
        ok("""
            import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
            record Money(long cents) {}
            getKernelInstance().getRenderer()
                .createRegistration(Money.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_MARKDOWN)
                .register((money, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>$" + money.cents() / 100.0 + "</b>");
                    ctx.renderIfRequested(MIMEType.TEXT_MARKDOWN, () -> "**$" + money.cents() / 100.0 + "**");
                });""");
        var value =
                ok("new Money(250)").ofType("execute_result").get(0).content().getAsJsonObject("data");
        assertEquals("<b>$2.5</b>", value.get("text/html").getAsString());
        assertTrue(!value.has("text/markdown"), "only the preferred types by default: " + value);
        assertEquals("Money[cents=250]", value.get("text/plain").getAsString());
        var shown = displays(ok("display(new Money(100), \"text/markdown\");")).get(0);
        assertEquals("**$1.0**", shown.get("text/markdown").getAsString());
        assertTrue(!shown.has("text/html"), shown.toString());
        var rendered = ok("render(new Money(5))")
                .ofType("execute_result")
                .get(0)
                .content()
                .getAsJsonObject("data");
        assertEquals("<b>$0.05</b>", rendered.get("text/html").getAsString());
        var data = ok("getKernelInstance().getRenderer().render(new Money(300))")
                .ofType("execute_result")
                .get(0)
                .content()
                .getAsJsonObject("data");
        assertEquals("<b>$3.0</b>", data.get("text/html").getAsString(), "DisplayData shows as its data");
    }

    @Test
    void aClassRenderingItselfThroughDisplayDataRenderable() {
        ok("""
            import io.github.spencerpark.jupyter.kernel.display.*;
            import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
            class Badge implements DisplayDataRenderable {
                public Set<MIMEType> getSupportedRenderTypes() { return Set.of(MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG); }
                public Set<MIMEType> getPreferredRenderTypes() { return Set.of(MIMEType.TEXT_HTML); }
                public void render(RenderContext ctx) {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<span>badge</span>");
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> "<svg xmlns='http://www.w3.org/2000/svg'/>");
                }
            }""");
        var value = ok("new Badge()").ofType("execute_result").get(0).content().getAsJsonObject("data");
        assertEquals("<span>badge</span>", value.get("text/html").getAsString());
        assertTrue(!value.has("image/svg+xml"), value.toString());
        var svg = displays(ok("display(new Badge(), \"image/svg+xml\");")).get(0);
        assertTrue(svg.has("image/svg+xml") && !svg.has("text/html"), svg.toString());
    }

    @Test
    void displayDataShowsAsItIs() {
        var run = ok("""
            var data = new io.github.spencerpark.jupyter.kernel.display.DisplayData("plain words");
            data.putHTML("<i>rich</i>");
            getKernelInstance().display(data);""");
        var shown = displays(run).get(0);
        assertEquals("<i>rich</i>", shown.get("text/html").getAsString());
        assertEquals("plain words", shown.get("text/plain").getAsString());
    }

    @Test
    void addToClasspathThroughTheKernelObject() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(jarDir.resolve("greeter.jar"), other.resolve("copy.jar"));
        ok("io.github.spencerpark.ijava.IJava.getKernelInstance().addToClasspath(\"" + other.resolve("copy.jar")
                + "\");");
        assertEquals("hi jar", ok("demo.Greeter.hi(\"jar\")").resultText());
    }

    // docs/display.md: every form of display, render and updateDisplay

    @Test
    void displayRenderAndUpdateDisplayInAllForms() {
        var shown = ok("String id = display(\"<p>html</p>\", \"text/html\");\nid.length()");
        assertEquals("<p>html</p>", displays(shown).get(0).get("text/html").getAsString());
        assertEquals("36", shown.resultText());
        var update = ok("updateDisplay(id, \"<p>new</p>\", \"text/html\");");
        var data = update.ofType("update_display_data").get(0).content();
        assertEquals("<p>new</p>", data.getAsJsonObject("data").get("text/html").getAsString());
        assertTrue(data.getAsJsonObject("transient")
                        .get("display_id")
                        .getAsString()
                        .length()
                == 36);
        var plain = ok("updateDisplay(id, 42);")
                .ofType("update_display_data")
                .get(0)
                .content();
        assertEquals("42", plain.getAsJsonObject("data").get("text/plain").getAsString());
        var md = ok("render(\"*md*\", \"text/markdown\")")
                .ofType("execute_result")
                .get(0)
                .content()
                .getAsJsonObject("data");
        assertEquals("*md*", md.get("text/markdown").getAsString());
        assertEquals(1, displays(ok("display(List.of(1, 2));")).size());
    }

    // %load with IJava's extension search

    @Test
    void loadFindsAFileByNameWithIJavasExtensionsInOrder() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("tools.jshell"), "String fromJshell() { return \"jshell\"; }");
        Files.writeString(lib.resolve("tools.ijava"), "String fromIjava() { return \"ijava\"; }");
        Files.writeString(lib.resolve("nb.ipynb"), """
            {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# notes"]},
                       {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [],
                        "source": ["int fromNotebook = 41;\\n", "fromNotebook++;"]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        ok("%load " + lib.resolve("tools"));
        assertEquals("jshell", ok("fromJshell()").resultText());
        error("fromIjava()"); // .jshell comes before .ijava: only it was loaded
        ok("%load " + lib.resolve("nb"));
        assertEquals("42", ok("fromNotebook").resultText());
        String missing = error("%load " + lib.resolve("absent"));
        assertTrue(missing.contains("absent") && missing.contains(".jsh, .jshell, .java, .ijava, .ipynb"), missing);
    }

    // JJava: %time and %%time

    @Test
    void timeShowsWallTimeAndTheValue() {
        var line = ok("%time 6 * 7");
        assertEquals("42", line.resultText());
        assertTrue(
                displays(line).get(0).get("text/plain").getAsString().contains("Wall time: "),
                line.iopub().toString());
        var cell = ok("%%time\nint timed = 5;\ntimed * 2");
        assertEquals("10", cell.resultText());
        assertTrue(
                displays(cell).get(0).get("text/plain").getAsString().matches("(?s).*Wall time: \\d+\\.\\d{3} s"),
                cell.iopub().toString());
    }

    // Completion of magic names, built-in and registered

    @Test
    void magicNamesComplete() {
        assertTrue(completions("%ti").contains("\"time\""), completions("%ti"));
        assertTrue(completions("%%ti").contains("\"time\""), completions("%%ti"));
        assertTrue(completions("%ja").contains("\"jars\""), completions("%ja"));
        ok("getKernelInstance().getMagics().registerLineMagic(\"zebraMagic\", args -> 1);");
        assertTrue(completions("%zeb").contains("\"zebraMagic\""), completions("%zeb"));
    }

    @Test
    void anInlineMagicLineIsCompleteCode() {
        var content = new JsonObject();
        content.addProperty("code", "List<String> added = %jars /some/dir/*.jar");
        var reply = kernel.shell(kernel.request("is_complete_request", content))
                .reply()
                .content();
        assertEquals("complete", reply.get("status").getAsString(), "the glob's /* opens no comment");
    }

    private String completions(String code) {
        var content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("cursor_pos", code.length());
        return kernel.shell(kernel.request("complete_request", content))
                .reply()
                .content()
                .get("matches")
                .toString();
    }
}
