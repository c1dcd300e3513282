package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cells on which javac fails in its own machinery (class-file limits, stack overflows) and used to
 * leave the session answering wrongly without saying so (issue #27): each gets javac's complaint,
 * and the cells after it answer correctly, with the earlier variables intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRepairTest {
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

    private record Cell(ExecuteResult result, List<JsonObject> outputs) {
        String value() {
            return outputs.stream()
                    .filter(o -> o.get("output_type").getAsString().equals("execute_result"))
                    .map(o -> text(o.getAsJsonObject("data").get("text/plain")))
                    .findFirst()
                    .orElse(null);
        }

        String stderr() {
            return outputs.stream()
                    .filter(o -> o.has("name") && o.get("name").getAsString().equals("stderr"))
                    .map(o -> text(o.get("text")))
                    .collect(Collectors.joining());
        }

        String errorText() {
            return result.ok() ? "" : result.error().text();
        }
    }

    private static String text(com.google.gson.JsonElement value) {
        if (value.isJsonPrimitive()) return value.getAsString();
        var text = new StringBuilder();
        value.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
        return text.toString();
    }

    private Cell run(String code) {
        var result = session.execute(code, notebook.startCell(), ExecuteOptions.DEFAULT);
        return new Cell(result, notebook.outputs(notebook.cellCount() - 1));
    }

    /** The session computes, declares and reads as it should, and kept {@code name} = {@code value}. */
    private void assertSessionAnswersCorrectly(String name, String value) {
        assertEquals("42", run("40 + 2").value(), "a new expression");
        assertTrue(run("int afterwards = 5;").result().ok());
        assertEquals("10", run("afterwards * 2").value(), "a new declaration");
        assertEquals(value, run(name).value(), "an earlier variable");
    }

    private void assertCompileError(Cell cell, String message, String advice) {
        assertFalse(cell.result().ok(), "the cell must fail");
        assertEquals("CompilationException", cell.result().error().ename());
        assertTrue(
                cell.result().error().evalue().startsWith(message),
                cell.result().error().evalue());
        assertTrue(cell.errorText().contains(advice), cell.errorText());
    }

    @Test
    void aStringConstantOver64KBIsJavacsErrorAndLaterCellsAnswerCorrectly() {
        run("int keptBefore = 7;");
        var cell = run("String big = \"" + "x".repeat(70_000) + "\";");
        assertCompileError(cell, "constant string too long (cell [", "A string constant can hold at most 65,535 bytes");
        // The quoted line is cut around the column, not 70,000 characters.
        assertTrue(cell.errorText().length() < 3_000, cell.errorText().length() + " characters");
        assertTrue(cell.errorText().contains("the session works again"), cell.errorText());
        assertTrue(run("big").errorText().contains("cannot find symbol"), "the failed declaration is not kept");
        assertSessionAnswersCorrectly("keptBefore", "7");
    }

    @Test
    void aLongStringAsTheCellsValueOrInAMethodIsJavacsError() {
        run("int keptToo = 8;");
        assertCompileError(run("\"" + "y".repeat(70_000) + "\""), "constant string too long", "65,535 bytes");
        assertSessionAnswersCorrectly("keptToo", "8");
        assertCompileError(
                run("int len() { return \"" + "z".repeat(70_000) + "\".length(); }"),
                "constant string too long",
                "65,535");
        assertTrue(run("len()").errorText().contains("cannot find symbol"));
        // 30,000 euro signs are 90,000 bytes in UTF-8: the limit is in bytes (javac finds it later, as it writes the
        // class).
        assertCompileError(
                run("String euros = \"" + "\u20ac".repeat(30_000) + "\";"),
                "UTF8 representation for string \"\u20ac\u20ac",
                "in UTF-8");
        assertSessionAnswersCorrectly("keptToo", "8");
    }

    @Test
    void aNameOver64KBIsJavacsError() {
        var cell = run("int " + "v".repeat(70_000) + " = 1;");
        assertFalse(cell.result().ok());
        assertTrue(cell.errorText().contains("UTF8 representation for string"), cell.errorText());
        assertSessionAnswersCorrectly("1 + 1", "2");
    }

    @Test
    void otherClassFileLimitsAreJavacsErrors() {
        run("int stillHere = 9;");
        assertCompileError(
                run("int" + "[]".repeat(256) + " deep = null;"),
                "array type has too many dimensions",
                "255 dimensions");
        assertSessionAnswersCorrectly("stillHere", "9");
        String params = IntStream.range(0, 300).mapToObj(i -> "int p" + i).collect(Collectors.joining(", "));
        assertCompileError(
                run("int many(" + params + ") { return 0; }"), "too many parameters", "at most 255 parameters");
        assertSessionAnswersCorrectly("stillHere", "9");
        // A cell's statements are one method: 6,000 of these are about 90 KB of byte code.
        var block = run("int counted = 0;\n{\n" + "counted += 1 + counted % 7;\n".repeat(6_000) + "}\ncounted");
        assertCompileError(block, "code too large", "at most 64 KB");
        assertSessionAnswersCorrectly("stillHere", "9");
        // A value too large to compile: the error points at the expression, not at the kernel's text before it.
        String numbers = IntStream.range(0, 20_000).mapToObj(Integer::toString).collect(Collectors.joining(","));
        var value = run("int first = 1;\nnew int[] {" + numbers + "}.length");
        assertCompileError(value, "code too large", "at most 64 KB");
        assertTrue(
                value.result().error().evalue().endsWith("line 2, column 1)"),
                value.result().error().evalue());
        assertSessionAnswersCorrectly("stillHere", "9");
    }

    @Test
    void codeNestedTooDeeplyForJavacIsAClearErrorWithoutJavacsCrashReport() {
        run("int beforeNesting = 3;");
        for (String deep : List.of(
                "int p = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";",
                "List<".repeat(3_000) + "String" + ">".repeat(3_000) + " g = null;",
                "int sum = " + IntStream.range(0, 50_000).mapToObj(i -> "1").collect(Collectors.joining(" + "))
                        + ";")) {
            var cell = run(deep);
            assertFalse(cell.result().ok(), deep.substring(0, 20));
            assertEquals("CompilerError", cell.result().error().ename(), cell.errorText());
            assertTrue(cell.errorText().contains("nests too deeply"), cell.errorText());
            assertFalse(
                    cell.stderr().contains("An exception has occurred in the compiler"),
                    "javac's crash report goes to the kernel's log, not the cell: "
                            + cell.stderr()
                                    .substring(0, Math.min(300, cell.stderr().length())));
            assertSessionAnswersCorrectly("beforeNesting", "3");
        }
    }

    @Test
    void aRebuiltSessionKeepsImportsMethodsClassesAndTheValuesOfVariables() {
        run("import java.util.concurrent.atomic.AtomicInteger;");
        run("int twice(int x) { return 2 * x; }");
        run("record Point(int x, int y) { int sum() { return x + y; } }");
        run(
                "var counter = new AtomicInteger(41);\nvar names = new ArrayList<>(List.of(\"a\", \"b\"));\nint plain = 6;\nString none = null;");
        run("Point origin = new Point(1, 2);\nList<Point> points = List.of(origin);");
        var lost = session.rebuildForTest();
        assertEquals("42", run("counter.incrementAndGet()").value(), "the same AtomicInteger, not a new one");
        assertEquals("[a, b]", run("names").value());
        assertEquals("12", run("twice(plain)").value());
        assertEquals("true", run("none == null").value());
        assertEquals("7", run("new Point(3, 4).sum()").value(), "the record is declared again");
        assertEquals("1", run("new AtomicInteger(1).get()").value(), "the import is there");
        // A Point of the old session is of another class than the new Point: named, not restored.
        assertEquals(2, lost.size(), lost.toString());
        assertTrue(
                lost.get(0).startsWith("variable origin") && lost.get(1).startsWith("variable points"),
                lost.toString());
        assertTrue(run("origin").errorText().contains("cannot find symbol"));
        assertSessionAnswersCorrectly("plain", "6");
    }
}
