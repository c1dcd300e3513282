package d2l.data;

/**
 * A data file is neither in the cache nor downloadable (offline, wrong URL, corrupt download).
 * The message says where the file was expected, where it was fetched from, and how to fix it.
 */
public class DataUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
