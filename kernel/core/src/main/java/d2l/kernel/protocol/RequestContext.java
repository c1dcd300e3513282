package d2l.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * What a request handler may do with the request it is given, and nothing more: reply on the
 * socket the request came in on, publish on IOPub, ask the front end for input, abort the queued
 * shell requests, end serving. {@link KernelServer} passes one with every request; handlers hold
 * no reference to the server. Any thread may use it.
 */
public interface RequestContext {
    /** Whether the request came in on the control socket. */
    boolean isControl();

    void reply(Message request, String type, JsonObject content);

    void publish(String type, Message parent, JsonObject content);

    /** Publishes with the message's {@code metadata} and binary {@code buffers} (comm messages). */
    void publish(String type, Message parent, JsonObject content, JsonObject metadata, List<byte[]> buffers);

    /** A line from the front end that sent {@code request} (input_request on stdin); null at end of input. */
    String requestInput(Message request, String prompt);

    /**
     * Has every request queued on shell now answered by {@link RequestHandler#abort} instead of
     * handled ({@code stop_on_error}); comm messages are still handled.
     */
    void abortQueued();

    /** Ends serving once the current request's reply and idle status are out. */
    void shutdown();
}
