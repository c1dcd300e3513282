package d2l.kernel.eval;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects bytes a cell writes to one stream and hands them on as text: at once when the buffer
 * is big (so a 10 MB print flows in bounded chunks and the writer feels back-pressure), otherwise
 * shortly after the first unsent byte (so progress lines show while a cell runs, without one
 * message per {@code println}), and always at cell end. Any thread may write.
 */
final class StreamBuffer extends OutputStream {
    static final int CHUNK = 64 * 1024;
    static final long DELAY_MS = 40;

    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(r -> KernelThreads.daemon("stream-flush", r));

    private final Consumer<String> target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean scheduled;
    private final Object sendLock = new Object();

    StreamBuffer(Consumer<String> target) {
        this.target = target;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        boolean full;
        synchronized (this) {
            pending.write(b, off, len);
            full = pending.size() >= CHUNK;
            if (!full && !scheduled) {
                scheduled = true;
                TIMER.schedule(this::drain, DELAY_MS, TimeUnit.MILLISECONDS);
            }
        }
        if (full) drain();
    }

    /** Explicit flushes are a hint only; the timer delivers soon anyway. */
    @Override
    public void flush() {}

    /** Sends everything written so far (up to the last complete UTF-8 character). */
    void drain() {
        synchronized (sendLock) {
            String text;
            synchronized (this) {
                scheduled = false;
                byte[] bytes = pending.toByteArray();
                int end = completeUtf8Prefix(bytes);
                pending.reset();
                pending.write(bytes, end, bytes.length - end);
                text = new String(bytes, 0, end, StandardCharsets.UTF_8);
            }
            if (!text.isEmpty()) target.accept(text);
        }
    }

    /** Length of the longest prefix that does not end inside a multi-byte character. */
    static int completeUtf8Prefix(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) continue; // continuation byte: keep looking back
            int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
