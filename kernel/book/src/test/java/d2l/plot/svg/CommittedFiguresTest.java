package d2l.plot.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedFiguresTest {
    private static final Path IMG = Path.of("../../notebooks/chapter_recurrent-neural-networks/img");
    private static final String REGENERATE =
            "; regenerate with: java -cp lib/target/classes d2l.plot.svg.ChapterFigures (from the repository root)";

    @Test
    void theCommittedFiguresAreWhatChapterFiguresDraws() throws IOException {
        for (var figure : ChapterFigures.all().entrySet()) {
            var file = IMG.resolve(figure.getKey() + ".svg");
            assertTrue(Files.isRegularFile(file), file + " is missing" + REGENERATE);
            assertEquals(
                    figure.getValue(),
                    Files.readString(file),
                    file + " differs from what ChapterFigures draws" + REGENERATE);
        }
        try (Stream<Path> files = Files.list(IMG)) {
            var committed = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".svg"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(
                    new TreeSet<>(ChapterFigures.all().keySet()),
                    committed,
                    "every committed figure is drawn by ChapterFigures");
        }
    }

    @Test
    void mainWritesEveryFigure(@TempDir Path dir) throws IOException {
        ChapterFigures.main(new String[] {dir.toString()});
        for (var figure : ChapterFigures.all().entrySet()) {
            assertEquals(figure.getValue(), Files.readString(dir.resolve(figure.getKey() + ".svg")));
        }
    }

    @Test
    void symbolsSetLettersInItalicAndSubscriptsAsLoweredTspans() {
        assertEquals(
                "<tspan font-style=\"italic\">h</tspan><tspan font-size=\"11\" dy=\"5\"><tspan font-style=\"italic\">t</tspan>\u22121</tspan>",
                Svg.variable("h", "t\u22121"));
        assertEquals(
                "<tspan font-weight=\"bold\">W</tspan><tspan font-size=\"11\" dy=\"5\"><tspan font-style=\"italic\">xh</tspan></tspan>",
                Svg.matrix("W", "xh"));
        assertEquals("<tspan font-style=\"italic\">L</tspan>", Svg.variable("L", null));
        assertEquals("12.5", Svg.n(12.5));
        assertEquals("85", Svg.n(85.0));
    }

    @Test
    void aDocumentScalesAndDefinesItsArrowheads() {
        var svg = new Svg(300, 100).arrow(10, 50, 290, 50, Svg.Stroke.GRADIENT).toString();
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 100\""), svg);
        assertTrue(svg.contains("<marker id=\"grad\"") && svg.contains("marker-end=\"url(#grad)\""), svg);
        assertTrue(svg.contains("stroke-dasharray=\"5 3\""), "gradient paths are dashed: " + svg);
        assertTrue(svg.endsWith("</svg>\n"));
    }
}
