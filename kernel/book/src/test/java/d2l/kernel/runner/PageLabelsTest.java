package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PageLabelsTest {
    private static NotebookFile notebook(String metadata) {
        return NotebookFile.parse(
                "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":" + metadata + ",\"cells\":[]}", "rnn", "test");
    }

    @Test
    void theFolderOrTheFolderAboveNamesTheLanguage() {
        assertEquals(
                "vi",
                PageLabels.forNotebook(Path.of("book/vi/rnn.ipynb"), notebook("{}"))
                        .lang());
        assertEquals(
                "vi",
                PageLabels.forNotebook(Path.of("book/vi/chapter_rnn/rnn.ipynb"), notebook("{}"))
                        .lang());
        assertEquals(
                "en",
                PageLabels.forNotebook(Path.of("vi/book/chapter_rnn/rnn.ipynb"), notebook("{}"))
                        .lang(),
                "only the two nearest folders count");
        assertEquals(
                "en",
                PageLabels.forNotebook(Path.of("notebooks/chapter_rnn/rnn.ipynb"), notebook("{}"))
                        .lang());
    }

    @Test
    void metadataWinsAndAnUnknownLanguageIsNamed() {
        assertEquals(
                "Mục lục",
                PageLabels.forNotebook(Path.of("en/rnn.ipynb"), notebook("{\"lang\":\"vi\"}"))
                        .contents());
        var error = assertThrows(
                IllegalArgumentException.class,
                () -> PageLabels.forNotebook(Path.of("rnn.ipynb"), notebook("{\"lang\":\"fr\"}")));
        assertTrue(
                error.getMessage().contains("\"fr\"") && error.getMessage().contains("known: en, vi"),
                error.getMessage());
    }
}
