package d2l.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * This process's current share of the cores, read from a small file that another process rewrites
 * (the notebook runner, running notebooks side by side, gives a child more threads once the others
 * have ended). The file holds a whole number of threads >= 1; it is read again at most every
 * {@link #REREAD_NANOS}, so a model can ask at every minibatch. No file (the runner has ended, or
 * never wrote it) means no share: the cores are the limit.
 */
final class CoreShare {

    /** How long a value read is used before the file is read again. */
    static final long REREAD_NANOS = 200_000_000;

    private final Path file;
    private final LongSupplier clock;
    private boolean read;
    private long readAt;
    private int threads;

    CoreShare(Path file, LongSupplier clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The share, at most {@code REREAD_NANOS} old; {@link Integer#MAX_VALUE} when there is no file. */
    synchronized int threads() {
        long now = clock.getAsLong();
        if (!read || now - readAt >= REREAD_NANOS) {
            threads = read(file);
            readAt = now;
            read = true;
        }
        return threads;
    }

    /** The number in {@code file}; {@link Integer#MAX_VALUE} when the file does not exist. */
    static int read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Integer.MAX_VALUE;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the thread share " + file + " (" + Threads.SHARE_FILE + "): " + e.getMessage()
                            + "; unset " + Threads.SHARE_FILE + " to use the cores",
                    e);
        }
        int share;
        try {
            share = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            share = 0;
        }
        if (share < 1) {
            throw new IllegalStateException("the thread share " + file + " (" + Threads.SHARE_FILE
                    + ") must hold a whole number of threads >= 1, got '" + text + "'; unset "
                    + Threads.SHARE_FILE + " to use the cores");
        }
        return share;
    }
}
