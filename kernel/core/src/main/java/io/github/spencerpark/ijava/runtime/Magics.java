package io.github.spencerpark.ijava.runtime;

import d2l.kernel.Notebook;
import java.util.List;

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
