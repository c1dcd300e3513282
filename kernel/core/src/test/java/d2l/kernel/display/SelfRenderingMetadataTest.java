package d2l.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A self-rendering value's optional {@code mimeMetadata()} becomes its output's metadata. */
class SelfRenderingMetadataTest {
    public static final class Verdict {
        public Map<String, String> mimeBundle() {
            return Map.of("text/plain", "1", "text/html", "<b>right</b>");
        }

        public Map<String, Object> mimeMetadata() {
            return Map.of("d2l", Map.of("translations", Map.of("vi", Map.of("text/html", "<b>đúng</b>"))));
        }
    }

    public static final class Plain {
        public Map<String, String> mimeBundle() {
            return Map.of("text/html", "<i>x</i>");
        }
    }

    public static final class Broken {
        public Map<String, String> mimeBundle() {
            return Map.of("text/html", "<i>x</i>");
        }

        public Map<String, Object> mimeMetadata() {
            throw new IllegalStateException("no");
        }
    }

    @Test
    void metadataTravelsWithTheBundle() {
        var bundle = new Renderers().render(new Verdict(), Set.of());
        assertEquals("<b>right</b>", bundle.data().get("text/html"));
        assertEquals(
                Map.of("d2l", Map.of("translations", Map.of("vi", Map.of("text/html", "<b>đúng</b>")))),
                bundle.metadata());
        var json = new com.google.gson.Gson().toJsonTree(bundle.metadata()).getAsJsonObject();
        assertEquals(
                "<b>đúng</b>",
                json.getAsJsonObject("d2l")
                        .getAsJsonObject("translations")
                        .getAsJsonObject("vi")
                        .get("text/html")
                        .getAsString(),
                "nested maps become JSON objects on the wire");
    }

    @Test
    void withoutMetadataOrWhenItFailsTheOutputHasNone() {
        assertEquals(Map.of(), new Renderers().render(new Plain(), Set.of()).metadata());
        var broken = new Renderers().render(new Broken(), Set.of());
        assertEquals(Map.of(), broken.metadata());
        assertEquals("<i>x</i>", broken.data().get("text/html"));
    }
}
