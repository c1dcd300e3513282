package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a render function is asked for (MIME types, parameters) and where it writes (the output
 * container). Compatibility type of the d2l kernel, with IJava's method names.
 */
public class RenderContext {
    private final List<MIMEType> requested;
    private final Renderer renderer;
    private final Map<String, Object> params;
    private final DisplayData out;

    public RenderContext(List<MIMEType> requested, Renderer renderer, Map<String, Object> params, DisplayData out) {
        this.requested = List.copyOf(requested);
        this.renderer = renderer;
        this.params = params;
        this.out = out;
    }

    public Renderer getRenderer() {
        return renderer;
    }

    public DisplayData getOutputContainer() {
        return out;
    }

    public Map<String, Object> getParams() {
        return Collections.unmodifiableMap(params);
    }

    public Object getParameter(String key) {
        return params.get(key);
    }

    public Object getParameter(String key, Object defaultValue) {
        return params.getOrDefault(key, defaultValue);
    }

    public String getParameterAsString(String key) {
        Object value = params.get(key);
        return value == null ? null : String.valueOf(value);
    }

    public String getParameterAsString(String key, String defaultValue) {
        String value = getParameterAsString(key);
        return value == null ? defaultValue : value;
    }

    public Integer getParameterAsInt(String key, Integer defaultValue) {
        Object value = params.get(key);
        return value == null
                ? defaultValue
                : value instanceof Number n ? n.intValue() : Integer.valueOf(String.valueOf(value));
    }

    public Double getParameterAsDouble(String key, Double defaultValue) {
        Object value = params.get(key);
        return value == null
                ? defaultValue
                : value instanceof Number n ? n.doubleValue() : Double.valueOf(String.valueOf(value));
    }

    public Boolean getParameterAsBoolean(String key, Boolean defaultValue) {
        Object value = params.get(key);
        return value == null ? defaultValue : value instanceof Boolean b ? b : Boolean.valueOf(String.valueOf(value));
    }

    /** Whether {@code type} (a concrete type the function can produce) was asked for. */
    public boolean wantsDataRenderedAs(MIMEType type) {
        return resolveRequestedType(type) != null;
    }

    /** {@code supported} if a requested type (wildcards included) covers it, else null. */
    public MIMEType resolveRequestedType(MIMEType supported) {
        for (MIMEType r : requested) if (r.covers(supported)) return supported;
        return null;
    }

    public boolean renderIfRequested(MIMEType supported, BiConsumer<MIMEType, DisplayData> render) {
        MIMEType type = resolveRequestedType(supported);
        if (type == null) return false;
        render.accept(type, out);
        return true;
    }

    public boolean renderIfRequested(MIMEType supported, Function<MIMEType, Object> render) {
        MIMEType type = resolveRequestedType(supported);
        if (type == null) return false;
        out.putData(type, render.apply(type));
        return true;
    }

    public boolean renderIfRequested(MIMEType supported, Supplier<Object> render) {
        MIMEType type = resolveRequestedType(supported);
        if (type == null) return false;
        out.putData(type, render.get());
        return true;
    }
}
