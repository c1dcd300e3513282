package d2l.kernel.widget;

import d2l.kernel.eval.KernelThreads;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A view bound to controls by {@link Interact#interact}. Redraws run on one background thread
 * shared by all interactions, so a slow view never holds up the comm thread that delivers the
 * reader's changes; changes that arrive while a redraw runs are coalesced into one more redraw,
 * which reads the controls' latest values: intermediate values of a fast drag are never drawn.
 * Each redraw replaces the view's output as an output of the cell that called {@code interact}.
 */
public final class Interaction {
    /** A kernel thread, not one of the cell's: JShell waits for a cell's threads to end. */
    private static final ExecutorService REDRAWS =
            Executors.newSingleThreadExecutor(KernelThreads.factory("widget-redraw"));

    private final Supplier<?> view;
    private final List<ValueWidget<?>> controls;
    private final Outputs outputs;
    private final String displayId;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicInteger redraws = new AtomicInteger();
    private volatile long lastRedrawNanos = -1;
    /** The cell's class loader, so the view finds the session's classes (and ND4J its backend). */
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();

    Interaction(Supplier<?> view, ValueWidget<?>[] controls, Outputs outputs) {
        this.view = Objects.requireNonNull(view, "interact needs a view to draw");
        this.controls = List.of(controls);
        this.outputs = outputs;
        outputs.display(new HBox(controls));
        displayId = outputs.display(view.get());
        for (var control : this.controls) control.onChange(value -> requestRedraw());
    }

    /** How many times a change redrew the view (the first drawing is not counted). */
    public int redraws() {
        return redraws.get();
    }

    /** How long the last redraw took, computing the view and showing it; -1 before the first. */
    public double lastRedrawMillis() {
        long nanos = lastRedrawNanos;
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    /** The display id of the view's output. */
    public String displayId() {
        return displayId;
    }

    /** The controls, in the order given. */
    public List<ValueWidget<?>> controls() {
        return controls;
    }

    /**
     * Waits until the redraws asked for so far are done, at most {@code timeout}; returns whether
     * they are. For tests and for cells that read the view's last value.
     */
    public boolean awaitRedraws(Duration timeout) throws InterruptedException {
        try {
            REDRAWS.submit(() -> {}).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return !queued.get();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** At most one redraw waits in the queue; it reads the controls when it runs, so the latest value wins. */
    private void requestRedraw() {
        if (queued.compareAndSet(false, true)) REDRAWS.execute(this::redraw);
    }

    private void redraw() {
        queued.set(false);
        long start = System.nanoTime();
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object drawn;
            try {
                drawn = view.get();
            } catch (RuntimeException | StackOverflowError e) {
                drawn = "The view failed for " + controls + ": " + e;
            }
            outputs.update(displayId, drawn);
        } finally {
            thread.setContextClassLoader(previous);
        }
        lastRedrawNanos = System.nanoTime() - start;
        redraws.incrementAndGet();
    }

    @Override
    public String toString() {
        return "Interaction(" + controls + ", " + redraws() + " redraws)";
    }
}
