package d2l.kernel.protocol;

import com.google.gson.JsonObject;
import d2l.kernel.comm.Comm;
import d2l.kernel.comm.CommMessage;
import d2l.kernel.comm.CommTransport;
import java.util.function.Supplier;

/**
 * The kernel's side of its comms, published on IOPub as the messaging spec says: {@code comm_open}
 * ({@code comm_id}, {@code target_name}, {@code data}), {@code comm_msg} and {@code comm_close}
 * ({@code comm_id}, {@code data}); a message's metadata is the IOPub message's metadata and its
 * buffers the message's binary frames. The parent is whatever request the sending thread answers
 * ({@code parent}).
 */
final class IopubCommTransport implements CommTransport {
    /** Publishes one IOPub message from any thread. */
    interface Publisher {
        void publish(String type, Message parent, JsonObject content, CommMessage message);
    }

    private final Publisher publisher;
    private final Supplier<Message> parent;

    IopubCommTransport(Publisher publisher, Supplier<Message> parent) {
        this.publisher = publisher;
        this.parent = parent;
    }

    @Override
    public void open(Comm comm, CommMessage message) {
        var content = content(comm, message);
        content.addProperty("target_name", comm.target());
        publisher.publish("comm_open", parent.get(), content, message);
    }

    @Override
    public void send(Comm comm, CommMessage message) {
        publisher.publish("comm_msg", parent.get(), content(comm, message), message);
    }

    @Override
    public void close(Comm comm, CommMessage message) {
        publisher.publish("comm_close", parent.get(), content(comm, message), message);
    }

    private static JsonObject content(Comm comm, CommMessage message) {
        var content = new JsonObject();
        content.addProperty("comm_id", comm.id());
        content.add("data", message.data());
        return content;
    }
}
