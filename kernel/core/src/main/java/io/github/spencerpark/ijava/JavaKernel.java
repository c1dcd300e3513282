package io.github.spencerpark.ijava;

import d2l.kernel.eval.ActiveCell;
import d2l.kernel.eval.DisplayHub;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The part of IJava's kernel object that notebooks use: {@link #getMagics()},
 * {@link #getRenderer()}, {@link #addToClasspath}, {@link #eval}/{@link #evalRaw} and
 * {@link #display}. Everything acts on the session running the calling cell.
 */
public class JavaKernel {
    private final Magics magics = new Magics();
    private final Renderer renderer = new Renderer();

    JavaKernel() {}

    public Magics getMagics() {
        return magics;
    }

    public Renderer getRenderer() {
        return renderer;
    }

    /** Adds a jar or class directory (or several, separated by the path separator) to the session. */
    public void addToClasspath(String path) {
        ActiveCell.addToClasspath(List.of(path.split(java.io.File.pathSeparator)));
    }

    /** Runs code (magics included) and returns its last expression's value, or null. */
    public Object evalRaw(String code) {
        return ActiveCell.eval(code);
    }

    /** Runs code and returns its value rendered, or null if it has none. */
    public DisplayData eval(String code) {
        Object value = evalRaw(code);
        if (value == null) return null;
        return value instanceof DisplayData data ? data : renderer.render(value);
    }

    /** Shows rendered data as a new output; gives it a display id if it has none. */
    public void display(DisplayData data) {
        if (!data.hasDisplayId()) data.setDisplayId(UUID.randomUUID().toString());
        DisplayHub.display(data, Set.of());
    }
}
