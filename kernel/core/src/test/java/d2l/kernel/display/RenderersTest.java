package d2l.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
    private final Renderers renderers = new Renderers();

    private static BufferedImage decode(String base64) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    @Test
    void aStringIsEveryTypeAskedForAndPlainTextOtherwise() {
        var html = renderers
                .render("<b>bold</b>", Set.of(MimeBundle.HTML, "text/latex"))
                .data();
        assertEquals("<b>bold</b>", html.get(MimeBundle.HTML));
        assertEquals("<b>bold</b>", html.get("text/latex"));
        assertEquals("<b>bold</b>", html.get(MimeBundle.TEXT), "the text/plain fallback");
        assertEquals(
                Set.of(MimeBundle.TEXT),
                renderers.render("<b>bold</b>", Set.of()).data().keySet());
        assertEquals(
                "{\"a\": 1}",
                renderers
                        .render("{\"a\": 1}", Set.of("application/json"))
                        .data()
                        .get("application/json"));
        var bad = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> renderers.render("{oops", Set.of("application/json")));
        assertTrue(bad.getMessage().contains("needs the text to be JSON"), bad.getMessage());
    }

    @Test
    void imagesBecomeCompletePngs() throws Exception {
        var image = new BufferedImage(37, 23, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(36, 22, Color.RED.getRGB());
        var bundle = renderers.render(image, Set.of());
        var png = decode(bundle.data().get(MimeBundle.PNG));
        assertEquals(37, png.getWidth());
        assertEquals(Color.RED.getRGB(), png.getRGB(36, 22), "the last pixel survives: the base64 is not truncated");
        assertTrue(bundle.data().containsKey(MimeBundle.TEXT));
    }

    @Test
    void argbImagesBecomeNonEmptyJpegsOnRequest() throws Exception {
        var image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        var bundle = renderers.render(image, Set.of(MimeBundle.JPEG));
        var jpeg = decode(bundle.data().get(MimeBundle.JPEG));
        assertNotNull(jpeg);
        assertEquals(16, jpeg.getHeight());
    }

    @Test
    void chartsArePngAndSvgOnRequest() throws Exception {
        var chart = new XYChartBuilder().width(320).height(240).title("loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {3, 2, 1});
        var png = decode(renderers.render(chart, Set.of()).data().get(MimeBundle.PNG));
        assertEquals(320, png.getWidth());
        assertEquals(240, png.getHeight());
        var svg = renderers.render(chart, Set.of(MimeBundle.SVG)).data();
        assertTrue(svg.get(MimeBundle.SVG).contains("<svg"), "SVG requested");
        assertFalse(svg.containsKey(MimeBundle.PNG), "only what was asked for, plus text");
    }

    @Test
    void tablesAreEscapedHtmlWithHeadAndTail() {
        var names = IntStream.range(0, 100)
                .mapToObj(i -> i == 0 ? "<script>alert(1)</script>" : "row" + i)
                .toArray(String[]::new);
        var table = Table.create("t&t").addColumns(StringColumn.create("a<b", names));
        var bundle = renderers.render(table, Set.of());
        String html = bundle.data().get(MimeBundle.HTML);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;") && html.contains("a&lt;b") && html.contains("t&amp;t"));
        assertTrue(html.contains("row19")
                && !html.contains("row50")
                && html.contains("row99")
                && html.contains("&hellip;"));
        assertTrue(html.contains("100 rows"));
        assertTrue(bundle.data().get(MimeBundle.TEXT).contains("a<b"));
    }

    @Test
    void ndArraysShowShapeAndType() {
        var array = Nd4j.zeros(DataType.FLOAT, 2, 3);
        String text = renderers.render(array, Set.of()).data().get(MimeBundle.TEXT);
        assertTrue(text.startsWith("INDArray shape=[2, 3] dtype=FLOAT"), text);
    }

    @Test
    void plainValuesAndArraysAreReadable() {
        assertEquals("null", renderers.render(null, Set.of()).data().get(MimeBundle.TEXT));
        assertEquals(
                "[1, 2]", renderers.render(new int[] {1, 2}, Set.of()).data().get(MimeBundle.TEXT));
        assertEquals("text", renderers.render("text", Set.of()).data().get(MimeBundle.TEXT));
    }

    @Test
    void smallValuesReadAsToStringWouldAndCyclesEnd() {
        String text =
                renderers.render(new int[][] {{1, 2}, {3}}, Set.of()).data().get(MimeBundle.TEXT);
        assertEquals(java.util.Arrays.deepToString(new int[][] {{1, 2}, {3}}), text);
        var list = new java.util.ArrayList<Object>(java.util.List.of("a", 1));
        assertEquals(list.toString(), TextRenderer.plain(list));
        list.add(list);
        assertEquals("[a, 1, (this Collection)]", TextRenderer.plain(list));
        Object[] self = new Object[2];
        self[0] = self;
        assertEquals("[[...], null]", TextRenderer.plain(self));
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("k", new int[] {4});
        assertEquals("{k=[4]}", TextRenderer.plain(map), "nested arrays show their elements");
    }

    @Test
    void largeValuesShowShapeAndEnds() {
        assertEquals(
                "int[1001] [0, 1, 2, ..., 998, 999, 1000]",
                TextRenderer.plain(
                        java.util.stream.IntStream.rangeClosed(0, 1000).toArray()));
        assertEquals("[0, 0, 0]", TextRenderer.plain(new long[3]));
        String jagged = TextRenderer.plain(new Object[] {new double[2000], "x"});
        assertEquals("Object[2] [[0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0],\n x]", jagged);
        var set = new java.util.LinkedHashSet<Integer>();
        for (int i = 0; i < 2000; i++) set.add(i);
        assertEquals("LinkedHashSet size=2000 [0, 1, 2, 3, 4, 5, ...]", TextRenderer.plain(set));
    }

    @Test
    void bundlesWithoutPlainTextGetOne() {
        var bundle = renderers.render(
                new MimeBundle(java.util.Map.of(MimeBundle.HTML, "<p>x</p>"), java.util.Map.of()), Set.of());
        assertEquals("<p>x</p>", bundle.data().get(MimeBundle.HTML));
        assertTrue(bundle.data().containsKey(MimeBundle.TEXT), "Jupyter requires text/plain");
    }

    @Test
    void customRenderersComeFirst() {
        renderers.register(new Renderer() {
            @Override
            public boolean supports(Object value) {
                return value instanceof String;
            }

            @Override
            public MimeBundle render(Object value, Set<String> requested) {
                return MimeBundle.of(MimeBundle.HTML, "<em>" + value + "</em>", "x");
            }
        });
        assertEquals("<em>hi</em>", renderers.render("hi", Set.of()).data().get(MimeBundle.HTML));
    }
}
