package io.github.spencerpark.jupyter.kernel.display;

/** Renders a value into {@code context}'s output, for the types the context asks for. */
@FunctionalInterface
public interface RenderFunction<T> {
    void render(T value, RenderContext context);
}
