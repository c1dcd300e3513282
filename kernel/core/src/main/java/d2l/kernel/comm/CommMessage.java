package d2l.kernel.comm;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * What one comm message carries, in either direction: the {@code data} dict, the message's
 * {@code metadata} and its binary {@code buffers} (ipywidgets sends arrays this way).
 */
public record CommMessage(JsonObject data, JsonObject metadata, List<byte[]> buffers) {
    public CommMessage {
        data = data == null ? new JsonObject() : data;
        metadata = metadata == null ? new JsonObject() : metadata;
        buffers = buffers == null ? List.of() : List.copyOf(buffers);
    }

    public static CommMessage of(JsonObject data) {
        return new CommMessage(data, null, null);
    }
}
