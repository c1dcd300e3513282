package d2l.kernel.widget;

import static d2l.kernel.eval.NotebookOutputs.multiline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.CellError;
import d2l.kernel.eval.DisplayHub;
import d2l.kernel.eval.NotebookOutputs;
import d2l.kernel.eval.OutputSink;

/**
 * An area for outputs inside a widget layout: what code run by {@link #capture} prints or
 * displays shows here instead of under the cell. The outputs are the widget's state (nbformat
 * output dicts), sent as they come, so a saved notebook keeps them too.
 */
public final class Output extends Widget {
    public Output() {
        super("OutputModel");
    }

    /**
     * Runs {@code body} with its outputs ({@code System.out}, {@code display}, errors it prints)
     * going to this widget, after those already there.
     */
    public Output capture(Runnable body) {
        DisplayHub.capture(new Sink(), body);
        return this;
    }

    /** Removes every output. */
    public Output clear() {
        setOutputs(new JsonArray());
        return this;
    }

    /** Shows {@code bundle} as the one output, replacing those there, in one update. */
    Output show(MimeBundle bundle) {
        var collected = new NotebookOutputs();
        collected.startCell().displayData(bundle, null);
        setOutputs(collected.outputsJson(0));
        return this;
    }

    /** The outputs shown, as nbformat output dicts. */
    public JsonArray outputs() {
        return get("outputs").getAsJsonArray().deepCopy();
    }

    private void setOutputs(JsonArray outputs) {
        var change = new JsonObject();
        change.add("outputs", outputs);
        set(change);
    }

    /** Collects outputs as nbformat does and publishes the whole list after each one. */
    private final class Sink implements OutputSink {
        private final JsonArray before = outputs();
        private final NotebookOutputs collected = new NotebookOutputs();
        private final OutputSink cell = collected.startCell();

        private synchronized void publish() {
            var all = before.deepCopy();
            all.addAll(collected.outputsJson(0).deepCopy());
            setOutputs(all);
        }

        @Override
        public void stream(String name, String text) {
            cell.stream(name, text);
            publish();
        }

        @Override
        public void displayData(MimeBundle bundle, String displayId) {
            cell.displayData(bundle, displayId);
            publish();
        }

        @Override
        public void updateDisplayData(MimeBundle bundle, String displayId) {
            cell.updateDisplayData(bundle, displayId);
            publish();
        }

        @Override
        public void executeResult(int executionCount, MimeBundle bundle) {
            cell.displayData(bundle, null);
            publish();
        }

        @Override
        public void error(CellError error) {
            cell.error(error);
            publish();
        }

        @Override
        public void clearOutput(boolean wait) {
            while (!before.isEmpty()) before.remove(0);
            cell.clearOutput(wait);
            publish();
        }
    }

    @Override
    String html() {
        var html = new StringBuilder("<div class=\"d2l-widget-output\">");
        for (var element : get("outputs").getAsJsonArray()) {
            var output = element.getAsJsonObject();
            if (output.has("text")) {
                html.append("<pre>")
                        .append(Html.escape(multiline(output.get("text"))))
                        .append("</pre>");
            } else if (output.has("data")) {
                var data = output.getAsJsonObject("data");
                if (data.has("text/html")) html.append(multiline(data.get("text/html")));
                else if (data.has("image/png"))
                    html.append("<img src=\"data:image/png;base64,")
                            .append(multiline(data.get("image/png")))
                            .append("\">");
                else if (data.has("text/plain"))
                    html.append("<pre>")
                            .append(Html.escape(multiline(data.get("text/plain"))))
                            .append("</pre>");
            } else if (output.has("ename")) {
                html.append("<pre>")
                        .append(Html.escape(output.get("ename").getAsString() + ": "
                                + output.get("evalue").getAsString()))
                        .append("</pre>");
            }
        }
        return html.append("</div>").toString();
    }

    @Override
    public String toString() {
        return "Output(" + get("outputs").getAsJsonArray().size() + " outputs)";
    }
}
