package io.github.spencerpark.jupyter.kernel.magic.registry;

import java.util.List;

/** A line magic: its arguments in, its value out. */
@FunctionalInterface
public interface LineMagicFunction<T> {
    T execute(List<String> args) throws Exception;
}
