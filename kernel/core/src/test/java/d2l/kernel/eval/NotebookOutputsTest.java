package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
