package d2l.kernel.runner;

import com.google.gson.JsonObject;
import d2l.kernel.display.Html;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a notebook as one HTML page: markdown rendered, math typeset and Java highlighted in the
 * browser by the copies of MathJax and highlight.js that {@link PageAssets} puts beside the pages,
 * outputs inline (images as data URIs), previous/next links. Nothing is fetched from a network.
 */
public final class HtmlPage {
    /** Richest first, the order Jupyter front ends use to pick one representation. */
    private static final List<String> MIME_PREFERENCE = List.of(
            "text/html",
            "image/svg+xml",
            "image/png",
            "image/jpeg",
            "image/gif",
            "text/markdown",
            "text/latex",
            "application/json",
            "text/plain");

    /** A link to another page of the run. */
    public record Link(String href, String title) {}

    /** Where a page sits in the book; any link may be null (the first page has no previous). */
    public record Navigation(Link previous, Link contents, Link next) {
        public static final Navigation NONE = new Navigation(null, null, null);
    }

    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final PageLabels labels;

    public HtmlPage(PageLabels labels) {
        this.labels = labels;
    }

    /** A full page for {@code notebook}, with {@code trailer} HTML after its cells. */
    public String render(NotebookFile notebook, Navigation navigation, String trailer) {
        var body = new StringBuilder();
        for (var cell : notebook.cells()) {
            switch (cell.type()) {
                case "markdown" ->
                    body.append("<section class=\"md\">\n")
                            .append(markdown.render(cell.source()))
                            .append("</section>\n");
                case "code" -> body.append(codeCell(cell));
                default ->
                    body.append("<pre class=\"raw\">")
                            .append(Html.escape(cell.source()))
                            .append("</pre>\n");
            }
        }
        return wrap(notebook.title(), navigation, body.append(trailer).toString());
    }

    /** A page of {@code title} around body HTML, with the navigation above and below it. */
    public String wrap(String title, Navigation navigation, String body) {
        return page(labels.lang(), title, navigation(navigation, "top") + body + navigation(navigation, "bottom"));
    }

    /** The relative image files the notebook's markdown shows, which must be copied beside its page. */
    public Set<String> figures(NotebookFile notebook) {
        var figures = new LinkedHashSet<String>();
        for (var cell : notebook.cells()) {
            if (cell.isMarkdown()) {
                figures.addAll(markdown.imageSources(cell.source()));
            }
        }
        return figures;
    }

    private String navigation(Navigation navigation, String where) {
        if (navigation.equals(Navigation.NONE)) {
            return "";
        }
        var nav = new StringBuilder("<nav class=\"pager ").append(where).append("\">");
        nav.append(navLink(navigation.previous(), "prev", "&larr; " + Html.escape(labels.previous()) + ": ", ""));
        nav.append(navLink(navigation.contents(), "contents", "", ""));
        nav.append(navLink(navigation.next(), "next", Html.escape(labels.next()) + ": ", " &rarr;"));
        return nav.append("</nav>\n").toString();
    }

    private static String navLink(Link link, String rel, String prefix, String suffix) {
        if (link == null) {
            return "<span class=\"" + rel + "\"></span>";
        }
        return "<a class=\"" + rel + "\" rel=\"" + rel + "\" href=\"" + Html.escape(link.href()) + "\">" + prefix
                + Html.escape(link.title()) + suffix + "</a>";
    }

    /** Wraps body HTML in the page skeleton: stylesheet, and the typesetting and highlighting scripts. */
    static String page(String lang, String title, String body) {
        return """
        <!DOCTYPE html>
        <html lang="%s">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        %s
        <style>%s</style>
        </head>
        <body>
        <main>
        %s</main>
        %s
        </body>
        </html>
        """.formatted(Html.escape(lang), Html.escape(title), PageAssets.HEAD, STYLE, body, PageAssets.SCRIPTS);
    }

    private String codeCell(NotebookFile.Cell cell) {
        var html = new StringBuilder("<section class=\"code\">\n");
        var count = cell.json().get("execution_count");
        var prompt = count == null || count.isJsonNull() ? " " : count.getAsString();
        html.append("<div class=\"in\"><span class=\"prompt\">[")
                .append(prompt)
                .append("]</span>")
                .append("<pre><code class=\"language-java\">")
                .append(Html.escape(cell.source()))
                .append("</code></pre></div>\n");
        for (var output : cell.outputs()) {
            html.append(output(output.getAsJsonObject()));
        }
        return html.append("</section>\n").toString();
    }

    String output(JsonObject output) {
        return switch (output.get("output_type").getAsString()) {
            case "stream" ->
                "<pre class=\"out " + Html.escape(output.get("name").getAsString()) + "\">"
                        + Html.escape(stripAnsi(NotebookFile.multiline(output.get("text")))) + "</pre>\n";
            case "error" -> "<pre class=\"out error\">" + Html.escape(stripAnsi(traceback(output))) + "</pre>\n";
            case "display_data", "execute_result" ->
                "<div class=\"out\">" + richOutput(output.getAsJsonObject("data")) + "</div>\n";
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
                var value = mime.equals("application/json")
                        ? data.get(mime).toString()
                        : NotebookFile.multiline(data.get(mime));
                return switch (mime) {
                    // Cell-produced HTML is the notebook author's own markup, shown as Jupyter shows it.
                    case "text/html" -> value;
                    case "image/svg+xml" ->
                        "<img alt=\"" + Html.escape(labels.figure()) + "\" src=\"data:image/svg+xml;base64,"
                                + java.util.Base64.getEncoder()
                                        .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                + "\">";
                    case "image/png", "image/jpeg", "image/gif" ->
                        "<img alt=\"" + Html.escape(labels.figure()) + "\" src=\"data:" + mime + ";base64,"
                                + value.replaceAll("\\s", "") + "\">";
                    case "text/markdown" -> markdown.render(value);
                    case "text/latex" -> latex(value);
                    default -> "<pre>" + Html.escape(stripAnsi(value)) + "</pre>";
                };
            }
        }
        return "";
    }

    /** A text/latex output: its own delimiters ($, $$) stripped, typeset as display math. */
    private static String latex(String value) {
        var tex = value.strip();
        var inner = tex.replaceAll("^\\$+|\\$+$", "");
        return inner.equals(tex) && tex.startsWith("\\begin{")
                ? MarkdownRenderer.mathSpan(tex, "display", "", "")
                : MarkdownRenderer.mathSpan(inner, "display", "\\[", "\\]");
    }

    private static final String STYLE = """
      body{margin:0;background:#fafafa;color:#1d1d1f;font:16px/1.6 "DejaVu Sans",system-ui,sans-serif}
      main{max-width:960px;margin:0 auto;padding:1.5rem 2rem 4rem;background:#fff;min-height:100vh}
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
      .in pre code.hljs{padding:0;background:transparent;overflow:visible}
      .math.display{display:block;overflow-x:auto;margin:.6rem 0}
      .md img{display:block;max-width:100%;height:auto;margin:1rem auto}
      nav.pager{display:flex;justify-content:space-between;gap:1rem;font-size:.9rem;margin:0 0 1rem}
      nav.pager.bottom{margin:2.5rem 0 0;padding-top:1rem;border-top:1px solid #e1e4e8}
      nav.pager .next{text-align:right}
      ul.index li{margin:.3rem 0}
      .status-failed{color:#d73a49;font-weight:600}
      """;

    /** Removes ANSI colour codes, which tracebacks carry for terminals but a page cannot show. */
    private static String stripAnsi(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
    }
}
