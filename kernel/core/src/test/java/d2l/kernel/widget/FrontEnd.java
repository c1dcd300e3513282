package d2l.kernel.widget;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.comm.Comm;
import d2l.kernel.comm.CommManager;
import d2l.kernel.comm.CommMessage;
import d2l.kernel.comm.CommTransport;
import d2l.kernel.comm.Comms;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A front end in memory: records what the kernel's side sends and sends what JupyterLab's widget
 * manager would. Activating it makes its manager the one widgets open their comms on.
 */
final class FrontEnd implements CommTransport {
    record Sent(String kind, String commId, String target, JsonObject data, JsonObject metadata) {
        String method() {
            return data.has("method") ? data.get("method").getAsString() : "";
        }

        JsonObject state() {
            return data.getAsJsonObject("state");
        }
    }

    final List<Sent> sent = new ArrayList<>();
    final CommManager manager = new CommManager(this);

    static FrontEnd activate() {
        var frontEnd = new FrontEnd();
        Comms.activate(frontEnd.manager);
        return frontEnd;
    }

    @Override
    public synchronized void open(Comm comm, CommMessage message) {
        sent.add(new Sent("open", comm.id(), comm.target(), message.data(), message.metadata()));
    }

    @Override
    public synchronized void send(Comm comm, CommMessage message) {
        sent.add(new Sent("msg", comm.id(), comm.target(), message.data(), message.metadata()));
    }

    @Override
    public synchronized void close(Comm comm, CommMessage message) {
        sent.add(new Sent("close", comm.id(), comm.target(), message.data(), message.metadata()));
    }

    synchronized List<Sent> opened() {
        return sent.stream().filter(s -> s.kind().equals("open")).collect(Collectors.toList());
    }

    synchronized Sent openOf(String commId) {
        return sent.stream()
                .filter(s -> s.kind().equals("open") && s.commId().equals(commId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no comm_open for " + commId + " in " + sent));
    }

    /** Messages on {@code commId} since the last {@link #clear}. */
    synchronized List<Sent> messages(String commId) {
        return sent.stream()
                .filter(s -> s.kind().equals("msg") && s.commId().equals(commId))
                .collect(Collectors.toList());
    }

    synchronized void clear() {
        sent.clear();
    }

    /** A comm_msg as the front end sends it, its data given as JSON text. */
    void message(String commId, String json) {
        manager.receivedMessage(
                commId, CommMessage.of(JsonParser.parseString(json).getAsJsonObject()));
    }

    /** An update of one attribute, as a moved slider sends it. */
    void update(Widget widget, String key, String jsonValue) {
        message(
                widget.modelId(),
                "{\"method\": \"update\", \"state\": {\"" + key + "\": " + jsonValue + "}, \"buffer_paths\": []}");
    }

    static String idOf(String reference) {
        if (!reference.startsWith("IPY_MODEL_")) throw new AssertionError("not a model reference: " + reference);
        return reference.substring("IPY_MODEL_".length());
    }
}
