package d2l.kernel.comm;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The kernel's end of a Jupyter comm: a channel between an object in the kernel and one in the
 * front end, named by a target ({@code jupyter.widget} for ipywidgets). Either side may open it,
 * send messages on it, and close it; after a close no more messages go either way.
 */
public final class Comm {
    private final String id;
    private final String target;
    private final CommManager manager;
    private final List<Consumer<CommMessage>> messageHandlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<CommMessage>> closeHandlers = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    Comm(String id, String target, CommManager manager) {
        this.id = id;
        this.target = target;
        this.manager = manager;
    }

    public String id() {
        return id;
    }

    public String target() {
        return target;
    }

    public boolean isOpen() {
        return open;
    }

    /** Sends {@code data} to the front end's end of this comm. */
    public void send(JsonObject data) {
        send(CommMessage.of(data));
    }

    /** Sends a message with metadata and binary buffers. */
    public void send(CommMessage message) {
        if (!open) throw new IllegalStateException("Comm " + id + " (" + target + ") is closed; open a new one");
        manager.transport().send(this, message);
    }

    /** Closes this comm on both sides; closing twice does nothing. */
    public void close() {
        close(new JsonObject());
    }

    public void close(JsonObject data) {
        if (!open) return;
        open = false;
        manager.forget(this);
        manager.transport().close(this, CommMessage.of(data));
        closeHandlers.forEach(handler -> handler.accept(CommMessage.of(data)));
    }

    /** Called with each message the front end sends on this comm. */
    public void onMessage(Consumer<CommMessage> handler) {
        messageHandlers.add(handler);
    }

    /** Called once when the comm closes, from either side. */
    public void onClose(Consumer<CommMessage> handler) {
        closeHandlers.add(handler);
    }

    void received(CommMessage message) {
        for (var handler : messageHandlers) handler.accept(message);
    }

    void closedByFrontEnd(CommMessage message) {
        if (!open) return;
        open = false;
        manager.forget(this);
        for (var handler : closeHandlers) handler.accept(message);
    }

    @Override
    public String toString() {
        return "Comm(" + target + ", " + id + (open ? "" : ", closed") + ")";
    }
}
