package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamBufferTest {
    @Test
    void multiByteCharactersAreNeverSplitAcrossMessages() {
        var received = new StringBuilder();
        var buffer = new StreamBuffer(received::append);
        byte[] bytes = "aé€😀".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            buffer.write(b);
            buffer.drain();
        }
        assertEquals("aé€😀", received.toString());
    }

    @Test
    void completePrefixStopsBeforeAnUnfinishedCharacter() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, StreamBuffer.completeUtf8Prefix(new byte[] {euro[0], euro[1]}));
        assertEquals(3, StreamBuffer.completeUtf8Prefix(euro));
        assertEquals(1, StreamBuffer.completeUtf8Prefix(new byte[] {'a', euro[0]}));
    }

    /**
     * JDK 21+ JShell waits for every thread a snippet's thread group holds, so the delivery thread
     * a cell's first print starts must live in the top-level group, not in the cell's group.
     */
    @Test
    void deliveryThreadStartedFromACellIsNotInTheCellsThreadGroup() throws Exception {
        var cellGroup = new ThreadGroup("a cell's threads");
        var delivered = new CountDownLatch(1);
        var cell = new Thread(cellGroup, () -> new StreamBuffer(text -> delivered.countDown()).write('x'));
        cell.start();
        cell.join();
        assertTrue(delivered.await(5, TimeUnit.SECONDS), "the timer delivers the pending text");
        var flusher = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("stream-flush"))
                .findFirst()
                .orElseThrow();
        assertNull(
                flusher.getThreadGroup().getParent(),
                "in group " + flusher.getThreadGroup().getName());
    }

    @Test
    void kernelThreadsAreDaemonsOfTheTopLevelGroup() throws Exception {
        var made = new Thread[1];
        var inner =
                new Thread(new ThreadGroup("a cell's threads"), () -> made[0] = KernelThreads.daemon("t", () -> {}));
        inner.start();
        inner.join();
        assertTrue(made[0].isDaemon());
        assertNull(made[0].getThreadGroup().getParent());
    }
}
