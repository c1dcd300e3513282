package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaHighlighterTest {
  @Test
  void marksKeywordsTypesStringsNumbersAndComments() {
    var html = JavaHighlighter.toHtml("var s = \"a<b\"; // note\nint n = 42;");
    assertTrue(html.contains("<span class=\"kw\">var</span>"), html);
    assertTrue(html.contains("<span class=\"st\">&quot;a&lt;b&quot;</span>"), html);
    assertTrue(html.contains("<span class=\"cm\">// note</span>"), html);
    assertTrue(html.contains("<span class=\"nu\">42</span>"), html);
  }

  @Test
  void aMagicLineIsOneToken() {
    var html = JavaHighlighter.toHtml("%maven org.knowm.xchart:xchart:3.8.8\nString x;");
    assertTrue(html.startsWith("<span class=\"mg\">%maven org.knowm.xchart:xchart:3.8.8</span>\n"), html);
    assertTrue(html.contains("<span class=\"ty\">String</span>"), html);
  }

  @Test
  void keywordsInsideStringsAndCommentsStayPlain() {
    var html = JavaHighlighter.toHtml("/* if while */ \"for\"");
    assertEquals("<span class=\"cm\">/* if while */</span> <span class=\"st\">&quot;for&quot;</span>", html);
  }
}
