package d2l.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * What a request handler may do with the request it is given, and nothing more: reply on the
 * socket the request came in on, publish on IOPub, ask the front end for input, take the queued
 * shell requests, end serving. {@link KernelServer} passes one with every request; handlers hold
 * no reference to the server.
 */
public interface RequestContext {
    /** Whether the request came in on the control socket. */
    boolean isControl();

    void reply(Message request, String type, JsonObject content);

    /** Runs a request that was taken off the queue, with its own busy/idle. */
    void replay(Message request, Runnable body);

    void publish(String type, Message parent, JsonObject content);

    /** A line from the front end that sent {@code request} (input_request on stdin); null at end of input. */
    String requestInput(Message request, String prompt);

    /** The requests already queued on shell, taken without blocking ({@code stop_on_error}). */
    List<Message> drainShell();

    /** Ends serving once the current request's reply and idle status are out. */
    void shutdown();
}
