package d2l.kernel.magic;

/** A magic could not do its job; the message says why and what to do instead. */
public class MagicException extends RuntimeException {
    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
