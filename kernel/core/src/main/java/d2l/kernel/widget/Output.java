package d2l.kernel.widget;

import static d2l.kernel.eval.NotebookOutputs.multiline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.CellError;
import d2l.kernel.eval.DisplayHub;
import d2l.kernel.eval.KernelThreads;
import d2l.kernel.eval.NotebookOutputs;
import d2l.kernel.eval.OutputSink;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An area for outputs inside a widget layout: what code run by {@link #capture} prints or
 * displays shows here instead of under the cell. The outputs are the widget's state (nbformat
 * output dicts), sent while they come and in full when the capture ends, so a saved notebook
 * keeps them too.
 */
public final class Output extends Widget {
    public Output() {
        super("OutputModel");
    }

    /**
     * Runs {@code body} with its outputs ({@code System.out}, {@code display}, errors it prints)
     * going to this widget, after those already there. The front end sees them while the body
     * runs, a few times a second, and all of them when it returns.
     */
    public Output capture(Runnable body) {
        var sink = new Sink(PUBLISH_INTERVAL);
        try {
            DisplayHub.capture(sink, body);
        } finally {
            sink.flush();
        }
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

    /** How long outputs a capture receives may wait before the front end is sent the list. */
    static final Duration PUBLISH_INTERVAL = Duration.ofMillis(100);

    /** Sends the lists of outputs that captures leave waiting: a kernel thread, not the cell's. */
    private static final ScheduledExecutorService PUBLISHER =
            Executors.newSingleThreadScheduledExecutor(KernelThreads.factory("widget-output"));

    /**
     * Collects a capture's outputs as nbformat does (text of one stream joins the output before
     * it) after those there before. The state holds the whole list, so each update carries it all:
     * sent after every output, a loop printing n lines would cost n updates of growing size. So an
     * output only marks the list changed and, if no send is due, asks for one an interval later;
     * {@link #flush} sends it at once (the capture's end), so the final state is always exact.
     */
    final class Sink implements OutputSink {
        private final long intervalNanos;
        private final JsonArray before = outputs();
        private final NotebookOutputs collected = new NotebookOutputs();
        private final OutputSink cell = collected.startCell();
        /** Outputs arrived since the last send. */
        private boolean changed;
        /** A send is scheduled. */
        private boolean due;

        /** Held while a list is sent, so sends go out in order; outputs may arrive meanwhile. */
        private final Object sending = new Object();

        Sink(Duration interval) {
            intervalNanos = interval.toNanos();
        }

        /** Sends the list now if outputs arrived since the last send. */
        void flush() {
            synchronized (sending) {
                JsonArray all;
                synchronized (this) {
                    if (!changed) return;
                    changed = false;
                    all = before.deepCopy();
                    all.addAll(collected.outputsJson(0).deepCopy());
                }
                setOutputs(all);
            }
        }

        private synchronized void changed() {
            changed = true;
            if (due) return;
            due = true;
            PUBLISHER.schedule(
                    () -> {
                        synchronized (this) {
                            due = false;
                        }
                        flush();
                    },
                    intervalNanos,
                    TimeUnit.NANOSECONDS);
        }

        @Override
        public synchronized void stream(String name, String text) {
            cell.stream(name, text);
            changed();
        }

        @Override
        public synchronized void displayData(MimeBundle bundle, String displayId) {
            cell.displayData(bundle, displayId);
            changed();
        }

        @Override
        public synchronized void updateDisplayData(MimeBundle bundle, String displayId) {
            cell.updateDisplayData(bundle, displayId);
            changed();
        }

        @Override
        public synchronized void executeResult(int executionCount, MimeBundle bundle) {
            cell.displayData(bundle, null);
            changed();
        }

        @Override
        public synchronized void error(CellError error) {
            cell.error(error);
            changed();
        }

        @Override
        public synchronized void clearOutput(boolean wait) {
            while (!before.isEmpty()) before.remove(0);
            cell.clearOutput(wait);
            changed();
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
