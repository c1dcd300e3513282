package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

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
}
