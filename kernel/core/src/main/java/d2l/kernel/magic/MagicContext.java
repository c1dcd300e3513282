package d2l.kernel.magic;

import d2l.kernel.eval.OutputSink;
import java.nio.file.Path;
import java.util.List;

/** What a magic may do to the session running it. */
public interface MagicContext {
    /** Adds jars or class directories for both compiling and running cells. */
    void addToClasspath(List<String> entries);

    /** Runs code as part of the current cell; {@code label} names it in error messages. */
    void evaluate(String code, String label);

    /**
     * Runs code as part of the current cell and returns the value of its last expression (null if
     * none), which becomes the cell's value too.
     */
    default Object evaluateForValue(String code, String label) {
        evaluate(code, label);
        return null;
    }

    /** Where the current cell's outputs go. */
    OutputSink sink();

    /** Relative paths in magics are resolved here (the notebook's directory under Jupyter). */
    default Path resolve(String path) {
        String p = path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
        return Path.of(p).toAbsolutePath().normalize();
    }
}
