package d2l.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreShareTest {

    @TempDir
    Path dir;

    @Test
    void readsTheNumberInTheFileAndNoFileMeansNoShare() throws Exception {
        var file = dir.resolve("thread-share");
        assertEquals(Integer.MAX_VALUE, CoreShare.read(file), "no file: the cores are the limit");
        Files.writeString(file, "2\n");
        assertEquals(2, CoreShare.read(file));
        Files.writeString(file, " 1 ");
        assertEquals(1, CoreShare.read(file));
    }

    @Test
    void aShareThatIsNotAWholeNumberFromOneIsAnErrorNamingTheFile() throws Exception {
        var file = dir.resolve("thread-share");
        for (var bad : new String[] {"0", "two", ""}) {
            Files.writeString(file, bad);
            var e = assertThrows(IllegalStateException.class, () -> CoreShare.read(file));
            assertTrue(
                    e.getMessage().contains(file.toString())
                            && e.getMessage().contains(Threads.SHARE_FILE)
                            && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }

    @Test
    void aRewrittenShareIsSeenOnceTheLastReadingIsOldEnough() throws Exception {
        var file = dir.resolve("thread-share");
        Files.writeString(file, "1");
        var now = new AtomicLong(1_000);
        var share = new CoreShare(file, now::get);
        assertEquals(1, share.threads());
        Files.writeString(file, "2");
        now.addAndGet(CoreShare.REREAD_NANOS - 1);
        assertEquals(1, share.threads(), "read again at most every REREAD_NANOS");
        now.addAndGet(1);
        assertEquals(2, share.threads(), "the share grew");
        Files.delete(file);
        now.addAndGet(CoreShare.REREAD_NANOS);
        assertEquals(Integer.MAX_VALUE, share.threads(), "the file gone: no share");
    }

    @Test
    void modelsWithoutThreadsOfTheirOwnAskAtEveryMinibatch() {
        var fast = new FastRnn(5, 4, 1);
        assertEquals(Threads.available(), fast.threads());
        assertEquals(1, fast.threads(1).threads(), "threads(n) fixes the count");
    }
}
