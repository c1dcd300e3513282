package d2l.kernel.eval;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.in} for cells: empty unless the current cell may ask for input, in which case each
 * read that finds nothing buffered asks the {@link InputSource} for one more line.
 */
final class CellInput extends InputStream {
    /**
     * The prompt of every input_request. JupyterLab echoes a reply as prompt + " " + typed text, so
     * an empty prompt left a stray space at the start of the echo; with this one it reads "> typed".
     */
    static final String PROMPT = ">";

    private volatile InputSource source;
    private byte[] buffer = new byte[0];
    private int position;

    void use(InputSource input) {
        synchronized (this) {
            source = input;
            buffer = new byte[0];
            position = 0;
        }
    }

    @Override
    public synchronized int read() {
        if (!fill()) return -1;
        return buffer[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    private boolean fill() {
        if (position < buffer.length) return true;
        var s = source;
        if (s == null) return false;
        System.out.flush();
        String line = s.readLine(PROMPT);
        if (line == null) return false;
        buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
