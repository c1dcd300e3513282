package io.github.spencerpark.ijava.runtime;

import java.util.List;

import d2l.kernel.Notebook;

/** IJava's {@code lineMagic}/{@code cellMagic}, for code that names this class. */
public final class Magics {
    private Magics() {}

    public static <T> T lineMagic(String name, List<String> args) {
        return Notebook.lineMagic(name, args);
    }

    public static <T> T cellMagic(String name, List<String> args, String body) {
        return Notebook.cellMagic(name, args, body);
    }
}
