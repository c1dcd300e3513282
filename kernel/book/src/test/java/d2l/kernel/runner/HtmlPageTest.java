package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class HtmlPageTest {
    private final HtmlPage page = new HtmlPage(PageLabels.of("en"));

    private String output(String json) {
        return page.output(JsonParser.parseString(json).getAsJsonObject());
    }

    @Test
    void prefersHtmlOverPlainTextAndEmbedsIt() {
        var html = output(
                "{\"output_type\":\"display_data\",\"data\":{\"text/plain\":\"t\",\"text/html\":\"<table><tr><td>1</td></tr></table>\"},\"metadata\":{}}");
        assertEquals("<div class=\"out\"><table><tr><td>1</td></tr></table></div>\n", html);
    }

    @Test
    void imagesBecomeDataUrisWithoutLineBreaks() {
        var html = output(
                "{\"output_type\":\"execute_result\",\"execution_count\":1,\"data\":{\"text/plain\":\"chart\",\"image/png\":\"iVBO\\nRw0\\n\"},\"metadata\":{}}");
        assertTrue(html.contains("src=\"data:image/png;base64,iVBORw0\""), html);
    }

    @Test
    void svgIsEmbeddedAsAnImageNotAsMarkup() {
        var html = output(
                "{\"output_type\":\"display_data\",\"data\":{\"image/svg+xml\":[\"<svg>\",\"</svg>\"]},\"metadata\":{}}");
        assertTrue(html.contains("src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\""), html);
    }

    @Test
    void plainTextAndStreamsAreEscaped() {
        assertEquals(
                "<div class=\"out\"><pre>List&lt;String&gt;</pre></div>\n",
                output(
                        "{\"output_type\":\"execute_result\",\"execution_count\":1,\"data\":{\"text/plain\":\"List<String>\"},\"metadata\":{}}"));
        assertEquals(
                "<pre class=\"out stderr\">a &amp; b</pre>\n",
                output("{\"output_type\":\"stream\",\"name\":\"stderr\",\"text\":[\"a \",\"& b\"]}"));
    }

    @Test
    void latexOutputIsLeftForMathJaxAsDisplayMath() {
        assertEquals(
                "<div class=\"out\"><span class=\"math display\">\\[\\frac{a}{b} &lt; 1\\]</span></div>\n",
                output(
                        "{\"output_type\":\"display_data\",\"data\":{\"text/latex\":\"$$\\\\frac{a}{b} < 1$$\"},\"metadata\":{}}"));
    }

    @Test
    void thePageLoadsOnlyItsOwnCopiesOfMathJaxAndHighlightJs() {
        var notebook = NotebookFile.parse("""
        {"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[
         {"cell_type":"markdown","id":"a","metadata":{},"source":["# Title <b>\\n","text"]},
         {"cell_type":"code","id":"b","metadata":{},"execution_count":7,"outputs":[],"source":"int x = 1 < 2;"}]}
        """, "t", "test");
        var html = page.render(
                notebook, new HtmlPage.Navigation(null, new HtmlPage.Link("index.html", "Contents"), null), "");
        assertTrue(html.contains("<title>Title &lt;b&gt;</title>"), html);
        assertTrue(html.contains("<a class=\"contents\" rel=\"contents\" href=\"index.html\">Contents</a>"), html);
        assertTrue(html.contains("<span class=\"prompt\">[7]</span>"));
        assertTrue(html.contains("<pre><code class=\"language-java\">int x = 1 &lt; 2;</code></pre>"), html);
        var sources = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+)\"")
                .matcher(html)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertEquals(
                java.util.List.of(
                        "assets/highlight/github.min.css",
                        "index.html",
                        "index.html",
                        "assets/mathjax/tex-svg-full.js",
                        "assets/highlight/highlight.min.js"),
                sources,
                "pages work offline: they load nothing but the files beside them");
        for (var asset : PageAssets.FILES) {
            assertTrue(getClass().getResource("/d2l/kernel/runner/assets/" + asset) != null, asset + " is packaged");
        }
    }
}
