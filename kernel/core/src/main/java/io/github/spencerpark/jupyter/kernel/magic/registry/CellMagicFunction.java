package io.github.spencerpark.jupyter.kernel.magic.registry;

import java.util.List;

/** A cell magic: its arguments and the cell's body in, its value out. */
@FunctionalInterface
public interface CellMagicFunction<T> {
    T execute(List<String> args, String body) throws Exception;
}
