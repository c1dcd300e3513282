package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Set;

/** A class that renders itself, as in IJava: the kernel calls {@link #render} for the types asked. */
@FunctionalInterface
public interface DisplayDataRenderable {
    Set<MIMEType> ANY = Set.of(MIMEType.ANY);

    default Set<MIMEType> getSupportedRenderTypes() {
        return ANY;
    }

    default Set<MIMEType> getPreferredRenderTypes() {
        return getSupportedRenderTypes();
    }

    void render(RenderContext context);
}
