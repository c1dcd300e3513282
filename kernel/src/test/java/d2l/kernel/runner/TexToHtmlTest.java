package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TexToHtmlTest {
  @Test
  void greekOperatorsAndScripts() {
    assertEquals("x<sub>t</sub> ∼ P(x<sub>t</sub> ∣ x<sub>t − 1</sub>, …, x<sub>1</sub>).",
        TexToHtml.render("x_t \\sim P(x_t \\mid x_{t-1}, \\ldots, x_1)."));
    assertEquals("h<sub>t</sub> = ϕ(<b>W</b><sub>hh</sub>h<sub>t − 1</sub>)",
        TexToHtml.render("h_t = \\phi(\\mathbf{W}_{hh} h_{t-1})"));
    assertEquals("ℓ(y<sub>t</sub>, o<sub>t</sub>)", TexToHtml.render("\\ell(y_t, o_t)"));
  }

  @Test
  void fractionsRootsAccentsAndText() {
    assertEquals("(∂L)/(∂w) = 1/n", TexToHtml.render("\\frac{\\partial L}{\\partial w} = \\frac{1}{n}"));
    assertEquals("√(n + 1)", TexToHtml.render("\\sqrt{n+1}"));
    assertEquals("x\u0302<sub>t</sub>", TexToHtml.render("\\hat{x}_t"));
    assertEquals("<span class=\"tx\">exp</span>(<span class=\"tx\">with a_b</span>)",
        TexToHtml.render("\\exp(\\text{with a_b})"));
    assertEquals("<b>x</b> ∈ ℝ<sup>n</sup>", TexToHtml.render("\\mathbf{x} \\in \\mathbb{R}^n"));
  }

  @Test
  void markupIsEscapedAndUnknownCommandsStayVisible() {
    assertEquals("a &lt; b", TexToHtml.render("a<b"));
    assertEquals("\\weird x", TexToHtml.render("\\weird{x}"));
    assertEquals("∑<sub>i = 1</sub><sup>T</sup>a<sub>i</sub>", TexToHtml.render("\\sum_{i=1}^T a_i"));
    assertEquals("a<br>b", TexToHtml.render("\\begin{aligned}a \\\\ b\\end{aligned}"));
  }
}
