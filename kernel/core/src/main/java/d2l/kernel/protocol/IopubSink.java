package d2l.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.CellError;
import d2l.kernel.eval.OutputSink;

/** Publishes a cell's outputs on IOPub, each tied to the execute_request that caused it. */
final class IopubSink implements OutputSink {
    private final RequestContext context;
    private final Message parent;

    IopubSink(RequestContext context, Message parent) {
        this.context = context;
        this.parent = parent;
    }

    @Override
    public void stream(String name, String text) {
        var content = new JsonObject();
        content.addProperty("name", name);
        content.addProperty("text", text);
        context.publish("stream", parent, content);
    }

    @Override
    public void displayData(MimeBundle bundle, String displayId) {
        context.publish("display_data", parent, bundle(bundle, displayId));
    }

    @Override
    public void updateDisplayData(MimeBundle bundle, String displayId) {
        context.publish("update_display_data", parent, bundle(bundle, displayId));
    }

    @Override
    public void executeResult(int executionCount, MimeBundle bundle) {
        var content = bundle(bundle, null);
        content.addProperty("execution_count", executionCount);
        context.publish("execute_result", parent, content);
    }

    @Override
    public void error(CellError error) {
        context.publish("error", parent, errorContent(error));
    }

    @Override
    public void clearOutput(boolean wait) {
        var content = new JsonObject();
        content.addProperty("wait", wait);
        context.publish("clear_output", parent, content);
    }

    static JsonObject errorContent(CellError error) {
        var content = new JsonObject();
        content.addProperty("ename", error.ename());
        content.addProperty("evalue", error.evalue());
        var traceback = new JsonArray();
        error.traceback().forEach(traceback::add);
        content.add("traceback", traceback);
        return content;
    }

    private static JsonObject bundle(MimeBundle bundle, String displayId) {
        var data = new JsonObject();
        bundle.data().forEach((mime, value) -> data.add(mime, MimeBundle.wireValue(mime, value)));
        var metadata = KernelServer.GSON.toJsonTree(bundle.metadata()).getAsJsonObject();
        var content = new JsonObject();
        content.add("data", data);
        content.add("metadata", metadata);
        var transientPart = new JsonObject();
        if (displayId != null) transientPart.addProperty("display_id", displayId);
        content.add("transient", transientPart);
        return content;
    }
}
