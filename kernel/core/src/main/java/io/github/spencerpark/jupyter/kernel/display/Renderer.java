package io.github.spencerpark.jupyter.kernel.display;

import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.DisplayHub;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IJava's renderer API on the d2l kernel's renderers: {@code createRegistration(Type.class)
 * .preferring(MIMEType.TEXT_HTML).register((value, ctx) -> ...)} adds a renderer that the session
 * tries before its built-in ones, for {@code display}, {@code render} and cell values. Written anew
 * after jupyter-jvm-basekernel's public signatures.
 */
public class Renderer {
    /** Collects the types and MIME types of one renderer before {@link #register}. */
    public class RenderRegistration<T> {
        private final Set<MIMEType> supported = new LinkedHashSet<>();
        private final Set<MIMEType> preferred = new LinkedHashSet<>();
        private final Set<Class<? extends T>> types = new LinkedHashSet<>();

        public RenderRegistration(Class<? extends T> type) {
            types.add(type);
        }

        public RenderRegistration<T> supporting(MIMEType... mimeTypes) {
            supported.addAll(List.of(mimeTypes));
            return this;
        }

        public RenderRegistration<T> preferring(MIMEType... mimeTypes) {
            supporting(mimeTypes);
            preferred.addAll(List.of(mimeTypes));
            return this;
        }

        public RenderRegistration<T> supporting(String... mimeTypes) {
            for (String t : mimeTypes) supporting(MIMEType.parse(t));
            return this;
        }

        public RenderRegistration<T> preferring(String... mimeTypes) {
            for (String t : mimeTypes) preferring(MIMEType.parse(t));
            return this;
        }

        public RenderRegistration<T> onType(Class<? extends T> type) {
            types.add(type);
            return this;
        }

        public void register(RenderFunction<T> function) {
            Set<MIMEType> s = supported.isEmpty() ? Set.of(MIMEType.ANY) : supported;
            Set<MIMEType> p = preferred.isEmpty() ? s : preferred;
            Renderer.this.register(s, p, types, function);
        }
    }

    public <T> RenderRegistration<T> createRegistration(Class<T> type) {
        return new RenderRegistration<>(type);
    }

    /** Adds a render function for {@code types} to the running session's renderers. */
    public <T> void register(
            Set<MIMEType> supported,
            Set<MIMEType> preferred,
            Set<Class<? extends T>> types,
            RenderFunction<T> function) {
        DisplayHub.renderers()
                .register(new Registered<>(
                        this, Set.copyOf(supported), List.copyOf(preferred), List.copyOf(types), function));
    }

    public DisplayData render(Object value) {
        return render(value, new LinkedHashMap<>());
    }

    public DisplayData render(Object value, Map<String, Object> params) {
        return toDisplayData(DisplayHub.render(value, Set.of()));
    }

    public DisplayData renderAs(Object value, String... types) {
        return renderAs(value, new LinkedHashMap<>(), types);
    }

    public DisplayData renderAs(Object value, Map<String, Object> params, String... types) {
        return toDisplayData(DisplayHub.render(value, Set.of(types)));
    }

    private static DisplayData toDisplayData(MimeBundle bundle) {
        var data = new DisplayData();
        bundle.data().forEach(data::putData);
        bundle.metadata().forEach(data::putMetaData);
        return data;
    }

    /** One registration as a renderer of the session. */
    private record Registered<T>(
            Renderer owner,
            Set<MIMEType> supported,
            List<MIMEType> preferred,
            List<Class<? extends T>> types,
            RenderFunction<T> function)
            implements d2l.kernel.display.Renderer {
        @Override
        public boolean supports(Object value) {
            return value != null && types.stream().anyMatch(t -> t.isInstance(value));
        }

        @Override
        @SuppressWarnings("unchecked")
        public MimeBundle render(Object value, Set<String> requested) {
            var asked = new ArrayList<MIMEType>();
            asked.add(MIMEType.TEXT_PLAIN);
            if (requested.isEmpty()) {
                asked.addAll(preferred);
            } else {
                for (String r : requested) asked.add(MIMEType.parse(r));
            }
            var out = new DisplayData();
            boolean wanted = requested.isEmpty()
                    || asked.stream().anyMatch(a -> supported.stream().anyMatch(s -> a.covers(s) || s.covers(a)));
            if (wanted) function.render((T) value, new RenderContext(asked, owner, new LinkedHashMap<>(), out));
            return new MimeBundle(out.mimeBundle(), new LinkedHashMap<>(out.metadata()));
        }
    }
}
