package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.client.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cells that used to take the kernel down or hang it outside their own code (issue #16), over
 * real ZeroMQ sockets: each must answer within seconds, with the expected output or error, and
 * leave the session's variables in place. Run on JDK 17 and on JDK 25 by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RobustnessChecks {
    /** Generous on a loaded machine; before the fix these cells took minutes or never answered. */
    private static final long ANSWER_MILLIS = 30_000;

    private static final String EXIT_MESSAGE = "is not available in a notebook; use Kernel \u2192 Restart";

    private LaunchedKernel kernel;

    abstract String java();

    @BeforeAll
    void start() throws Exception {
        kernel = new LaunchedKernel(java());
    }

    @AfterAll
    void stop() throws Exception {
        if (kernel != null) kernel.close();
    }

    private WireClient.Exchange timed(String code) {
        long start = System.nanoTime();
        var answer = kernel.execute(code);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < ANSWER_MILLIS, code + " took " + millis + " ms");
        return answer;
    }

    private static String ename(WireClient.Exchange e) {
        return e.reply().content().get("ename").getAsString();
    }

    private static String evalue(WireClient.Exchange e) {
        return e.reply().content().get("evalue").getAsString();
    }

    @Test
    void aHugeArrayDeclaresAtOnceAndShowsItsShapeAndFirstElements() {
        assertEquals(
                "ok", timed("byte[] big = new byte[200_000_000];\nbig[1] = 7;").status());
        assertEquals("200000000", timed("big.length").resultText(), "the next cell sees the array");
        assertEquals("byte[200000000] [0, 7, 0, ..., 0, 0, 0]", timed("big").resultText());
        assertEquals("ok", timed("big = null;").status());
        assertEquals(
                "float[67108864] [0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]",
                timed("new float[1 << 26]").resultText());
        String grid = timed("new double[3000][2000]").resultText();
        assertTrue(grid.startsWith("double[3000][2000] [[0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0],\n [0.0,"), grid);
        assertEquals(7, grid.lines().count(), grid);
        assertEquals("[1, 2, 3]", timed("new int[] {1, 2, 3}").resultText(), "small arrays read as before");
    }

    @Test
    void hugeCollectionsMapsAndStringsShowBoundedText() {
        assertEquals(
                "ArrayList size=5000000 [0, 1, 2, ..., 4999997, 4999998, 4999999]",
                timed("var many = new ArrayList<Integer>();\nfor (int i = 0; i < 5_000_000; i++) many.add(i);\nmany")
                        .resultText());
        String map = timed(
                        "var lookup = new TreeMap<Integer, String>();\nfor (int i = 0; i < 100_000; i++) lookup.put(i, \"v\" + i);\nlookup")
                .resultText();
        assertEquals("TreeMap size=100000 {0=v0, 1=v1, 2=v2, 3=v3, 4=v4, 5=v5, ...}", map);
        String text = timed("\"x\".repeat(50_000_000)").resultText();
        assertTrue(
                text.length() < 100_200 && text.endsWith("(cut at 100000 characters; print the parts you need)"),
                text.substring(text.length() - 80));
        assertEquals("5000000", timed("many.size()").resultText());
    }

    @Test
    void aStringConstantOver64KBGetsJavacsErrorAndLaterCellsAnswerCorrectly() {
        assertEquals("ok", timed("int keptAcross = 11;").status());
        var big = timed("String big = \"" + "x".repeat(70_000) + "\";");
        assertEquals("error", big.status());
        assertEquals("CompilationException", ename(big));
        assertTrue(evalue(big).startsWith("constant string too long (cell ["), evalue(big));
        String traceback = big.reply().content().getAsJsonArray("traceback").toString();
        assertTrue(traceback.contains("at most 65,535 bytes"), traceback);
        // Before: 40 + 2 answered null, and y * 2 "cannot find symbol".
        assertEquals("42", timed("40 + 2").resultText());
        assertEquals("ok", timed("int y = 5;").status());
        assertEquals("10", timed("y * 2").resultText());
        assertEquals("11", timed("keptAcross").resultText());
    }

    @Test
    void codeNestedTooDeeplyForJavacIsAnErrorAndTheKernelServesOn() {
        String deep = "int p = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";";
        var cell = timed(deep);
        assertEquals("CompilerError", ename(cell), cell.reply().content().toString());
        assertTrue(evalue(cell).contains("ran out of stack space"), evalue(cell));
        assertFalse(
                cell.streamText("stderr").contains("An exception has occurred in the compiler"),
                "javac's crash report stays in the log");
        // Completion and inspection of the same code reach javac's parser on the serving thread too.
        var complete = new com.google.gson.JsonObject();
        complete.addProperty("code", deep);
        complete.addProperty("cursor_pos", 9);
        assertTrue(kernel.shell(kernel.request("complete_request", complete))
                .reply()
                .content()
                .has("status"));
        var inspect = new com.google.gson.JsonObject();
        inspect.addProperty("code", deep);
        inspect.addProperty("cursor_pos", 9);
        assertTrue(kernel.shell(kernel.request("inspect_request", inspect))
                .reply()
                .content()
                .has("status"));
        assertEquals("2", timed("1 + 1").resultText());
    }

    @Test
    void systemExitEndsTheCellWithAClearErrorAndKeepsTheSession() {
        assertEquals("ok", timed("int kept = 7;").status());
        var exit = timed("System.out.println(\"before\");\nSystem.exit(3);\nSystem.out.println(\"after\");");
        assertEquals("error", exit.status());
        assertEquals("SystemExit", ename(exit));
        assertEquals("System.exit " + EXIT_MESSAGE + " (exit status 3)", evalue(exit));
        assertEquals("before\n", exit.streamText("stdout"));
        assertTrue(
                exit.reply().content().getAsJsonArray("traceback").toString().contains("line 2"),
                exit.reply().content().toString());
        assertEquals("7", timed("kept").resultText(), "the session's variables survive");
    }

    @Test
    void everyWayOfExitingIsRefused() {
        timed(
                "void quit(int status) { System.exit(status); }\nclass Quitter { void halt() { Runtime.getRuntime().halt(4); } }");
        // Switches before the call: the rewriter walks every instruction to find the calls.
        timed("int pick(int k) {\n  switch (k) { case 1: return 10; case 2: return 20; case 3: return 30; default: }\n"
                + "  switch (k) { case 1: return 1; case 1000: return 1000; case 100000: return 100000; default: }\n"
                + "  Runtime.getRuntime().exit(k);\n  return 0;\n}");
        assertEquals("20", timed("pick(2)").resultText());
        assertEquals("100000", timed("pick(100000)").resultText());
        String[][] cases = {
            {"quit(1);", "System.exit"},
            {"pick(7);", "Runtime.exit"},
            {"Runtime.getRuntime().exit(2);", "Runtime.exit"},
            {"new Quitter().halt();", "Runtime.halt"},
            {"IntConsumer byReference = System::exit;\nbyReference.accept(5);", "System.exit"},
            {"IntConsumer bound = Runtime.getRuntime()::halt;\nbound.accept(6);", "Runtime.halt"},
            {"Runnable lambda = () -> Runtime.getRuntime().exit(8);\nlambda.run();", "Runtime.exit"},
            {"try { System.exit(9); } catch (Exception e) { System.out.println(\"swallowed\"); }", "System.exit"},
        };
        for (String[] c : cases) {
            var exit = timed(c[0]);
            assertEquals("SystemExit", ename(exit), c[0]);
            assertTrue(evalue(exit).startsWith(c[1] + " " + EXIT_MESSAGE), c[0] + ": " + evalue(exit));
            assertEquals("", exit.streamText("stdout"), c[0]);
        }
        var thread = timed("var t = new Thread(() -> System.exit(10));\nt.start();\nt.join();\n\"still running\"");
        assertEquals("still running", thread.resultText());
        assertTrue(thread.streamText("stderr").contains("System.exit " + EXIT_MESSAGE), thread.streamText("stderr"));
        assertEquals("2", timed("1 + 1").resultText());
    }

    @Test
    void exitInAJarAddedWithClasspathIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("exit-lib");
        Path source = dir.resolve("src/quit/Quit.java");
        Files.createDirectories(source.getParent());
        Files.writeString(
                source, "package quit;\npublic class Quit { public static void now() { System.exit(11); } }\n");
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertEquals(
                0,
                javac.run(
                        null,
                        null,
                        null,
                        "--release",
                        "17",
                        "-d",
                        dir.resolve("classes").toString(),
                        source.toString()));
        assertEquals("ok", timed("%classpath " + dir.resolve("classes")).status());
        var exit = timed("quit.Quit.now();");
        assertEquals("SystemExit", ename(exit));
        assertTrue(
                exit.reply().content().getAsJsonArray("traceback").toString().contains("quit.Quit.now"),
                exit.reply().content().toString());
    }

    @Test
    void theInterruptStopsAValueWhoseToStringNeverReturns() {
        timed("class Endless { public String toString() { while (true) {} } }");
        InterruptCheck.assertInterrupts(kernel, "int before = 1;\nnew Endless()");
        assertEquals("1", timed("before").resultText(), "the cell's declarations before the value stay");
        InterruptCheck.assertInterrupts(kernel, "display(new Endless());");
        InterruptCheck.assertInterrupts(kernel, "List.of(new Endless())");
    }

    @Test
    void theInterruptStopsAnExceptionMessageThatNeverReturns() {
        timed("class Mute extends RuntimeException { public String getMessage() { while (true) {} } }");
        InterruptCheck.assertInterrupts(kernel, "throw new Mute();");
    }

    @Test
    void aToStringThatThrowsIsTheCellsError() {
        timed("class Broken { public String toString() { throw new IllegalStateException(\"no text for you\"); } }");
        var broken = timed("new Broken()");
        assertEquals("error", broken.status());
        assertEquals("java.lang.IllegalStateException", ename(broken));
        assertEquals("no text for you", evalue(broken));
        assertTrue(
                broken.reply().content().getAsJsonArray("traceback").toString().contains("Broken.toString"),
                broken.reply().content().toString());
        assertEquals("3", timed("1 + 2").resultText());
    }

    @Test
    void aCellCannotTakeTheStreamsAwayFromLaterCells() {
        assertEquals("ok", timed("System.out.close();\nSystem.err.close();").status());
        assertEquals(
                "still here\n", timed("System.out.println(\"still here\");").streamText("stdout"));
        assertEquals("err too\n", timed("System.err.println(\"err too\");").streamText("stderr"));

        var replaced = timed(
                "System.setOut(new PrintStream(OutputStream.nullOutputStream()));\nSystem.out.println(\"into the void\");");
        assertEquals("", replaced.streamText("stdout"));
        assertTrue(replaced.streamText("stderr").contains("replaced System.out"), replaced.streamText("stderr"));
        assertEquals("back\n", timed("System.out.println(\"back\");").streamText("stdout"));

        timed("System.setIn(new ByteArrayInputStream(\"typed\\n\".getBytes()));");
        assertEquals(
                "false",
                timed("new Scanner(System.in).hasNextLine()").resultText(),
                "System.in is the notebook's again");
    }
}
