package d2l.kernel.magic;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code %load file}: runs a {@code .java}/{@code .jsh} file, or the code cells of another
 * notebook ({@code .ipynb}, magics included), as if typed into the current cell. A name that is not
 * a file is tried with IJava's extensions in IJava's order: {@code .jsh}, {@code .jshell},
 * {@code .java}, {@code .ijava}, and last {@code .ipynb} ({@code %load ../utils/imports}).
 */
final class LoadMagic implements Magics.LineMagic {
    static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".ipynb");

    @Override
    public void run(String args, MagicContext context) {
        if (args.isBlank()) throw new MagicException("%load needs a file: %load helpers.jsh or %load other.ipynb");
        var split = MagicArgs.split(args);
        if (split.size() != 1)
            throw new MagicException("%load takes one file, got " + split.size() + " arguments: " + args.strip()
                    + " (quote a path with spaces: %load \"my file.jsh\")");
        Path file = find(context.resolve(split.get(0)));
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new MagicException("%load: cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (file.toString().endsWith(".ipynb")) {
            loadNotebook(file, text, context);
        } else {
            context.evaluate(text, file.getFileName().toString());
        }
    }

    /** {@code named} itself if it is a file, else the first of it with one of {@link #EXTENSIONS} added. */
    static Path find(Path named) {
        if (Files.isRegularFile(named)) return named;
        for (String extension : EXTENSIONS) {
            Path candidate = named.resolveSibling(named.getFileName() + extension);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new MagicException("%load: could not find " + named + ", nor with the extensions "
                + String.join(", ", EXTENSIONS) + " (relative paths start at the notebook's directory)");
    }

    private static void loadNotebook(Path file, String json, MagicContext context) {
        var cells = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cells");
        if (cells == null) throw new MagicException("%load: " + file + " is not an nbformat 4 notebook (no \"cells\")");
        int index = 0;
        for (JsonElement element : cells) {
            index++;
            var cell = element.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) continue;
            context.evaluate(source(cell.get("source")), file.getFileName() + " cell " + index);
        }
    }

    /** nbformat allows the source as one string or as a list of lines. */
    private static String source(JsonElement source) {
        if (source.isJsonPrimitive()) return source.getAsString();
        var text = new StringBuilder();
        source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
        return text.toString();
    }
}
