package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void mathKeepsUnderscoresAndBackslashesThatMarkdownWouldEat() {
        var html = renderer.render("The state $h_t = \\phi(W_{xh} x_t + b_h)$ and *more* text, $a_1 * b_2$.");
        assertTrue(html.contains("<span class=\"math inline\">\\(h_t = \\phi(W_{xh} x_t + b_h)\\)</span>"), html);
        assertTrue(html.contains("<em>more</em>"), html);
        assertTrue(html.contains("\\(a_1 * b_2\\)"), "no emphasis across math: " + html);
    }

    @Test
    void displayMathAndEnvironmentsBecomeEscapedBlocks() {
        var html = renderer.render(
                "$$\nP(x_t \\mid x_{t-1}) < 1\n$$\n\nand\n\n\\begin{aligned}a &= b \\\\\n c_1 &= d_2\\end{aligned}");
        assertTrue(html.contains("<span class=\"math display\">\\[P(x_t \\mid x_{t-1}) &lt; 1\\]</span>"), html);
        assertTrue(
                html.contains(
                        "<span class=\"math display\">\\begin{aligned}a &amp;= b \\\\\n c_1 &amp;= d_2\\end{aligned}</span>"),
                html);
    }

    @Test
    void headingsGetUniqueAnchorsAndImagesAreListed() {
        var html = renderer.render(
                "# RNN with $h_t$\n\n## Notes\n\n## Notes\n\n![state](img/state.svg) ![web](https://x.org/a.png)");
        assertTrue(html.contains("<h1 id=\"RNN-with-h_t\">"), html);
        assertTrue(html.contains("<h2 id=\"Notes\">") && html.contains("<h2 id=\"Notes-1\">"), html);
        assertEquals(
                java.util.Set.of("img/state.svg"),
                renderer.imageSources("![state](img/state.svg) ![web](https://x.org/a.png) `![no](img/code.svg)`"));
    }

    @Test
    void dollarsInCodeAreNotMath() {
        var html = renderer.render("Use `a$b$c` here.\n\n```java\nvar s = \"$x$\";\n```\n");
        assertFalse(html.contains("math"), html);
        assertTrue(html.contains("<code>a$b$c</code>"), html);
        assertTrue(html.contains("var s = &quot;$x$&quot;;"), html);
    }

    @Test
    void tablesLinksAndHeadingsRender() {
        var html = renderer.render("# Title\n\n| token | count |\n|---|---|\n| the | 2261 |\n\nSee [RNNs](rnn.ipynb).");
        assertTrue(html.contains("<h1 id=\"Title\">Title</h1>"), html);
        assertTrue(html.contains("<td>2261</td>"), html);
        assertTrue(html.contains("<a href=\"rnn.html\">RNNs</a>"), "notebook links lead to the pages: " + html);
    }

    @Test
    void onlyRelativeNotebookLinksAreRewritten() {
        var html = renderer.render("[a](bptt.ipynb#truncation) [b](https://example.org/x.ipynb) [c](data.csv)");
        assertTrue(html.contains("href=\"bptt.html#truncation\""), html);
        assertTrue(html.contains("href=\"https://example.org/x.ipynb\""), html);
        assertTrue(html.contains("href=\"data.csv\""), html);
    }

    @Test
    void loneDollarStaysText() {
        var html = renderer.render("It costs $5 only.");
        assertTrue(html.contains("It costs $5 only."), html);
    }
}
