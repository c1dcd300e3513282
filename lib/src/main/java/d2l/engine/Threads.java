package d2l.engine;

/**
 * How many threads a model splits each minibatch over by default: the machine's cores, capped by
 * the environment variable {@value #ENVIRONMENT} (a shared hub sets {@code D2L_THREADS=1}, so every
 * reader's kernel keeps to one core). A model's own {@code threads(n)} overrides both.
 */
public final class Threads {

    /** Environment variable capping the default number of threads. */
    public static final String ENVIRONMENT = "D2L_THREADS";

    private Threads() {}

    /** The default: available processors, capped by {@value #ENVIRONMENT} when it is set. */
    public static int available() {
        return available(Runtime.getRuntime().availableProcessors(), System.getenv(ENVIRONMENT));
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
