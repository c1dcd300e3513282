package d2l.kernel.runner;

import d2l.kernel.display.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown cells to HTML with CommonMark (plus GitHub tables). TeX between {@code $...$} and
 * {@code $$...$$} is lifted out before parsing, so Markdown never eats its underscores and
 * backslashes, and comes back through {@link TexToHtml} as readable Unicode in a styled span:
 * pages must read well offline, where no MathJax or KaTeX can be fetched.
 */
public final class MarkdownRenderer {
  private static final Pattern PLACEHOLDER = Pattern.compile("D2LMATH(\\d+)X");

  private final Parser parser;
  private final HtmlRenderer renderer;

  public MarkdownRenderer() {
    var extensions = List.of(TablesExtension.create());
    parser = Parser.builder().extensions(extensions).build();
    renderer = HtmlRenderer.builder().extensions(extensions)
        .attributeProviderFactory(context -> MarkdownRenderer::linkToPage).build();
  }

  /**
   * Links between notebooks ({@code rnn.ipynb#section}) point at their HTML pages instead, which
   * sit side by side in the output directory.
   */
  private static void linkToPage(org.commonmark.node.Node node, String tag, java.util.Map<String, String> attributes) {
    if (node instanceof org.commonmark.node.Link) {
      var href = attributes.get("href");
      if (href != null && !href.contains("://") && href.matches("[^#?]*\\.ipynb([#?].*)?")) {
        attributes.put("href", href.replaceFirst("\\.ipynb", ".html"));
      }
    }
  }

  public String render(String markdown) {
    var math = new ArrayList<String>();
    var protectedText = liftMath(markdown, math);
    var html = renderer.render(parser.parse(protectedText));
    return PLACEHOLDER.matcher(html).replaceAll(m -> Matcher.quoteReplacement(math.get(Integer.parseInt(m.group(1)))));
  }

  /**
   * Replaces each math span by a placeholder and stores its HTML in {@code math}. Code spans and
   * fenced code blocks are copied untouched, since a dollar there is just a dollar.
   */
  static String liftMath(String text, List<String> math) {
    var out = new StringBuilder();
    var i = 0;
    var n = text.length();
    while (i < n) {
      var atLineStart = i == 0 || text.charAt(i - 1) == '\n';
      if (atLineStart && (text.startsWith("```", i) || text.startsWith("~~~", i))) {
        var fence = text.substring(i, i + 3);
        var close = text.indexOf("\n" + fence, i + 3);
        var end = close < 0 ? n : Math.min(n, lineEnd(text, close + 1));
        out.append(text, i, end);
        i = end;
      } else if (text.charAt(i) == '`') {
        var run = 1;
        while (i + run < n && text.charAt(i + run) == '`') {
          run++;
        }
        var ticks = "`".repeat(run);
        var close = text.indexOf(ticks, i + run);
        var end = close < 0 ? i + run : close + run;
        out.append(text, i, end);
        i = end;
      } else if (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) == '$') {
        out.append("\\$");
        i += 2;
      } else if (text.startsWith("$$", i)) {
        var close = text.indexOf("$$", i + 2);
        if (close < 0) {
          out.append("$$");
          i += 2;
        } else {
          out.append(placeholder(math, text.substring(i + 2, close), true));
          i = close + 2;
        }
      } else if (text.charAt(i) == '$') {
        var close = closingDollar(text, i + 1);
        if (close < 0) {
          out.append('$');
          i++;
        } else {
          out.append(placeholder(math, text.substring(i + 1, close), false));
          i = close + 1;
        }
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  /** Inline math ends at the next unescaped dollar before a blank line; none means "not math". */
  private static int closingDollar(String text, int from) {
    for (var j = from; j < text.length(); j++) {
      var c = text.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '$') {
        return j == from ? -1 : j;
      } else if (c == '\n' && j + 1 < text.length() && text.charAt(j + 1) == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static int lineEnd(String text, int from) {
    var newline = text.indexOf('\n', from);
    return newline < 0 ? text.length() : newline + 1;
  }

  private static String placeholder(List<String> math, String tex, boolean display) {
    var kind = display ? "math display" : "math inline";
    // The readable rendering is shown; the TeX itself stays available as the tooltip.
    math.add("<span class=\"" + kind + "\" title=\"" + Html.escape(tex.strip()) + "\">"
        + TexToHtml.render(tex.strip()) + "</span>");
    return "D2LMATH" + (math.size() - 1) + "X";
  }
}
