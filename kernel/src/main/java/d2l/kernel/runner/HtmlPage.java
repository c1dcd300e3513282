package d2l.kernel.runner;

import d2l.kernel.display.Html;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Writes a notebook as one self-contained HTML page: markdown rendered, code highlighted,
 * outputs inline (images as data URIs), no scripts and nothing fetched from a network.
 */
public final class HtmlPage {
  /** Richest first, the order Jupyter front ends use to pick one representation. */
  private static final List<String> MIME_PREFERENCE = List.of(
      "text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown",
      "text/latex", "application/json", "text/plain");

  private final MarkdownRenderer markdown = new MarkdownRenderer();

  /** A full page for {@code notebook}; {@code indexHref} links back to the index, or null. */
  public String render(Notebook notebook, String indexHref) {
    return render(notebook, indexHref, "");
  }

  /** As {@link #render(Notebook, String)}, with {@code trailer} HTML at the end of the page. */
  public String render(Notebook notebook, String indexHref, String trailer) {
    var body = new StringBuilder();
    if (indexHref != null) {
      body.append("<nav><a href=\"").append(Html.escape(indexHref)).append("\">&larr; Contents</a></nav>\n");
    }
    for (var cell : notebook.cells()) {
      switch (cell.type()) {
        case "markdown" -> body.append("<section class=\"md\">\n")
            .append(markdown.render(cell.source())).append("</section>\n");
        case "code" -> body.append(codeCell(cell));
        default -> body.append("<pre class=\"raw\">").append(Html.escape(cell.source())).append("</pre>\n");
      }
    }
    body.append(trailer);
    return page(notebook.title(), body.toString());
  }

  /** Wraps body HTML in the page skeleton and its stylesheet. */
  static String page(String title, String body) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <style>%s</style>
        </head>
        <body>
        <main>
        %s</main>
        </body>
        </html>
        """.formatted(Html.escape(title), STYLE, body);
  }

  private String codeCell(Notebook.Cell cell) {
    var html = new StringBuilder("<section class=\"code\">\n");
    var count = cell.json().get("execution_count");
    var prompt = count == null || count.isJsonNull() ? " " : count.getAsString();
    html.append("<div class=\"in\"><span class=\"prompt\">[").append(prompt).append("]</span>")
        .append("<pre><code>").append(JavaHighlighter.toHtml(cell.source())).append("</code></pre></div>\n");
    for (var output : cell.outputs()) {
      html.append(output(output.getAsJsonObject()));
    }
    return html.append("</section>\n").toString();
  }

  String output(JsonObject output) {
    return switch (output.get("output_type").getAsString()) {
      case "stream" -> "<pre class=\"out " + Html.escape(output.get("name").getAsString()) + "\">"
          + Html.escape(stripAnsi(Notebook.multiline(output.get("text")))) + "</pre>\n";
      case "error" -> "<pre class=\"out error\">" + Html.escape(stripAnsi(traceback(output))) + "</pre>\n";
      case "display_data", "execute_result" -> "<div class=\"out\">" + richOutput(output.getAsJsonObject("data")) + "</div>\n";
      default -> "";
    };
  }

  private static String traceback(JsonObject error) {
    var lines = error.has("traceback") ? error.getAsJsonArray("traceback") : null;
    if (lines == null || lines.isEmpty()) {
      return error.get("ename").getAsString() + ": " + error.get("evalue").getAsString();
    }
    var text = new StringBuilder();
    for (var line : lines) {
      text.append(line.getAsString()).append('\n');
    }
    return text.toString();
  }

  private String richOutput(JsonObject data) {
    for (var mime : MIME_PREFERENCE) {
      if (data.has(mime)) {
        var value = mime.equals("application/json") ? data.get(mime).toString() : Notebook.multiline(data.get(mime));
        return switch (mime) {
          // Cell-produced HTML is the notebook author's own markup, shown as Jupyter shows it.
          case "text/html" -> value;
          case "image/svg+xml" -> "<img alt=\"figure\" src=\"data:image/svg+xml;base64,"
              + java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\">";
          case "image/png", "image/jpeg", "image/gif" ->
              "<img alt=\"figure\" src=\"data:" + mime + ";base64," + value.replaceAll("\\s", "") + "\">";
          case "text/markdown" -> markdown.render(value);
          case "text/latex" -> "<span class=\"math display\" title=\"" + Html.escape(value) + "\">"
              + TexToHtml.render(value.strip().replaceAll("^\\$+|\\$+$", "")) + "</span>";
          default -> "<pre>" + Html.escape(stripAnsi(value)) + "</pre>";
        };
      }
    }
    return "";
  }

  private static final String STYLE = """
      body{margin:0;background:#fafafa;color:#1d1d1f;font:16px/1.6 "DejaVu Sans",system-ui,sans-serif}
      main{max-width:960px;margin:0 auto;padding:1.5rem 2rem 4rem;background:#fff;min-height:100vh}
      nav{margin-bottom:1rem;font-size:.9rem}
      a{color:#0b5cad}
      h1,h2,h3{line-height:1.25;margin:1.6rem 0 .6rem}
      pre{margin:0;overflow-x:auto;font:13.5px/1.45 "DejaVu Sans Mono",ui-monospace,monospace;white-space:pre-wrap}
      code{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:.92em}
      .md table,.out table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
      .md th,.md td,.out th,.out td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:right}
      .md th,.out th{background:#f0f3f6}
      section.code{margin:1rem 0}
      .in{display:flex;gap:.5rem;background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:.5rem}
      .prompt{color:#6a737d;font:12px "DejaVu Sans Mono",monospace;min-width:3.2rem;padding-top:.15rem}
      .in pre{flex:1}
      .out{margin:.35rem 0 0 3.9rem;padding:.25rem .5rem;overflow-x:auto}
      pre.out.stderr{background:#fff5f5}
      pre.out.error{background:#fdecea;border-left:3px solid #d73a49;padding:.5rem}
      .out img{max-width:100%;height:auto}
      .kw{color:#a626a4;font-weight:600}.ty{color:#c18401}.st{color:#50a14f}.cm{color:#8a8f98;font-style:italic}
      .nu{color:#986801}.an{color:#4078f2}.mg{color:#0184bc;font-weight:600}
      .math{font-family:"DejaVu Serif",serif;font-style:italic;white-space:nowrap}
      .math .tx{font-style:normal}
      .math sub,.math sup{font-size:.75em}
      .math.display{display:block;text-align:center;margin:.8rem 0;white-space:normal;font-size:1.05em}
      ul.index li{margin:.3rem 0}
      .status-failed{color:#d73a49;font-weight:600}
      """;

  /** Removes ANSI colour codes, which tracebacks carry for terminals but a page cannot show. */
  private static String stripAnsi(String text) {
    return text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
  }
}
