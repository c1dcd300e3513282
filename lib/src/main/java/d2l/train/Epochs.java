package d2l.train;

/**
 * The number of epochs to actually run. Notebooks ask for the chapter's numbers (500 epochs); the
 * build runs them quickly by setting {@code D2L_MAX_EPOCHS} (environment variable or system property).
 */
public final class Epochs {

    public static final String LIMIT = "D2L_MAX_EPOCHS";

    private Epochs() {}

    /** {@code min(requested, D2L_MAX_EPOCHS)} if the limit is set, else {@code requested}. */
    public static int budget(int requested) {
        if (requested < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + requested);
        }
        String limit = System.getProperty(LIMIT, System.getenv(LIMIT));
        if (limit == null || limit.isBlank()) {
            return requested;
        }
        try {
            int max = Integer.parseInt(limit.trim());
            if (max < 1) throw new NumberFormatException();
            return Math.min(requested, max);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(LIMIT + " must be a positive integer, got '" + limit
                    + "'; unset it to run the requested " + requested + " epochs");
        }
    }
}
