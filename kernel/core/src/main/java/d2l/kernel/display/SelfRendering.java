package d2l.kernel.display;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Lets any class choose its own output without depending on the kernel: a public no-argument
 * method {@code Map<String, String> mimeBundle()} returning MIME type to content (binary types
 * base64-encoded). Looked up by reflection, so it works from any class loader. An optional
 * {@code Map<String, ?> mimeMetadata()} gives the output's metadata (nested maps, lists, strings,
 * numbers, as JSON); the chapter's checks put their other languages there ({@code d2l.translations},
 * which the runner swaps in for an edition that reuses another's outputs).
 */
final class SelfRendering {
    private SelfRendering() {}

    static MimeBundle render(Object value) {
        if (value == null) return null;
        Method m;
        try {
            m = value.getClass().getMethod("mimeBundle");
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (!Map.class.isAssignableFrom(m.getReturnType()) || Modifier.isStatic(m.getModifiers())) return null;
        try {
            m.setAccessible(true);
            var raw = (Map<?, ?>) m.invoke(value);
            if (raw == null || raw.isEmpty()) return null;
            var data = new java.util.LinkedHashMap<String, String>();
            raw.forEach((k, v) -> data.put(String.valueOf(k), String.valueOf(v)));
            data.putIfAbsent(MimeBundle.TEXT, TextRenderer.plain(value));
            return new MimeBundle(data, metadata(value));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return MimeBundle.text(TextRenderer.plain(value) + "\n(mimeBundle() failed: " + e + ")");
        }
    }

    /** The value's {@code mimeMetadata()}, or no metadata when it has none (or it fails). */
    private static Map<String, Object> metadata(Object value) {
        try {
            var m = value.getClass().getMethod("mimeMetadata");
            if (!Map.class.isAssignableFrom(m.getReturnType()) || Modifier.isStatic(m.getModifiers())) return Map.of();
            m.setAccessible(true);
            var raw = (Map<?, ?>) m.invoke(value);
            if (raw == null) return Map.of();
            var metadata = new java.util.LinkedHashMap<String, Object>();
            raw.forEach((k, v) -> metadata.put(String.valueOf(k), v));
            return metadata;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Map.of();
        }
    }
}
