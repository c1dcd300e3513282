package d2l.kernel.display;

import java.util.Set;

/** Turns objects of one kind into a {@link MimeBundle}. */
public interface Renderer {
    boolean supports(Object value);

    /**
     * @param requested MIME types the caller asked for ({@code render(chart, "image/svg+xml")});
     *                  empty means the renderer's default choice
     */
    MimeBundle render(Object value, Set<String> requested);
}
