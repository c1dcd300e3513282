package d2l.kernel.protocol;

/** Answers one decoded, verified request; {@link KernelServer} calls it between busy and idle. */
public interface RequestHandler {
    void handle(RequestContext context, Message request);

    /** Answers a request that was queued behind a failed cell ({@code stop_on_error}); by default handles it. */
    default void abort(RequestContext context, Message request) {
        handle(context, request);
    }
}
