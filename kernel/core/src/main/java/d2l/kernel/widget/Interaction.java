package d2l.kernel.widget;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.DisplayHub;
import d2l.kernel.eval.KernelThreads;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A view bound to controls by {@link Interact#interact}. The view is shown twice over, in one
 * output: as an {@link Output} widget, which a widget front end draws and which each redraw
 * updates through its comm (so it keeps following the controls after a page reload, when the
 * front end no longer knows the output's display id), and as the view's own representations
 * (an image, a table), which pages, nbconvert and front ends without widgets show, and which each
 * redraw replaces too ({@code update_display_data}), so a saved notebook shows the last view.
 *
 * <p>A change a reader makes is redrawn on one background thread shared by all interactions, so
 * a slow view never holds up the comm thread; changes that arrive while a redraw runs are
 * coalesced into one more redraw, which reads the controls' latest values. A change made by Java
 * code ({@code slider.value(9)} in a later cell) is redrawn before that call returns, so an
 * executed notebook shows the view that matches its controls.
 */
public final class Interaction {
    /** A kernel thread, not one of the cell's: JShell waits for a cell's threads to end. */
    private static final ExecutorService REDRAWS =
            Executors.newSingleThreadExecutor(KernelThreads.factory("widget-redraw"));

    private final Supplier<?> view;
    private final List<ValueWidget<?, ?>> controls;
    private final Outputs outputs;
    private final Output area = new Output();
    private final String displayId;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicInteger redraws = new AtomicInteger();
    private volatile long lastRedrawNanos = -1;
    /** The cell's class loader, so the view finds the session's classes (and ND4J its backend). */
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();

    Interaction(Supplier<?> view, ValueWidget<?, ?>[] controls, Outputs outputs) {
        this.view = Objects.requireNonNull(view, "interact needs a view to draw");
        this.controls = List.of(controls);
        this.outputs = outputs;
        outputs.display(new HBox(controls));
        var first = draw();
        area.show(first);
        displayId = outputs.display(inArea(first));
        for (var control : this.controls)
            control.observe(change -> {
                if (change.fromFrontEnd()) requestRedraw();
                else redraw(ValueChange.Origin.KERNEL);
            });
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
    public List<ValueWidget<?, ?>> controls() {
        return controls;
    }

    /** The widget that shows the view in a widget front end. */
    Output area() {
        return area;
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
        if (queued.compareAndSet(false, true))
            REDRAWS.execute(() -> {
                queued.set(false);
                redraw(ValueChange.Origin.FRONT_END);
            });
    }

    /**
     * Draws the view again, into the widget and into the output's static representations (which
     * JupyterLab also keeps in the notebook it saves), after a change that {@code origin} made. One
     * redraw at a time, so a later one never lands before an earlier one.
     */
    private synchronized void redraw(ValueChange.Origin origin) {
        long start = System.nanoTime();
        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            var drawn = draw();
            area.show(drawn);
            outputs.update(displayId, inArea(drawn), origin);
        } finally {
            thread.setContextClassLoader(previous);
        }
        lastRedrawNanos = System.nanoTime() - start;
        redraws.incrementAndGet();
    }

    private MimeBundle draw() {
        Object drawn;
        try {
            drawn = view.get();
        } catch (RuntimeException | StackOverflowError e) {
            drawn = "The view failed for " + controls + ": " + e;
        }
        return DisplayHub.render(drawn, Set.of());
    }

    /** The view's representations, led by the widget that shows it where widgets run. */
    private MimeBundle inArea(MimeBundle drawn) {
        var data = new LinkedHashMap<String, String>();
        data.put(Widget.VIEW_MIME, area.viewJson());
        data.putAll(drawn.data());
        return new MimeBundle(data, drawn.metadata());
    }

    @Override
    public String toString() {
        return "Interaction(" + controls + ", " + redraws() + " redraws)";
    }
}
