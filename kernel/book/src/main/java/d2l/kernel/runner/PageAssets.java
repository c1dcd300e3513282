package d2l.kernel.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The browser-side libraries of the pages, MathJax 3 (TeX to SVG, every TeX extension built in, so
 * it loads nothing more) and highlight.js (Java), which the build copies from their webjars into
 * the kernel jar and {@link #copyTo} writes beside the pages: the output folder opens from disk in
 * a classroom with no network.
 */
public final class PageAssets {
    /** Where the pages find them, relative to the page. */
    static final String DIR = "assets";

    private static final String RESOURCES = "/d2l/kernel/runner/assets/";
    static final List<String> FILES = List.of(
            "mathjax/tex-svg-full.js", "mathjax/LICENSE", "highlight/highlight.min.js", "highlight/github.min.css");

    /** Goes in the page's head. */
    static final String HEAD = "<link rel=\"stylesheet\" href=\"" + DIR + "/highlight/github.min.css\">";

    /**
     * Ends the page's body. MathJax's settings are Jupyter's, except that it looks for math only in
     * the spans the markdown renderer made, so a dollar in prose or output stays a dollar.
     */
    static final String SCRIPTS = """
      <script>
      window.MathJax = {
        tex: {inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']], processEscapes: false,
              processEnvironments: true},
        options: {ignoreHtmlClass: 'tex-ignore', processHtmlClass: 'math'},
        svg: {fontCache: 'global'}
      };
      </script>
      <script src="%1$s/mathjax/tex-svg-full.js"></script>
      <script src="%1$s/highlight/highlight.min.js"></script>
      <script>hljs.configure({cssSelector: 'pre code[class^="language-"]'}); hljs.highlightAll();</script>
      """.formatted(DIR);

    private PageAssets() {}

    /** Writes the asset files under {@code outDir/assets/}. */
    public static void copyTo(Path outDir) throws IOException {
        for (var file : FILES) {
            try (var in = PageAssets.class.getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IOException("page asset " + file + " is not on the class path (" + RESOURCES + file
                            + "); the build unpacks it from its webjar: run `mvn -pl kernel -am package`");
                }
                var target = outDir.resolve(DIR).resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
