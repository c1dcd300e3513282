package d2l.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %classpath a.jar lib/*} and {@code %jars}: add jars, class directories, or what a glob
 * matches ({@code lib/*.jar}, {@code libs/**}{@code /*.jar}; {@code dir/*} means its jars). As in
 * IJava, {@code %jars dir} adds the jars in {@code dir}, {@code %classpath dir} the directory
 * itself. Entries are separated by spaces or the path separator; the value is the added paths.
 */
final class ClasspathMagic implements Magics.LineMagic {
    @Override
    public void run(String args, MagicContext context) {
        classpath(MagicArgs.split(args), context);
    }

    List<String> classpath(List<String> args, MagicContext context) {
        return add(args, context, false);
    }

    List<String> jars(List<String> args, MagicContext context) {
        return add(args, context, true);
    }

    /** Adds the entries and returns their absolute paths, as IJava's {@code %jars} and {@code %classpath} do. */
    private List<String> add(List<String> args, MagicContext context, boolean jarsOnly) {
        String magic = jarsOnly ? "%jars" : "%classpath";
        if (args.stream().allMatch(String::isBlank))
            throw new MagicException(
                    magic + " needs jars or directories, e.g. " + magic + " lib/*.jar or %classpath target/classes");
        var entries = new ArrayList<String>();
        for (String arg : args) {
            for (String raw : arg.split(File.pathSeparator)) {
                if (!raw.isBlank())
                    entries.addAll(expand(context, raw.replaceAll("^[\"']|[\"']$", ""), magic, jarsOnly));
            }
        }
        context.addToClasspath(entries);
        return List.copyOf(entries);
    }

    private static List<String> expand(MagicContext context, String entry, String magic, boolean jarsOnly) {
        int glob = firstGlobCharacter(entry);
        if (glob >= 0) return matches(context, entry, glob, magic);
        Path path = context.resolve(entry);
        if (!Files.exists(path))
            throw new MagicException(
                    magic + ": " + path + " does not exist (relative paths start at " + context.resolve(".") + ")");
        if (jarsOnly && Files.isDirectory(path)) return jarsIn(path, magic);
        return List.of(path.toString());
    }

    private static int firstGlobCharacter(String entry) {
        for (int i = 0; i < entry.length(); i++) if ("*?[{".indexOf(entry.charAt(i)) >= 0) return i;
        return -1;
    }

    /** The jars a glob matches ({@code dir/*} and {@code dir/*.jar}: the jars in dir), sorted. */
    private static List<String> matches(MagicContext context, String entry, int glob, String magic) {
        int slash = entry.lastIndexOf('/', glob);
        Path base = context.resolve(slash < 0 ? "." : slash == 0 ? "/" : entry.substring(0, slash));
        String rest = entry.substring(slash + 1);
        if (rest.equals("*")) return jarsIn(base, magic);
        var matcher = base.getFileSystem().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        try (var files = Files.walk(base, depth)) {
            var found = files.filter(p -> !p.equals(base) && matcher.matches(base.relativize(p)))
                    .filter(p -> Files.isDirectory(p) || p.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .toList();
            if (found.isEmpty()) throw new MagicException(magic + ": nothing matches " + entry + " (in " + base + ")");
            return found;
        } catch (IOException e) {
            throw new MagicException(magic + ": cannot list " + base + " (" + e.getMessage() + ")");
        }
    }

    private static List<String> jarsIn(Path dir, String magic) {
        try (var files = Files.list(dir)) {
            var jars = files.filter(p -> p.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toString)
                    .toList();
            if (jars.isEmpty()) throw new MagicException(magic + ": no jars in " + dir);
            return jars;
        } catch (IOException e) {
            throw new MagicException(magic + ": cannot list " + dir + " (" + e.getMessage() + ")");
        }
    }
}
