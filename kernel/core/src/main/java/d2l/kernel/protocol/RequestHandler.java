package d2l.kernel.protocol;

/** Answers one decoded, verified request; {@link KernelServer} calls it between busy and idle. */
public interface RequestHandler {
    void handle(RequestContext context, Message request);
}
