package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Vietnamese edition, executed like the English one (two epochs): the same checks on its
 * notebooks and pages, which must be Vietnamese pages.
 */
class VietnameseChapterNotebooksIT extends ChapterNotebooksIT {
    @Override
    Path chapter() {
        return Path.of("../../notebooks/vi/chapter_recurrent-neural-networks");
    }

    @Override
    Path out() {
        return Path.of("target/chapter-quick-vi");
    }

    @Override
    Path shots() {
        return Path.of("target/pages/chapter-vi");
    }

    @Override
    String notDoneYet() {
        return "✎ Chưa làm: ";
    }

    @Test
    void pagesAreVietnamese() throws Exception {
        for (var section : sections()) {
            var page = Files.readString(out().resolve(section + ".html"));
            assertTrue(page.contains("<html lang=\"vi\">"), section + ".html is not marked Vietnamese");
        }
    }
}
