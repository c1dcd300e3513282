package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A cell's final expression goes through {@link FinalExpression}'s declaration: fewer javac tasks,
 * and to the user the same values, outputs and errors as JShell's own expression path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinalExpressionTest {
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
        session.execute(code, notebook.startCell(), ExecuteOptions.DEFAULT);
        return notebook.outputs(notebook.cellCount() - 1);
    }

    /** The text/plain of the cell's execute_result, or null if it showed none. */
    private String value(String code) {
        for (var output : run(code)) {
            if (output.get("output_type").getAsString().equals("error")) {
                throw new AssertionError(code + " failed: " + output);
            }
            if (output.get("output_type").getAsString().equals("execute_result")) {
                var text = output.getAsJsonObject("data").get("text/plain");
                var joined = new StringBuilder();
                if (text.isJsonPrimitive()) joined.append(text.getAsString());
                else text.getAsJsonArray().forEach(line -> joined.append(line.getAsString()));
                return joined.toString();
            }
        }
        return null;
    }

    private JsonObject error(String code) {
        return run(code).stream()
                .filter(o -> o.get("output_type").getAsString().equals("error"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(code + " did not fail"));
    }

    @Test
    void aValueCostsThreeCompilerTasksInsteadOfFive() {
        value("1 + 1"); // the first value may load what later ones reuse
        long before = session.compilerTasks();
        assertEquals("2", value("1 + 1"));
        assertEquals(3, session.compilerTasks() - before, "parse, analysis and compilation of the declaration");
        before = session.compilerTasks();
        assertEquals("2", value("1 + 1;")); // shown, as in IJava, but through JShell's own path
        assertEquals(5, session.compilerTasks() - before, "JShell's expression path, for comparison");
    }

    @Test
    void valuesAreWhatTheExpressionsGive() {
        assertEquals("a1", value("\"a\" + 1"));
        assertEquals("98", value("'a' + 1"));
        assertEquals("1.0", value("true ? 1 : 2.0"));
        assertEquals("[1, 2]", value("List.of(1, 2)"));
        assertNull(value("(String) null"), "a null value shows nothing, as in IJava");
        assertEquals("3", value("Math.max(1,\n    3)"));
        assertEquals("4", value("2 + 2 // a trailing comment"));
        assertEquals("x", value("'x'"));
    }

    @Test
    void anExpressionRunsOnce() {
        assertEquals(null, value("int counter = 0;"));
        assertEquals("0", value("counter++"));
        assertEquals("1", value("counter"));
        assertNull(value("counter = 5"), "a simple assignment shows no value, as in IJava");
        assertEquals("5", value("counter"));
    }

    @Test
    void aVoidCallRunsOnceAndShowsNoValue() {
        var outputs = run("System.out.println(\"once\")");
        assertEquals(1, outputs.size(), outputs.toString());
        assertEquals("stream", outputs.get(0).get("output_type").getAsString());
        assertEquals("[\"once\\n\"]", outputs.get(0).get("text").toString());
    }

    @Test
    void compileErrorsAreJShellsOwnAtTheUsersColumn() {
        var missing = error("1 + undefinedName");
        assertEquals("CompilationException", missing.get("ename").getAsString());
        String text = missing.toString();
        assertTrue(text.contains("cannot find symbol"), text);
        assertTrue(text.contains("line 1, column 5"), text);
        assertFalse(text.contains(FinalExpression.PREFIX), text);

        // JShell's own message for a lambda without a target type, at the expression the user wrote.
        var lambda = error("x -> x").toString();
        assertTrue(lambda.contains("is not a functional interface") && lambda.contains("line 1, column 1"), lambda);
        assertFalse(lambda.contains(FinalExpression.PREFIX), lambda);
    }

    @Test
    void anExceptionIsReportedAtTheCellsLine() {
        assertEquals(null, value("int zero = 0;"));
        var thrown = error("1 +\n    1 / zero");
        assertEquals("java.lang.ArithmeticException", thrown.get("ename").getAsString());
        assertTrue(thrown.get("traceback").toString().contains("line 1"), thrown.toString());
        assertEquals("2", value("1 + 1"));
    }

    @Test
    void theDeclaredVariablesAreGone() {
        value("6 * 7");
        error("1 / zeroDivisor()");
        var suggestions = session.analysis().complete("$d2l", 4).matches();
        assertTrue(suggestions.isEmpty(), suggestions.toString());
    }

    @Test
    void anInterruptStopsAValue() throws Exception {
        var stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            session.interrupt();
        });
        stopper.start();
        var result = session.execute(
                "java.util.stream.IntStream.iterate(0, i -> i + 1).filter(i -> i < 0).findFirst()",
                notebook.startCell(),
                ExecuteOptions.DEFAULT);
        stopper.join();
        assertEquals("InterruptedException", result.error().ename());
        assertEquals("3", value("1 + 2"));
    }

    @Test
    void onlyCompleteTextWithoutAnEndingSemicolonOrBraceIsTried() {
        assertTrue(FinalExpression.worthTrying("a + b", Completeness.COMPLETE));
        assertFalse(FinalExpression.worthTrying("a + b;", Completeness.COMPLETE));
        assertFalse(FinalExpression.worthTrying("int x = 1", Completeness.COMPLETE_WITH_SEMI));
        assertFalse(FinalExpression.worthTrying("void f() { }", Completeness.COMPLETE));
        assertFalse(FinalExpression.worthTrying("  ", Completeness.COMPLETE));
        assertTrue(FinalExpression.declared("$d2l$value12"));
        assertFalse(FinalExpression.declared("$d2l$value"));
        assertFalse(FinalExpression.declared("$d2l$valueX"));
    }
}
