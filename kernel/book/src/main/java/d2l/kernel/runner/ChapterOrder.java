package d2l.kernel.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reading order of a directory of notebooks: {@code index.ipynb} first, then the notebooks
 * its markdown links in link order (a chapter's table of contents), then any others by name.
 */
public final class ChapterOrder {
    private static final Pattern LINK = Pattern.compile("\\(([^()\\s]+?)\\.ipynb(?:#[^)]*)?\\)");

    private ChapterOrder() {}

    public static List<Path> of(Path directory) throws IOException {
        List<Path> all;
        try (var files = Files.list(directory)) {
            all = files.filter(p -> p.getFileName().toString().endsWith(".ipynb") && Files.isRegularFile(p))
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no .ipynb notebooks in directory " + directory);
        }
        var ordered = new LinkedHashSet<Path>();
        var index = directory.resolve("index.ipynb").normalize();
        if (Files.isRegularFile(index)) {
            ordered.add(index);
            for (var cell : NotebookFile.read(index).cells()) {
                if (cell.isMarkdown()) {
                    var links = LINK.matcher(cell.source());
                    while (links.find()) {
                        var target =
                                directory.resolve(links.group(1) + ".ipynb").normalize();
                        if (all.contains(target)) {
                            ordered.add(target);
                        }
                    }
                }
            }
        }
        ordered.addAll(all);
        return new ArrayList<>(ordered);
    }
}
