package d2l.engine;

import java.nio.file.Path;

/**
 * How many threads a model splits each minibatch over by default: the machine's cores, capped by
 * the environment variable {@value #ENVIRONMENT} (a shared hub sets {@code D2L_THREADS=1}, so every
 * reader's kernel keeps to one core), and by this process's share of the cores when
 * {@value #SHARE_FILE} names a file that holds it ({@link CoreShare}: the notebook runner, running
 * notebooks side by side, rewrites it as they end). Models without a {@code threads(n)} of their own
 * ask at every minibatch, so a share that grows is used from the next minibatch on.
 */
public final class Threads {

    /** Environment variable capping the default number of threads. */
    public static final String ENVIRONMENT = "D2L_THREADS";

    /** Environment variable naming a file that holds this process's current share of the cores. */
    public static final String SHARE_FILE = "D2L_THREAD_SHARE";

    private static final CoreShare SHARE = shareFromEnvironment();

    private Threads() {}

    /**
     * The default: available processors, capped by {@value #ENVIRONMENT} when it is set and by the
     * share in {@value #SHARE_FILE}'s file when there is one.
     */
    public static int available() {
        int threads = available(Runtime.getRuntime().availableProcessors(), System.getenv(ENVIRONMENT));
        return SHARE == null ? threads : Math.min(threads, SHARE.threads());
    }

    private static CoreShare shareFromEnvironment() {
        var file = System.getenv(SHARE_FILE);
        return file == null || file.isBlank() ? null : new CoreShare(Path.of(file.strip()), System::nanoTime);
    }

    /** The default for {@code processors} cores and the environment variable's value ({@code null} if unset). */
    static int available(int processors, String cap) {
        if (cap == null || cap.isBlank()) return processors;
        int limit;
        try {
            limit = Integer.parseInt(cap.strip());
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1) {
            throw new IllegalStateException(ENVIRONMENT + " must be a whole number of threads >= 1, got '" + cap
                    + "'; unset it to use all " + processors + " cores, or set it to 1 for one thread");
        }
        return Math.min(processors, limit);
    }

    /** Checks a requested thread count and returns it. */
    public static int check(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads
                    + "; use 1 for one thread or Threads.available() for the machine's cores");
        }
        return threads;
    }
}
