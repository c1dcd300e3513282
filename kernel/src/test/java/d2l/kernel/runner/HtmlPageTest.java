package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class HtmlPageTest {
  private final HtmlPage page = new HtmlPage();

  private String output(String json) {
    return page.output(JsonParser.parseString(json).getAsJsonObject());
  }

  @Test
  void prefersHtmlOverPlainTextAndEmbedsIt() {
    var html = output("{\"output_type\":\"display_data\",\"data\":{\"text/plain\":\"t\",\"text/html\":\"<table><tr><td>1</td></tr></table>\"},\"metadata\":{}}");
    assertEquals("<div class=\"out\"><table><tr><td>1</td></tr></table></div>\n", html);
  }

  @Test
  void imagesBecomeDataUrisWithoutLineBreaks() {
    var html = output("{\"output_type\":\"execute_result\",\"execution_count\":1,\"data\":{\"text/plain\":\"chart\",\"image/png\":\"iVBO\\nRw0\\n\"},\"metadata\":{}}");
    assertTrue(html.contains("src=\"data:image/png;base64,iVBORw0\""), html);
  }

  @Test
  void svgIsEmbeddedAsAnImageNotAsMarkup() {
    var html = output("{\"output_type\":\"display_data\",\"data\":{\"image/svg+xml\":[\"<svg>\",\"</svg>\"]},\"metadata\":{}}");
    assertTrue(html.contains("src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\""), html);
  }

  @Test
  void plainTextAndStreamsAreEscaped() {
    assertEquals("<div class=\"out\"><pre>List&lt;String&gt;</pre></div>\n",
        output("{\"output_type\":\"execute_result\",\"execution_count\":1,\"data\":{\"text/plain\":\"List<String>\"},\"metadata\":{}}"));
    assertEquals("<pre class=\"out stderr\">a &amp; b</pre>\n",
        output("{\"output_type\":\"stream\",\"name\":\"stderr\",\"text\":[\"a \",\"& b\"]}"));
  }

  @Test
  void thePageHasNoScriptsAndLinksBack() {
    var notebook = Notebook.parse("""
        {"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[
         {"cell_type":"markdown","id":"a","metadata":{},"source":["# Title <b>\\n","text"]},
         {"cell_type":"code","id":"b","metadata":{},"execution_count":7,"outputs":[],"source":"int x = 1;"}]}
        """, "t", "test");
    var html = page.render(notebook, "index.html");
    assertTrue(html.contains("<title>Title &lt;b&gt;</title>"), html);
    assertTrue(html.contains("<a href=\"index.html\">"));
    assertTrue(html.contains("<span class=\"prompt\">[7]</span>"));
    assertTrue(html.contains("<span class=\"kw\">int</span> x = <span class=\"nu\">1</span>;"));
    assertFalse(html.contains("<script"), "pages must work offline with nothing to load");
  }
}
