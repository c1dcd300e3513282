package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

/** nbformat output dicts as the runner and the Output widget write them. */
class NotebookOutputsTest {
    @Test
    void multilineJoinsAStringOrAListOfLines() {
        assertEquals("a\nb", NotebookOutputs.multiline(JsonParser.parseString("[\"a\\n\", \"b\"]")));
        assertEquals("a\nb", NotebookOutputs.multiline(new JsonPrimitive("a\nb")));
        assertEquals("", NotebookOutputs.multiline(JsonParser.parseString("[]")));
        assertEquals("", NotebookOutputs.multiline(JsonNull.INSTANCE));
        assertEquals("", NotebookOutputs.multiline(null));
    }

    @Test
    void linesSplitAfterEachNewlineAndMultilineJoinsThemBack() {
        assertEquals(
                JsonParser.parseString("[\"one\\n\", \"two\\n\", \"three\"]"),
                NotebookOutputs.lines("one\ntwo\nthree"));
        assertEquals(JsonParser.parseString("[]"), NotebookOutputs.lines(""));
        for (var text : new String[] {"", "x", "x\n", "\n\n", "one\ntwo\nthree", "tail\n"})
            assertEquals(text, NotebookOutputs.multiline(NotebookOutputs.lines(text)), text);
    }

    @Test
    void textOfOneStreamJoinsTheOutputBeforeItLineByLine() {
        var notebook = new NotebookOutputs();
        var cell = notebook.startCell();
        cell.stream("stdout", "ab");
        cell.stream("stdout", "c\nd");
        cell.stream("stdout", "\n");
        cell.stream("stdout", "e");
        cell.stream("stderr", "warning\n");
        cell.stream("stdout", "f\n");
        var outputs = notebook.outputsJson(0);
        assertEquals(3, outputs.size(), outputs.toString());
        assertEquals(
                JsonParser.parseString("[\"abc\\n\", \"d\\n\", \"e\"]"),
                outputs.get(0).getAsJsonObject().get("text"));
        assertEquals("stderr", outputs.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(
                "f\n",
                NotebookOutputs.multiline(outputs.get(2).getAsJsonObject().get("text")));
    }

    @Test
    void appendedLinesAreTheLinesOfTheJoinedText() {
        var random = new java.util.Random(7);
        var joined = new StringBuilder();
        var lines = new JsonArray();
        for (int i = 0; i < 500; i++) {
            var chunk = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) chunk.append(random.nextInt(3) == 0 ? '\n' : 'x');
            joined.append(chunk);
            NotebookOutputs.appendLines(lines, chunk.toString());
            assertEquals(NotebookOutputs.lines(joined.toString()), lines, "after " + joined);
        }
    }
}
