package d2l.kernel.maven;

/** A dependency could not be resolved; the message names it and the reason. */
public class ResolutionException extends RuntimeException {
    public ResolutionException(String message) {
        super(message);
    }
}
