package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import d2l.kernel.client.WireClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Drives one kernel process over real ZeroMQ sockets, as Jupyter would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelProtocolTest {
    private LaunchedKernel kernel;

    @BeforeAll
    void start() throws Exception {
        kernel = new LaunchedKernel(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @AfterAll
    void stop() throws Exception {
        kernel.close();
    }

    @Test
    void kernelInfoDescribesJava() {
        var reply = kernel.shell(kernel.request("kernel_info_request", new JsonObject()))
                .reply()
                .content();
        assertEquals("ok", reply.get("status").getAsString());
        var language = reply.getAsJsonObject("language_info");
        assertEquals("java", language.get("name").getAsString());
        assertEquals(".java", language.get("file_extension").getAsString());
        assertEquals("text/x-java", language.get("mimetype").getAsString());
    }

    @Test
    void stateIsKeptAcrossCellsAndRedefinitionsReplace() {
        assertEquals(
                "ok",
                kernel.execute("int counter = 41;\nint twice(int v) { return 2 * v; }")
                        .status());
        assertEquals("42", kernel.execute("counter + 1").resultText());
        kernel.execute("String counter = \"now a string\";\nint twice(int v) { return 3 * v; }");
        assertEquals("now a string", kernel.execute("counter").resultText());
        assertEquals("9", kernel.execute("twice(3)").resultText());
    }

    @Test
    void executeSendsInputResultAndCountsExecutions() {
        var first = kernel.execute("1 + 2");
        var second = kernel.execute("\"a\" + \"b\"");
        int n = first.reply().content().get("execution_count").getAsInt();
        assertEquals(n + 1, second.reply().content().get("execution_count").getAsInt());
        assertEquals(
                "1 + 2",
                first.ofType("execute_input").get(0).content().get("code").getAsString());
        assertEquals("3", first.resultText());
        assertEquals("ab", second.resultText());
        assertEquals(
                n,
                first.ofType("execute_result")
                        .get(0)
                        .content()
                        .get("execution_count")
                        .getAsInt());
    }

    @Test
    void silentExecutionSendsNothingOnIopubAndDoesNotCount() {
        int before =
                kernel.execute("0").reply().content().get("execution_count").getAsInt();
        var content = WireClient.executeContent(
                "System.out.println(\"quiet\");\nSystem.err.println(\"hush\");\ndisplay(\"shown\");\n5");
        content.addProperty("silent", true);
        var silent = kernel.shell(kernel.request("execute_request", content));
        assertEquals("ok", silent.status());
        var published = silent.iopub().stream()
                .map(Message::type)
                .filter(type -> !type.equals("status"))
                .toList();
        assertEquals(List.of(), published, "a silent execution publishes only its busy/idle status");

        var failing = WireClient.executeContent(
                "System.out.println(\"before\");\nthrow new IllegalStateException(\"quiet failure\");");
        failing.addProperty("silent", true);
        var failed = kernel.shell(kernel.request("execute_request", failing));
        assertEquals("error", failed.status());
        assertEquals(
                "java.lang.IllegalStateException",
                failed.reply().content().get("ename").getAsString(),
                "the reply still tells what went wrong");
        assertEquals(
                List.of(),
                failed.iopub().stream()
                        .map(Message::type)
                        .filter(type -> !type.equals("status"))
                        .toList());
        assertEquals(
                before + 1,
                kernel.execute("0").reply().content().get("execution_count").getAsInt());
    }

    @Test
    void compileErrorNamesMessageAndPosition() {
        var failed = kernel.execute("int ok = 1;\nint bad = missingName + 1;");
        var reply = failed.reply().content();
        assertEquals("error", reply.get("status").getAsString());
        assertEquals("CompilationException", reply.get("ename").getAsString());
        assertTrue(reply.get("evalue").getAsString().contains("cannot find symbol"), reply.toString());
        var traceback = failed.ofType("error").get(0).content().get("traceback").toString();
        assertTrue(traceback.contains("line 2, column 11"), traceback);
        assertTrue(traceback.contains("missingName"), traceback);
    }

    @Test
    void runtimeExceptionTracePointsAtCellLinesOnly() {
        var failed = kernel.execute("int divide(int a) {\n    return 10 / a;\n}\nint r = divide(0);");
        var reply = failed.reply().content();
        assertEquals("java.lang.ArithmeticException", reply.get("ename").getAsString());
        assertEquals("/ by zero", reply.get("evalue").getAsString());
        String traceback = reply.get("traceback").toString();
        assertTrue(traceback.matches(".*divide\\(cell \\[\\d+] line 2\\).*"), traceback);
        assertTrue(traceback.matches(".*cell \\[\\d+] line 4.*"), traceback);
        assertFalse(traceback.contains("jdk.jshell") || traceback.contains("reflect"), traceback);
    }

    @Test
    void interruptStopsBusyLoopWithinOneSecondAndKernelStaysUsable() throws Exception {
        assertInterrupts("long spins = 0;\nwhile (true) { spins++; }");
    }

    @Test
    void interruptStopsSleep() throws Exception {
        assertInterrupts("Thread.sleep(60_000);");
    }

    private void assertInterrupts(String code) {
        InterruptCheck.assertInterrupts(kernel, code);
    }

    @Test
    void tenMegabytesOfOutputArriveComplete() {
        var big = kernel.execute(
                "String line = \"x\".repeat(1023) + \"\\n\";\nfor (int i = 0; i < 10 * 1024; i++) System.out.print(line);");
        assertEquals("ok", big.status());
        String text = big.streamText("stdout");
        assertEquals(10 * 1024 * 1024, text.length());
        assertTrue(big.ofType("stream").size() > 10, "output should arrive in chunks");
    }

    @Test
    void outputOfThreadsStartedByTheCellIsCaptured() {
        var run = kernel.execute(
                "var t = new Thread(() -> System.out.println(\"from a thread\"));\nt.start();\nt.join();");
        assertEquals("from a thread\n", run.streamText("stdout"));
        assertEquals("oops\n", kernel.execute("System.err.println(\"oops\");").streamText("stderr"));
    }

    @Test
    void systemInAsksTheFrontEndWhenStdinIsAllowed() {
        var content = WireClient.executeContent(
                "System.out.print(\"name? \");\nString typed = new Scanner(System.in).nextLine();\ntyped.toUpperCase()");
        content.addProperty("allow_stdin", true);
        var cell = kernel.request("execute_request", content);
        kernel.sendShell(cell);
        var ask = kernel.client().answerInput("ada", 10_000);
        assertNotNull(ask, "no input_request");
        assertEquals("input_request", ask.type());
        assertEquals(
                ">",
                ask.content().get("prompt").getAsString(),
                "a prompt of its own: JupyterLab echoes prompt + ' ' + reply, so an empty one starts the echo with a space");
        var done = kernel.awaitShell(cell, 10_000);
        assertEquals("ADA", done.resultText());
        assertEquals("name? ", done.streamText("stdout"), "the prompt is flushed before asking");
    }

    @Test
    void anInputReplyWithoutParentHeaderIsTakenAsJupyterConsoleSendsIt() {
        var content = WireClient.executeContent("new Scanner(System.in).nextLine().length()");
        content.addProperty("allow_stdin", true);
        var cell = kernel.request("execute_request", content);
        kernel.sendShell(cell);
        assertNotNull(kernel.client().awaitInputRequest(10_000), "no input_request");
        // jupyter_client's KernelClient.input(), which jupyter console uses, sends no parent header.
        kernel.client().sendInputReply("four", new JsonObject());
        var done = kernel.awaitShell(cell, 10_000);
        assertEquals("4", done.resultText());
    }

    @Test
    void anInputReplyToAnotherRequestIsNotTaken() {
        var content = WireClient.executeContent("new Scanner(System.in).nextLine()");
        content.addProperty("allow_stdin", true);
        var cell = kernel.request("execute_request", content);
        kernel.sendShell(cell);
        var ask = kernel.client().awaitInputRequest(10_000);
        assertNotNull(ask, "no input_request");
        var stale = new JsonObject();
        stale.addProperty("msg_id", "an-input-request-given-up-long-ago");
        stale.addProperty("msg_type", "input_request");
        kernel.client().sendInputReply("stale", stale);
        assertNull(kernel.client().nextShell(500), "the cell must still wait for its own answer");
        kernel.client().sendInputReply("fresh", ask.header());
        assertEquals("fresh", kernel.awaitShell(cell, 10_000).resultText());
    }

    @Test
    void ctrlDAtJupyterConsolesPromptEndsTheInput() {
        var content = WireClient.executeContent("var in = new Scanner(System.in);\nin.hasNextLine()");
        content.addProperty("allow_stdin", true);
        var cell = kernel.request("execute_request", content);
        kernel.sendShell(cell);
        assertNotNull(kernel.client().awaitInputRequest(10_000), "no input_request");
        kernel.client().sendInputReply("\u0004", new JsonObject()); // what jupyter console sends on EOF
        assertEquals("false", kernel.awaitShell(cell, 10_000).resultText());
    }

    @Test
    void systemInIsEmptyWhenStdinIsNotAllowed() {
        var run = kernel.execute("new Scanner(System.in).hasNextLine()");
        assertEquals("false", run.resultText());
    }

    @Test
    void messageWithWrongSignatureIsDroppedUnexecuted() {
        var forged = kernel.request("execute_request", WireClient.executeContent("int forged = 1;"));
        var c = kernel.connection();
        var withoutTheKey = new ConnectionInfo(
                c.shellPort(), c.iopubPort(), c.stdinPort(), c.controlPort(), c.hbPort(), "not-the-key");
        try (var forger = new WireClient(withoutTheKey)) {
            forger.sendShell(forged);
            assertNull(forger.nextShell(500), "a forged request must get no reply");
        }
        var check = kernel.execute("forged");
        assertEquals("error", check.status(), "the forged cell must not have run");
    }

    @Test
    void displayReturnsIdAndUpdateReplacesIt() {
        var run = kernel.execute("String id = display(\"first\");\nupdateDisplay(id, \"second\");");
        var shown = run.ofType("display_data").get(0).content();
        var updated = run.ofType("update_display_data").get(0).content();
        String id = shown.getAsJsonObject("transient").get("display_id").getAsString();
        assertEquals(id, updated.getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("first", shown.getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("second", updated.getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void displayUpdateAndRenderOfAStringSendTheMimeTypesAskedFor() {
        var run = kernel.execute("""
            String id = display("<b>bold</b>", "text/html");
            display("*em*", "text/markdown");
            display("$x^2$", "text/latex");
            display("<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml");
            display("{\\"a\\": [1, 2]}", "application/json");
            updateDisplay(id, "<i>new</i>", "text/html");
            render("<p>p</p>", "text/html")""");
        assertEquals("ok", run.status(), run.toString());
        var shown = run.ofType("display_data").stream()
                .map(m -> m.content().getAsJsonObject("data"))
                .toList();
        assertEquals("<b>bold</b>", shown.get(0).get("text/html").getAsString());
        assertEquals("*em*", shown.get(1).get("text/markdown").getAsString());
        assertEquals("$x^2$", shown.get(2).get("text/latex").getAsString());
        assertEquals(
                "<svg xmlns='http://www.w3.org/2000/svg'/>",
                shown.get(3).get("image/svg+xml").getAsString());
        var json = shown.get(4).get("application/json");
        assertTrue(json.isJsonObject(), "application/json travels as a JSON object: " + json);
        assertEquals(2, json.getAsJsonObject().getAsJsonArray("a").size());
        shown.forEach(data -> assertTrue(data.has("text/plain"), "the text/plain fallback stays: " + data));
        var updated = run.ofType("update_display_data").get(0).content().getAsJsonObject("data");
        assertEquals("<i>new</i>", updated.get("text/html").getAsString());
        var rendered = run.ofType("execute_result").get(0).content().getAsJsonObject("data");
        assertEquals("<p>p</p>", rendered.get("text/html").getAsString());

        var plain = kernel.execute("display(\"<b>x</b>\");")
                .ofType("display_data")
                .get(0)
                .content()
                .getAsJsonObject("data");
        assertEquals(java.util.Set.of("text/plain"), plain.keySet(), "without a type a string stays plain text");
        var notJson = kernel.execute("display(\"not json\", \"application/json\");");
        assertEquals("error", notJson.status());
        assertTrue(
                notJson.reply().content().get("evalue").getAsString().contains("needs the text to be JSON"),
                notJson.reply().content().toString());
    }

    @Test
    void htmlCellMagicAndUnknownMagic() {
        var html = kernel.execute("%%html\n<b>bold</b>")
                .ofType("display_data")
                .get(0)
                .content();
        assertEquals(
                "<b>bold</b>", html.getAsJsonObject("data").get("text/html").getAsString());
        var unknown = kernel.execute("%nosuchmagic x").reply().content();
        assertEquals("error", unknown.get("status").getAsString());
        assertTrue(unknown.get("evalue").getAsString().contains("%classpath"), unknown.toString());
    }

    @Test
    void completeInspectAndIsComplete() {
        var content = new JsonObject();
        content.addProperty("code", "System.out.pri");
        content.addProperty("cursor_pos", 14);
        var completion = kernel.shell(kernel.request("complete_request", content))
                .reply()
                .content();
        assertEquals("ok", completion.get("status").getAsString());
        assertTrue(completion.get("matches").toString().contains("println("), completion.toString());
        assertEquals(11, completion.get("cursor_start").getAsInt());

        var inspect = new JsonObject();
        inspect.addProperty("code", "Math.abs");
        inspect.addProperty("cursor_pos", 8);
        inspect.addProperty("detail_level", 0);
        var doc =
                kernel.shell(kernel.request("inspect_request", inspect)).reply().content();
        assertTrue(doc.get("found").getAsBoolean(), doc.toString());
        assertTrue(doc.getAsJsonObject("data").get("text/plain").getAsString().contains("abs("), doc.toString());

        assertEquals("incomplete", isComplete("for (int i = 0; i < 3; i++) {"));
        assertEquals("complete", isComplete("int done = 1;"));
    }

    private String isComplete(String code) {
        var content = new JsonObject();
        content.addProperty("code", code);
        return kernel.shell(kernel.request("is_complete_request", content))
                .reply()
                .content()
                .get("status")
                .getAsString();
    }

    @Test
    void historyTailRangeAndSearch() {
        kernel.execute("int historyMarker = 7;");
        var tail = new JsonObject();
        tail.addProperty("hist_access_type", "tail");
        tail.addProperty("n", 3);
        tail.addProperty("output", false);
        tail.addProperty("raw", true);
        var reply =
                kernel.shell(kernel.request("history_request", tail)).reply().content();
        assertEquals("ok", reply.get("status").getAsString());
        assertTrue(reply.get("history").toString().contains("historyMarker"), reply.toString());

        var search = new JsonObject();
        search.addProperty("hist_access_type", "search");
        search.addProperty("pattern", "*historyMarker*");
        search.addProperty("n", 5);
        search.addProperty("output", false);
        search.addProperty("raw", true);
        var found = kernel.shell(kernel.request("history_request", search))
                .reply()
                .content()
                .getAsJsonArray("history");
        assertEquals(1, found.size());
        int line = found.get(0).getAsJsonArray().get(1).getAsInt();

        var range = new JsonObject();
        range.addProperty("hist_access_type", "range");
        range.addProperty("session", 0);
        range.addProperty("start", line);
        range.addProperty("stop", line + 1);
        range.addProperty("output", false);
        range.addProperty("raw", true);
        var ranged = kernel.shell(kernel.request("history_request", range))
                .reply()
                .content()
                .getAsJsonArray("history");
        assertEquals(
                "int historyMarker = 7;", ranged.get(0).getAsJsonArray().get(2).getAsString());
    }

    @Test
    void userExpressionsAreEvaluatedAfterTheCell() {
        var content = WireClient.executeContent("int base = 20;");
        var expressions = new JsonObject();
        expressions.addProperty("sum", "base + 22");
        expressions.addProperty("broken", "base.length()");
        content.add("user_expressions", expressions);
        var reply = kernel.shell(kernel.request("execute_request", content))
                .reply()
                .content()
                .getAsJsonObject("user_expressions");
        assertEquals(
                "42",
                reply.getAsJsonObject("sum")
                        .getAsJsonObject("data")
                        .get("text/plain")
                        .getAsString());
        assertEquals("error", reply.getAsJsonObject("broken").get("status").getAsString());
    }

    @Test
    void commInfoAndEveryReplyHaveStatus() {
        var reply = kernel.shell(kernel.request("comm_info_request", new JsonObject()))
                .reply()
                .content();
        assertEquals("ok", reply.get("status").getAsString());
        assertNotNull(reply.get("comms"));
    }

    @Test
    void stopOnErrorAbortsQueuedCells() {
        var failing = kernel.request(
                "execute_request",
                WireClient.executeContent("Thread.sleep(300);\nthrow new IllegalStateException(\"boom\");"));
        var queued = kernel.request("execute_request", WireClient.executeContent("int afterFailure = 1;"));
        kernel.sendShell(failing);
        kernel.sendShell(queued);
        assertEquals("error", kernel.awaitShell(failing, 10_000).status());
        assertEquals("aborted", kernel.awaitShell(queued, 10_000).status());
        assertEquals("error", kernel.execute("afterFailure").status());
    }

    @Test
    void shutdownWithRestartRepliesAndExits() throws Exception {
        try (var other = new LaunchedKernel(
                Path.of(System.getProperty("java.home"), "bin", "java").toString())) {
            other.execute("int state = 1;");
            var content = new JsonObject();
            content.addProperty("restart", true);
            var reply = other.control(other.request("shutdown_request", content))
                    .reply()
                    .content();
            assertEquals("ok", reply.get("status").getAsString());
            assertTrue(reply.get("restart").getAsBoolean());
            assertTrue(
                    other.waitForExit(Duration.ofSeconds(5)),
                    "kernel process should exit so Jupyter can start a fresh one");
            // Not 1: the kernel closed its sockets and exited, rather than being halted because closing hung.
            assertEquals(0, other.process().exitValue(), other.log());
        }
    }
}
