package d2l.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %classpath a.jar lib/*} (alias {@code %jars}): adds jars, class directories, or every
 * jar in a directory ({@code dir/*}). Entries are separated by spaces or the path separator.
 */
final class ClasspathMagic implements Magics.LineMagic {
    @Override
    public void run(String args, MagicContext context) {
        add(MagicArgs.split(args), context);
    }

    /** Adds the entries and returns their absolute paths, as IJava's {@code %jars} and {@code %classpath} do. */
    List<String> add(List<String> args, MagicContext context) {
        if (args.stream().allMatch(String::isBlank)) throw new MagicException("%classpath needs jars or directories, e.g. %classpath lib/*.jar or %classpath target/classes");
        var entries = new ArrayList<String>();
        for (String arg : args) {
            for (String raw : arg.split(File.pathSeparator)) {
                if (!raw.isBlank()) entries.addAll(expand(context, raw));
            }
        }
        context.addToClasspath(entries);
        return List.copyOf(entries);
    }

    private static List<String> expand(MagicContext context, String raw) {
        String entry = raw.replaceAll("^[\"']|[\"']$", "");
        if (entry.endsWith("*") || entry.endsWith("*.jar")) {
            Path dir = context.resolve(entry.substring(0, entry.lastIndexOf('*')));
            try (var files = Files.list(dir)) {
                var jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
                if (jars.isEmpty()) throw new MagicException("%classpath: no jars in " + dir);
                return jars;
            } catch (IOException e) {
                throw new MagicException("%classpath: cannot list " + dir + " (" + e.getMessage() + ")");
            }
        }
        Path path = context.resolve(entry);
        if (!Files.exists(path)) throw new MagicException("%classpath: " + path + " does not exist (relative paths start at " + context.resolve(".") + ")");
        return List.of(path.toString());
    }
}
