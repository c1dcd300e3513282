package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A method with an arrow switch, then statements, in one cell (JDK 17's analysis calls it all UNKNOWN). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockSplitTest {
    private static final String METHOD = """
        double act(String k, double x) {
            return switch (k) {
                case "relu" -> Math.max(0, x);
                case "tanh" -> Math.tanh(x);
                default -> throw new IllegalArgumentException("no activation " + k + " {");
            };
        }
        """;
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
        assertTrue(result.ok(), () -> code + " failed: " + result.error().text());
        return notebook.outputs(notebook.cellCount() - 1);
    }

    @Test
    void aMethodWithAnArrowSwitchThrowingCaseAndStatementsAfterItRun() {
        var outputs = run(METHOD + "var y = act(\"relu\", -1);\nSystem.out.println(y);\nact(\"tanh\", 0) + 1");
        assertEquals("[\"0.0\\n\"]", outputs.get(0).get("text").toString());
        assertEquals(
                "1.0", outputs.get(1).getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void theSplitFindsTheEndOfTheFirstTopLevelBlockOnly() {
        String code = METHOD + "var y = 1;";
        assertEquals(METHOD.length(), BlockSplit.firstBlockEnd(code));
        assertEquals(-1, BlockSplit.firstBlockEnd(METHOD), "nothing after the block: nothing to split");
        assertEquals(
                -1,
                BlockSplit.firstBlockEnd("if (a) {\n  f();\n}\nelse {\n  g();\n}\n"),
                "else continues the statement");
        assertEquals(-1, BlockSplit.firstBlockEnd("try {\n  f();\n}\ncatch (Exception e) {\n}\n"));
        assertEquals(-1, BlockSplit.firstBlockEnd("int[] a = {\n  1\n}\n;"));
        assertEquals(13, BlockSplit.firstBlockEnd("void f() {\n}\n// }\nf();"));
    }
}
