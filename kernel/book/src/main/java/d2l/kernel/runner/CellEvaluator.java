package d2l.kernel.runner;

import d2l.kernel.client.KernelSpec;
import d2l.kernel.eval.ExecuteResult;
import d2l.kernel.eval.OutputSink;
import java.util.function.Consumer;

/**
 * One kernel session as the runner sees it. In production this is the kernel's own
 * {@link d2l.kernel.eval.Session} (see {@link KernelSessions}); tests substitute a scripted one.
 * A fresh session per notebook, like a fresh kernel.
 */
public interface CellEvaluator extends AutoCloseable {
    /** Runs one cell, reporting its outputs to {@code sink} as they happen. */
    ExecuteResult execute(String code, OutputSink sink);

    /**
     * The state of the widgets the session's cells made and left open, as nbformat's widget
     * state ({@code {"version_major": 2, "version_minor": 0, "state": {...}}}), or null if none.
     */
    default com.google.gson.JsonObject widgetState() {
        return null;
    }

    @Override
    void close();

    /** Opens a session configured the way {@code kernel} would configure its kernel. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param charts told how far each live training chart the session shows has got, for the
         *               runner's progress line; the notebook's outputs stay as the kernel makes them
         */
        CellEvaluator open(KernelSpec kernel, Consumer<ChartPosition> charts);
    }
}
