package d2l.kernel.protocol;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter message. {@code identities} are the ZeroMQ routing frames of the request it answers
 * (empty for IOPub); buffers are passed through untouched.
 */
public record Message(
        List<byte[]> identities,
        JsonObject header,
        JsonObject parentHeader,
        JsonObject metadata,
        JsonObject content,
        List<byte[]> buffers) {
    public static final String PROTOCOL_VERSION = "5.3";

    public String type() {
        return header.has("msg_type") ? header.get("msg_type").getAsString() : "";
    }

    /** This message's msg_id; empty if its header has none. */
    public String id() {
        return header.has("msg_id") ? header.get("msg_id").getAsString() : "";
    }

    /** The msg_id of the request this message answers or was caused by; empty if none. */
    public String parentId() {
        return parentHeader.has("msg_id") ? parentHeader.get("msg_id").getAsString() : "";
    }

    /** A new message answering or caused by {@code parent}, in the given kernel session. */
    public static Message create(String session, String type, Message parent, JsonObject content) {
        var header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "kernel");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        return new Message(
                parent == null ? List.of() : parent.identities(),
                header,
                parent == null ? new JsonObject() : parent.header(),
                new JsonObject(),
                content,
                List.of());
    }
}
