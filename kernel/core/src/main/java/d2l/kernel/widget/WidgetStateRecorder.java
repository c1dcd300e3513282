package d2l.kernel.widget;

import com.google.gson.JsonObject;
import d2l.kernel.comm.Comm;
import d2l.kernel.comm.CommMessage;
import d2l.kernel.comm.CommTransport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The comm transport of a session without a front end (the headless runner): it keeps each open
 * widget's latest state from the messages the widgets send, so the executed notebook can store
 * them as nbformat's widget state and JupyterLab shows the widgets of a saved notebook as they
 * were left. The same record nbclient's {@code store_widget_state} makes from IOPub; a closed
 * widget is dropped, as no view can show it again.
 */
public final class WidgetStateRecorder implements CommTransport {
    /** The notebook metadata key of the widget state (under {@code metadata.widgets}). */
    public static final String MIME = "application/vnd.jupyter.widget-state+json";

    private final Map<String, JsonObject> states = new LinkedHashMap<>();

    @Override
    public synchronized void open(Comm comm, CommMessage message) {
        if (comm.target().equals(Widget.TARGET)) merge(comm.id(), message.data());
    }

    @Override
    public synchronized void send(Comm comm, CommMessage message) {
        if (comm.target().equals(Widget.TARGET)) merge(comm.id(), message.data());
    }

    @Override
    public synchronized void close(Comm comm, CommMessage message) {
        states.remove(comm.id());
    }

    /** Every message that carries state (open, update, echo_update) adds to the model's. */
    private void merge(String modelId, JsonObject data) {
        if (!data.has("state") || !data.get("state").isJsonObject()) return;
        var state = states.computeIfAbsent(modelId, id -> new JsonObject());
        data.getAsJsonObject("state")
                .entrySet()
                .forEach(e -> state.add(e.getKey(), e.getValue().deepCopy()));
    }

    /**
     * One model as both the saved widget state and {@code update_states} list it: its model name,
     * module and version beside its state.
     */
    static JsonObject model(JsonObject state) {
        var model = new JsonObject();
        model.add("model_name", state.get("_model_name"));
        model.add("model_module", state.get("_model_module"));
        model.add("model_module_version", state.get("_model_module_version"));
        model.add("state", state.deepCopy());
        return model;
    }

    /**
     * The widget-state document for {@code metadata.widgets[MIME]} (nbformat's widget state
     * schema, version 2.0), or null when the session opened no widget.
     */
    public synchronized JsonObject document() {
        var models = new JsonObject();
        states.forEach((id, state) -> {
            if (state.has("_model_name")) models.add(id, model(state));
        });
        if (models.isEmpty()) return null;
        var document = new JsonObject();
        document.addProperty("version_major", 2);
        document.addProperty("version_minor", 0);
        document.add("state", models);
        return document;
    }
}
