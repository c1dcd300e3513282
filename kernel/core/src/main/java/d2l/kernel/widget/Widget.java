package d2l.kernel.widget;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import d2l.kernel.comm.Comm;
import d2l.kernel.comm.CommMessage;
import d2l.kernel.comm.Comms;
import d2l.kernel.eval.Stdio;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Jupyter widget model kept in the kernel: its state (the schema's attributes), the
 * {@code jupyter.widget} comm that mirrors it in the front end, and the messages of ipywidgets'
 * protocol 2.1 on that comm. The comm opens when the widget is first needed (displayed, put in a
 * box, asked for its id), so a widget configured with setters opens with its final state, and its
 * layout and style models open before it, as the {@code IPY_MODEL_} references require.
 *
 * <p>Shown with {@code display(w)} or as a cell's value, a widget gives the widget view for
 * front ends with the widget manager, and text and static HTML of the control at its current
 * value for the others (the runner's HTML pages, nbconvert, the classic Notebook).
 */
public abstract class Widget {
    static final String TARGET = "jupyter.widget";
    static final String PROTOCOL_VERSION = "2.1.0";
    static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";

    private final ModelSchema schema;
    private final JsonObject state;
    /** Layout and style: models this widget made and references, opened before it. */
    private final Map<String, Widget> parts = new LinkedHashMap<>();

    private Comm comm;
    private WidgetSession session;

    Widget(String modelName) {
        schema = ModelSchema.of(modelName);
        state = schema.defaultState();
        schema.attributes().values().stream()
                .filter(a -> a.type().equals("reference"))
                .forEach(a -> parts.put(a.name(), new SupportModel(a.widget() + "Model")));
    }

    /** The id of this widget's comm, which the front end knows its model by; opens the comm if needed. */
    public final String modelId() {
        return open().id();
    }

    /** Closes the widget's comm (and those of its layout and style); the front end drops its model. */
    public void close() {
        Comm closing;
        synchronized (this) {
            closing = comm;
        }
        if (closing != null) closing.close();
        parts.values().forEach(Widget::close);
    }

    /** Whether the comm is open: opened and not closed since. */
    public synchronized boolean isOpen() {
        return comm != null && comm.isOpen();
    }

    /**
     * What Jupyter shows for this widget: found by the kernel's renderers like any
     * {@code mimeBundle()} method. Opens the comm, as a view needs its model.
     */
    public Map<String, String> mimeBundle() {
        var bundle = new LinkedHashMap<String, String>();
        bundle.put(VIEW_MIME, viewJson());
        bundle.put("text/plain", toString());
        bundle.put("text/html", html());
        return bundle;
    }

    /** The {@value #VIEW_MIME} value that shows this widget: its model id and the protocol version. */
    final String viewJson() {
        var view = new JsonObject();
        view.addProperty("model_id", modelId());
        view.addProperty("version_major", 2);
        view.addProperty("version_minor", 1);
        return view.toString();
    }

    /** The control drawn at its current value, without a front end: disabled HTML inputs. */
    abstract String html();

    /** Short text for {@code text/plain}, e.g. {@code IntSlider(k = 4, 1…64)}. */
    @Override
    public abstract String toString();

    /** A copy of the full state, as the comm_open sent it plus every change since. */
    synchronized JsonObject state() {
        return state.deepCopy();
    }

    synchronized JsonElement get(String key) {
        return state.get(key);
    }

    /** The {@code description} attribute: the label beside a control ("" if the model has none). */
    String description() {
        var description = get("description");
        return description == null || description.isJsonNull() ? "" : description.getAsString();
    }

    /** Fills the references to other models in {@code state}; boxes add their children. */
    void resolveReferences(JsonObject state) {
        parts.forEach((name, part) -> state.addProperty(name, reference(part)));
    }

    static String reference(Widget widget) {
        return "IPY_MODEL_" + widget.modelId();
    }

    /** Opens the comm on the current session's manager, once. */
    final synchronized Comm open() {
        if (comm == null) {
            resolveReferences(state);
            var manager = Comms.current();
            var data = new JsonObject();
            data.add("state", state.deepCopy());
            data.add("buffer_paths", new JsonArray());
            var metadata = new JsonObject();
            metadata.addProperty("version", PROTOCOL_VERSION);
            session = WidgetSession.of(manager);
            comm = manager.open(TARGET, new CommMessage(data, metadata, null));
            comm.onMessage(this::received);
            comm.onClose(m -> session.forget(this));
            session.add(this);
        }
        return comm;
    }

    /**
     * A change made in Java: checked like one from the front end (a bad value throws, naming the
     * problem), applied, and sent as an {@code update} if the comm is open. Returns the values the
     * changed attributes had before (empty if none changed).
     */
    final JsonObject set(JsonObject changes) {
        JsonObject before;
        Comm target;
        synchronized (this) {
            var candidate = state.deepCopy();
            changes.entrySet().forEach(e -> candidate.add(e.getKey(), e.getValue()));
            for (var e : changes.entrySet()) {
                String problem = problem(e.getKey(), e.getValue(), candidate);
                if (problem != null) throw new IllegalArgumentException(this + ": " + problem);
            }
            before = apply(changes);
            target = comm;
        }
        if (target != null && target.isOpen() && !before.isEmpty()) target.send(update("update", changes));
        return before;
    }

    /**
     * Called after changes were applied, with the values the changed attributes had before them
     * (its keys are the attributes that changed) and the side that made them.
     */
    void changed(JsonObject before, ValueChange.Origin origin) {}

    /** Called with the content of a {@code custom} message from the front end. */
    void custom(JsonObject content) {
        log("ignored a custom message it has no use for: " + content);
    }

    /**
     * Why {@code value} cannot be attribute {@code key}'s value, given the state it would be part
     * of ({@code candidate}), or null if it can. Subclasses add their ranges; the schema's types
     * and the fixed model names are checked here.
     */
    String problem(String key, JsonElement value, JsonObject candidate) {
        var attribute = schema.attributes().get(key);
        if (attribute == null) return "no attribute '" + key + "' in " + schema.modelName();
        if (key.startsWith("_model_") || key.startsWith("_view_")) return key + " is fixed";
        return attribute.problem(value);
    }

    private void received(CommMessage message) {
        var data = message.data();
        String method = data.has("method") && data.get("method").isJsonPrimitive()
                ? data.get("method").getAsString()
                : "";
        switch (method) {
            case "update" -> receivedUpdate(data);
            case "request_state" -> send(update("update", state()));
            case "custom" -> {
                if (data.has("content") && data.get("content").isJsonObject()) custom(data.getAsJsonObject("content"));
                else log("ignored a custom message without a content object: " + data);
            }
            default -> log("ignored a message with unknown method '" + method + "': " + data);
        }
    }

    /**
     * An {@code update} from the front end: each attribute that fits is applied and echoed back
     * ({@code echo_update}, protocol 2.1, so every front end learns the order of changes), then
     * observers run. An attribute that does not fit is logged and not applied, and the front end is
     * told the kernel's value, so it does not show a value the kernel refused.
     */
    private void receivedUpdate(JsonObject data) {
        if (!data.has("state") || !data.get("state").isJsonObject()) {
            log("ignored an update without a state object: " + data);
            return;
        }
        var incoming = data.getAsJsonObject("state");
        if (data.has("buffer_paths")
                && data.get("buffer_paths").isJsonArray()
                && !data.getAsJsonArray("buffer_paths").isEmpty())
            log("ignored binary buffers at " + data.get("buffer_paths") + ": none of its attributes is binary");
        var accepted = new JsonObject();
        var refused = new JsonObject();
        JsonObject before;
        synchronized (this) {
            var candidate = state.deepCopy();
            incoming.entrySet().forEach(e -> candidate.add(e.getKey(), e.getValue()));
            for (var e : incoming.entrySet()) {
                String problem = problem(e.getKey(), e.getValue(), candidate);
                if (problem == null) {
                    accepted.add(e.getKey(), e.getValue());
                } else {
                    log("ignored an update: " + problem);
                    if (state.has(e.getKey())) refused.add(e.getKey(), state.get(e.getKey()));
                }
            }
            before = apply(accepted);
        }
        if (!accepted.isEmpty()) send(update("echo_update", accepted));
        if (!refused.isEmpty()) send(update("update", refused));
        if (!before.isEmpty()) changed(before, ValueChange.Origin.FRONT_END);
    }

    /** Applies {@code changes} to the state; returns the values the changed attributes had before. */
    private JsonObject apply(JsonObject changes) {
        var before = new JsonObject();
        for (var e : changes.entrySet()) {
            var old = state.get(e.getKey());
            if (!e.getValue().equals(old)) before.add(e.getKey(), old == null ? JsonNull.INSTANCE : old);
            state.add(e.getKey(), e.getValue().deepCopy());
        }
        return before;
    }

    private static CommMessage update(String method, JsonObject state) {
        var data = new JsonObject();
        data.addProperty("method", method);
        data.add("state", state);
        data.add("buffer_paths", new JsonArray());
        return CommMessage.of(data);
    }

    private void send(CommMessage message) {
        Comm target;
        synchronized (this) {
            target = comm;
        }
        if (target != null && target.isOpen()) target.send(message);
    }

    void log(String problem) {
        Stdio.log().println("Widget " + this + " " + problem);
    }
}
