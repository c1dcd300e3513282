package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
  private final MarkdownRenderer renderer = new MarkdownRenderer();

  @Test
  void mathKeepsUnderscoresAndBackslashesThatMarkdownWouldEat() {
    var html = renderer.render("The state $h_t = \\phi(W_{xh} x_t + b_h)$ and *more* text.");
    assertTrue(html.contains("<span class=\"math inline\" title=\"h_t = \\phi(W_{xh} x_t + b_h)\">"
        + "h<sub>t</sub> = ϕ(W<sub>xh</sub>x<sub>t</sub> + b<sub>h</sub>)</span>"), html);
    assertTrue(html.contains("<em>more</em>"), html);
  }

  @Test
  void displayMathBecomesABlockAndIsEscaped() {
    var html = renderer.render("$$\nP(x_t \\mid x_{t-1}) < 1\n$$");
    assertTrue(html.contains("<span class=\"math display\" title=\"P(x_t \\mid x_{t-1}) &lt; 1\">"
        + "P(x<sub>t</sub> ∣ x<sub>t − 1</sub>) &lt; 1</span>"), html);
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
    assertTrue(html.contains("<h1>Title</h1>"), html);
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
