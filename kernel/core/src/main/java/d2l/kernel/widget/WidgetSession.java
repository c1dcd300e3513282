package d2l.kernel.widget;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import d2l.kernel.comm.Comm;
import d2l.kernel.comm.CommManager;
import d2l.kernel.comm.CommMessage;
import d2l.kernel.eval.Stdio;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The open widgets of one session (one {@link CommManager}), and the session's
 * {@code jupyter.widget.control} target: a front end that reloads its page asks it for every
 * widget's state in one {@code request_states} message and rebuilds the widgets from the
 * {@code update_states} reply. Made when the session's first widget opens.
 */
final class WidgetSession {
    static final String CONTROL_TARGET = "jupyter.widget.control";
    private static final Map<CommManager, WidgetSession> SESSIONS = Collections.synchronizedMap(new WeakHashMap<>());

    /** Open widgets by model id, in the order they opened (a model after those it references). */
    private final Map<String, Widget> open = Collections.synchronizedMap(new LinkedHashMap<>());

    private WidgetSession(CommManager manager) {
        manager.registerTarget(CONTROL_TARGET, (comm, message) -> comm.onMessage(m -> control(comm, m)));
        manager.registerTarget(Widget.TARGET, (comm, message) -> {
            Stdio.log()
                    .println("Closed comm " + comm.id() + ": the front end opened a widget model, "
                            + "but this kernel makes widgets only from Java: " + message.data());
            comm.close();
        });
    }

    static WidgetSession of(CommManager manager) {
        return SESSIONS.computeIfAbsent(manager, WidgetSession::new);
    }

    void add(Widget widget) {
        open.put(widget.modelId(), widget);
    }

    void forget(Widget widget) {
        open.values().remove(widget);
    }

    List<Widget> widgets() {
        synchronized (open) {
            return new ArrayList<>(open.values());
        }
    }

    /** Every open widget's full state by model id, as {@code update_states} carries them. */
    JsonObject states() {
        var states = new JsonObject();
        for (var widget : widgets()) states.add(widget.modelId(), WidgetStateRecorder.model(widget.state()));
        return states;
    }

    private void control(Comm comm, CommMessage message) {
        var method = message.data().get("method");
        if (method == null || !method.isJsonPrimitive() || !method.getAsString().equals("request_states")) {
            Stdio.log()
                    .println("Ignored a " + CONTROL_TARGET + " message other than request_states: " + message.data());
            return;
        }
        var data = new JsonObject();
        data.addProperty("method", "update_states");
        data.add("states", states());
        data.add("buffer_paths", new JsonArray());
        comm.send(CommMessage.of(data));
    }
}
