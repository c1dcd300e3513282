package d2l.kernel.runner;

import java.nio.file.Path;
import java.util.Map;

/**
 * The few words a page writes itself (navigation, status), per language, so a second edition
 * (a {@code vi/} folder of the same notebooks) gets pages in its own language from the same writer.
 */
public record PageLabels(
        String lang,
        String previous,
        String next,
        String contents,
        String pagesOfRun,
        String failed,
        String figure,
        String notebooks,
        String otherEditions,
        String languageName) {

    private static final Map<String, PageLabels> TABLE = Map.of(
            "en",
                    new PageLabels(
                            "en",
                            "Previous",
                            "Next",
                            "Contents",
                            "Pages of this run",
                            "failed",
                            "figure",
                            "Notebooks",
                            "Other editions",
                            "English"),
            "vi",
                    new PageLabels(
                            "vi",
                            "Phần trước",
                            "Phần sau",
                            "Mục lục",
                            "Các trang trong lần chạy này",
                            "chạy lỗi",
                            "hình",
                            "Các notebook",
                            "Phiên bản khác",
                            "Tiếng Việt"));

    /** The labels of {@code lang}; an unknown language is an error that names the known ones. */
    public static PageLabels of(String lang) {
        var labels = TABLE.get(lang);
        if (labels == null) {
            throw new IllegalArgumentException("no page labels for language \"" + lang + "\"; known: "
                    + String.join(", ", TABLE.keySet().stream().sorted().toList())
                    + " (add a row to PageLabels, or set the notebook's metadata \"lang\" to one of these)");
        }
        return labels;
    }

    /**
     * A notebook's language: its metadata {@code "lang"} when set, else the name of its folder or
     * the folder above when that is a language of the table ({@code vi/chapter_x/rnn.ipynb}), else English.
     */
    public static PageLabels forNotebook(Path path, NotebookFile notebook) {
        var declared = notebook.lang();
        if (declared != null) {
            return of(declared);
        }
        var folder = path.toAbsolutePath().normalize().getParent();
        for (var level = 0; level < 2 && folder != null && folder.getFileName() != null; level++) {
            var name = folder.getFileName().toString();
            if (TABLE.containsKey(name)) {
                return TABLE.get(name);
            }
            folder = folder.getParent();
        }
        return TABLE.get("en");
    }
}
