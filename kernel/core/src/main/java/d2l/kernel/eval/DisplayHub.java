package d2l.kernel.eval;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.display.Renderers;
import java.util.Set;
import java.util.UUID;

/**
 * Where {@code display(...)} calls from user code land: the running cell of the session the
 * calling thread works for ({@link SessionContext#current()}: user code is in-process and calls
 * static functions, so the session is found from the thread). Output from a cell's threads after
 * the cell ended goes to its session's most recent cell, as in IPython. A thread that handles a
 * front end's message (the comm thread) has a route of its own ({@link Stdio}), so what a comm
 * handler displays belongs to that message. Without a session, displays go nowhere.
 */
public final class DisplayHub {
    /** The renderers code that runs in no session gets. */
    private static final Renderers NO_SESSION_RENDERERS = new Renderers();

    private DisplayHub() {}

    /**
     * Wraps {@code task} so that, run on any thread, what it prints or displays goes where the
     * calling thread's outputs go now, in the calling thread's session: for a comm handler that
     * hands work to another thread (an Output widget captures by the comm message), or a cell's
     * helper thread after the cell ended.
     */
    public static Runnable inCurrentRoute(Runnable task) {
        var s = Stdio.installed();
        if (s == null) return task;
        var sink = s.sink();
        if (sink == null) return task;
        var session = SessionContext.current();
        Runnable routed = () -> {
            var before = s.routeThread(sink);
            try {
                task.run();
            } finally {
                s.unrouteThread(before);
            }
        };
        return session == null ? routed : () -> session.runAs(routed);
    }

    /** The renderers of the calling thread's session. */
    public static Renderers renderers() {
        var session = SessionContext.current();
        return session == null ? NO_SESSION_RENDERERS : session.renderers();
    }

    public static MimeBundle render(Object value, Set<String> mimeTypes) {
        return renderers().render(value, mimeTypes);
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
        var s = Stdio.installed();
        return s == null ? null : s.sink();
    }

    private static OutputSink flushedSink() {
        var s = Stdio.installed();
        if (s == null) return null;
        s.flush();
        return s.sink();
    }

    /**
     * Runs {@code body} with the outputs it makes on this thread ({@code display},
     * {@code System.out} and {@code err}) going to {@code target} instead of the cell or comm
     * message: the Output widget's capture. Before any session captured the streams the body just
     * runs.
     */
    public static void capture(OutputSink target, Runnable body) {
        var s = Stdio.installed();
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
