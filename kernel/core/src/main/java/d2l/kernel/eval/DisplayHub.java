package d2l.kernel.eval;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.display.Renderers;
import java.util.Set;
import java.util.UUID;

/**
 * Where {@code display(...)} calls from user code land: the JVM-wide route to the session that
 * runs the current cell (user code is in-process, so the static route is the shared one). Output
 * from background threads after a cell ended goes to the most recent cell, as in IPython. A thread
 * that handles a front end's message (the comm thread) has a route of its own ({@link Stdio}), so
 * what a comm handler displays belongs to that message.
 */
public final class DisplayHub {
    private static volatile Renderers renderers = new Renderers();
    private static volatile Stdio stdio;

    private DisplayHub() {}

    static void activate(Stdio capture, Renderers sessionRenderers, OutputSink sink) {
        stdio = capture;
        renderers = sessionRenderers;
        capture.route(sink);
    }

    /**
     * Wraps {@code task} so that, run on any thread, what it prints or displays goes where the
     * calling thread's outputs go now: for a comm handler that hands work to another thread (an
     * Output widget captures by the comm message), or a cell's helper thread after the cell ended.
     */
    public static Runnable inCurrentRoute(Runnable task) {
        var s = stdio;
        if (s == null) return task;
        var sink = s.sink();
        if (sink == null) return task;
        return () -> {
            var before = s.routeThread(sink);
            try {
                task.run();
            } finally {
                s.unrouteThread(before);
            }
        };
    }

    /** The renderers of the active session. */
    public static Renderers renderers() {
        return renderers;
    }

    public static MimeBundle render(Object value, Set<String> mimeTypes) {
        return renderers.render(value, mimeTypes);
    }

    /** Shows a value as a new output and returns its display id. */
    public static String display(Object value, Set<String> mimeTypes) {
        String id = UUID.randomUUID().toString();
        var bundle = render(value, mimeTypes);
        var sink = flushedSink();
        if (sink != null) sink.displayData(bundle, id);
        return id;
    }

    public static void updateDisplay(String displayId, Object value, Set<String> mimeTypes) {
        if (displayId == null)
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned, got null");
        var bundle = render(value, mimeTypes);
        var sink = flushedSink();
        if (sink != null) sink.updateDisplayData(bundle, displayId);
    }

    public static void clearOutput(boolean wait) {
        var sink = flushedSink();
        if (sink != null) sink.clearOutput(wait);
    }

    /**
     * Where outputs made on this thread go now: the running cell's, or the comm message's being
     * handled; null without a session. Kept, with {@link #capture}, to add outputs there later from
     * another thread, as interact's redraws do (front ends route an output by its parent request).
     */
    public static OutputSink currentSink() {
        var s = stdio;
        return s == null ? null : s.sink();
    }

    private static OutputSink flushedSink() {
        var s = stdio;
        if (s == null) return null;
        s.flush();
        return s.sink();
    }

    /**
     * Runs {@code body} with the outputs it makes on this thread ({@code display},
     * {@code System.out} and {@code err}) going to {@code target} instead of the cell or comm
     * message: the Output widget's capture. Without a session the body just runs.
     */
    public static void capture(OutputSink target, Runnable body) {
        var s = stdio;
        if (s == null) {
            body.run();
            return;
        }
        s.flush(); // what the thread printed before goes where it went
        var before = s.routeThread(target);
        try {
            body.run();
        } finally {
            s.unrouteThread(before);
        }
    }
}
