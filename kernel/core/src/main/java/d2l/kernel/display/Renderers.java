package d2l.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Picks the renderer for a value. Optional renderers (XChart, Tablesaw, ND4J) are created only
 * when their library is loadable by the kernel, and only on first use, so start-up loads none of
 * them and the general kernel works without those libraries.
 */
public final class Renderers {
    private static final Renderer STRINGS = new StringRenderer();
    private final List<Renderer> custom = new CopyOnWriteArrayList<>();
    private volatile List<Renderer> builtIn;

    /** Adds a renderer that is tried before the built-in ones. */
    public void register(Renderer renderer) {
        custom.add(0, renderer);
    }

    /** Whether renderers were registered (by cells, perhaps: code of their own runs on every value). */
    public boolean hasCustom() {
        return !custom.isEmpty();
    }

    /** Renders any value; the result always has {@code text/plain}. */
    public MimeBundle render(Object value, Set<String> requested) {
        if (value instanceof MimeBundle bundle)
            return withText(
                    bundle.select(requested),
                    "[" + String.join(", ", bundle.data().keySet()) + "]");
        if (value instanceof io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable r)
            return IJavaRenderable.render(r, requested);
        var self = SelfRendering.render(value);
        if (self != null) return self.select(requested);
        for (var r : custom) if (r.supports(value)) return withText(r.render(value, requested), value);
        if (value instanceof CharSequence && !requested.isEmpty()) return STRINGS.render(value, requested);
        for (var r : builtIn()) if (r.supports(value)) return withText(r.render(value, requested), value);
        return MimeBundle.text(TextRenderer.plain(value));
    }

    private static MimeBundle withText(MimeBundle bundle, Object value) {
        if (bundle.data().containsKey(MimeBundle.TEXT)) return bundle;
        var data = new java.util.LinkedHashMap<>(bundle.data());
        data.put(MimeBundle.TEXT, TextRenderer.plain(value));
        return new MimeBundle(data, bundle.metadata());
    }

    private List<Renderer> builtIn() {
        var list = builtIn;
        if (list == null) {
            list = new ArrayList<>();
            addIfPresent(list, "org.knowm.xchart.internal.chartpart.Chart", () -> new XChartRenderer());
            addIfPresent(list, "tech.tablesaw.table.Relation", () -> new TablesawRenderer());
            addIfPresent(list, "org.nd4j.linalg.api.ndarray.INDArray", () -> new Nd4jRenderer());
            list.add(new ImageRenderer());
            builtIn = list = List.copyOf(list);
        }
        return list;
    }

    private static void addIfPresent(List<Renderer> list, String className, Supplier<Renderer> factory) {
        ClassLoader own = Renderers.class.getClassLoader();
        if (own.getResource(className.replace('.', '/') + ".class") == null) return;
        try {
            list.add(factory.get());
        } catch (LinkageError e) {
            // The library is only partly there; plain text is the honest fallback.
        }
    }

    /** Default types a renderer chooses when nothing is requested. */
    static boolean wants(Set<String> requested, String mime) {
        return requested.isEmpty() || requested.contains(mime);
    }
}
