package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The chapter's figures: every {@code ![alt](img/NAME.svg)} of a notebook names a committed SVG,
 * has alt text and an italic caption in the same cell, and every SVG is one the notebooks show,
 * scales (viewBox), uses one font family, points its arrows at markers it defines, and holds no
 * words (only symbols and short labels, so that a translated edition can use the same files).
 */
class ChapterFiguresTest {
    private static final Path CHAPTER = Path.of("../../notebooks/chapter_recurrent-neural-networks");
    private static final Pattern FIGURE = Pattern.compile("!\\[([^\\]]*)\\]\\((img/[^)\\s]+\\.svg)\\)");
    private static final int LONGEST_LABEL = 4; // x_{t-1} is four characters, a word is more

    private record Figure(String notebook, String alt, String file, String cell) {}

    private static List<Figure> figures() throws IOException {
        var figures = new ArrayList<Figure>();
        try (Stream<Path> notebooks = Files.list(CHAPTER)) {
            for (var path : notebooks
                    .filter(p -> p.toString().endsWith(".ipynb"))
                    .sorted()
                    .toList()) {
                for (var cell : NotebookFile.read(path).cells()) {
                    if (!cell.isMarkdown()) continue;
                    var m = FIGURE.matcher(cell.source());
                    while (m.find())
                        figures.add(new Figure(path.getFileName().toString(), m.group(1), m.group(2), cell.source()));
                }
            }
        }
        return figures;
    }

    @Test
    void everyFigureHasItsFileAltTextAndCaption() throws IOException {
        var figures = figures();
        assertTrue(figures.stream().map(Figure::file).distinct().count() >= 6, "at least six figures: " + figures);
        for (var f : figures) {
            assertTrue(
                    Files.isRegularFile(CHAPTER.resolve(f.file())),
                    f.notebook() + " shows " + f.file() + ", which is not committed");
            assertTrue(
                    f.alt().split("\\s+").length >= 5,
                    f.notebook() + ": " + f.file() + " needs alt text that describes it, got '" + f.alt() + "'");
            var after = f.cell().substring(f.cell().indexOf(f.file()));
            var caption = Pattern.compile("\\n\\n\\*[A-Z][^*\\n]+\\*(\\n|$)").matcher(after);
            assertTrue(
                    caption.find(),
                    f.notebook() + ": " + f.file() + " needs an italic caption paragraph after it in the same cell");
        }
    }

    @Test
    void everyCommittedFigureIsShown() throws IOException {
        Set<String> shown = new HashSet<>();
        figures().forEach(f -> shown.add(f.file()));
        Set<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.list(CHAPTER.resolve("img"))) {
            files.filter(p -> p.toString().endsWith(".svg")).forEach(p -> committed.add("img/" + p.getFileName()));
        }
        committed.removeAll(shown);
        assertEquals(Set.of(), committed, "figures no notebook shows");
    }

    @Test
    void figuresScaleUseOneFontAndHoldNoWords() throws Exception {
        try (Stream<Path> files = Files.list(CHAPTER.resolve("img"))) {
            for (var file :
                    files.filter(p -> p.toString().endsWith(".svg")).sorted().toList()) {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                var svg = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
                var name = file.getFileName().toString();
                assertEquals("svg", svg.getLocalName(), name);
                assertTrue(svg.getAttribute("viewBox").matches("0 0 \\d+ \\d+"), name + " needs a viewBox to scale");
                assertEquals("sans-serif", svg.getAttribute("font-family"), name);

                Set<String> markers = new HashSet<>();
                NodeList defined = svg.getElementsByTagNameNS("*", "marker");
                for (int i = 0; i < defined.getLength(); i++)
                    markers.add(((Element) defined.item(i)).getAttribute("id"));
                NodeList all = svg.getElementsByTagNameNS("*", "*");
                int arrows = 0;
                for (int i = 0; i < all.getLength(); i++) {
                    var e = (Element) all.item(i);
                    assertFalse(
                            e.hasAttribute("font-family") && e != svg,
                            name + ": one font family, set once on the root");
                    var marker = e.getAttribute("marker-end");
                    if (marker.isEmpty()) continue;
                    arrows++;
                    assertTrue(
                            markers.contains(marker.replaceAll("^url\\(#|\\)$", "")),
                            name + ": undefined marker " + marker);
                }
                assertTrue(arrows > 0, name + " draws its arrows with markers");

                NodeList texts = svg.getElementsByTagNameNS("*", "text");
                assertTrue(texts.getLength() > 0, name + " labels something");
                for (int i = 0; i < texts.getLength(); i++) {
                    var label = texts.item(i).getTextContent().replaceAll("\\p{M}", "");
                    assertTrue(
                            label.length() <= LONGEST_LABEL,
                            name + ": '" + label + "' is more than a symbol or short label");
                }
            }
        }
    }
}
