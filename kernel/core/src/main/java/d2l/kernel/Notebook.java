package d2l.kernel;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.ActiveCell;
import d2l.kernel.eval.DisplayHub;
import d2l.kernel.widget.Interact;
import d2l.kernel.widget.Interaction;
import d2l.kernel.widget.ValueWidget;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The functions a notebook cell can call; every session imports them statically, so cells write
 * {@code display(chart)}. Names and behaviour follow IJava.
 */
public final class Notebook {
    private Notebook() {}

    /** Shows a value as a new output now and returns its display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return DisplayHub.display(value, Set.of());
    }

    /** Shows a value in the given MIME types only (plus {@code text/plain}), e.g. "image/svg+xml". */
    public static String display(Object value, String... mimeTypes) {
        return DisplayHub.display(value, Set.of(mimeTypes));
    }

    /** The rich form of a value without showing it; as a cell's last expression it is shown. */
    public static MimeBundle render(Object value) {
        return DisplayHub.render(value, Set.of());
    }

    public static MimeBundle render(Object value, String... mimeTypes) {
        return DisplayHub.render(value, Set.of(mimeTypes));
    }

    /** Replaces the output shown under {@code displayId} (from {@link #display}) in place. */
    public static void updateDisplay(String displayId, Object value) {
        DisplayHub.updateDisplay(displayId, value, Set.of());
    }

    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        DisplayHub.updateDisplay(displayId, value, Set.of(mimeTypes));
    }

    /**
     * Shows {@code controls} in a row and {@code view.get()} under them, redrawn in place whenever
     * a control changes (see {@link Interact#interact}): {@code interact(() -> chart(k.value()), k);}
     */
    public static Interaction interact(Supplier<?> view, ValueWidget<?, ?>... controls) {
        return Interact.interact(view, controls);
    }

    /** HTML to show as is, e.g. as a cell's value: {@code html("<b>done</b>")}. */
    public static MimeBundle html(String html) {
        return MimeBundle.of(MimeBundle.HTML, html, html);
    }

    /** Markdown for the front end to render. */
    public static MimeBundle markdown(String markdown) {
        return MimeBundle.of(MimeBundle.MARKDOWN, markdown, markdown);
    }

    /** An SVG image given as its XML text. */
    public static MimeBundle svg(String svg) {
        return MimeBundle.of(MimeBundle.SVG, svg, "SVG image");
    }

    /** Clears this cell's output; with {@code wait}, when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        DisplayHub.clearOutput(wait);
    }

    public static void clearOutput() {
        clearOutput(false);
    }

    /**
     * Runs a line magic and returns its value, as IJava's {@code lineMagic}: {@code %jars a.jar} is
     * {@code lineMagic("jars", List.of("a.jar"))}, whose value is the list of added paths.
     */
    @SuppressWarnings("unchecked")
    public static <T> T lineMagic(String name, java.util.List<String> args) {
        return (T) ActiveCell.lineMagic(name, args);
    }

    /** Runs a cell magic on {@code body} and returns its value, as IJava's {@code cellMagic}. */
    @SuppressWarnings("unchecked")
    public static <T> T cellMagic(String name, java.util.List<String> args, String body) {
        return (T) ActiveCell.cellMagic(name, args, body);
    }

    /**
     * Runs code in this session as part of the current cell and returns the value of its last
     * expression (null if it has none), as IJava's {@code eval}: {@code eval("1 + 1")} is 2.
     */
    public static Object eval(String code) {
        return ActiveCell.eval(code);
    }

    /** The running kernel, through IJava's API: magics, renderers, the class path. */
    public static io.github.spencerpark.ijava.JavaKernel getKernelInstance() {
        return io.github.spencerpark.ijava.IJava.getKernelInstance();
    }

    /** {@code System.out.printf}, which IJava's start-up script declares as {@code printf}. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }
}
