package d2l.kernel.runner;

import d2l.kernel.display.Html;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown cells to HTML with CommonMark (plus GitHub tables). As Jupyter does, TeX between
 * {@code $...$}, {@code $$...$$} and in {@code \begin{env}...\end{env}} is lifted out before
 * parsing, so Markdown never eats its underscores and backslashes, and put back afterwards as
 * escaped TeX in a {@code math} span for MathJax to typeset in the browser.
 */
public final class MarkdownRenderer {
    private static final Pattern PLACEHOLDER = Pattern.compile("D2LMATH(\\d+)X");
    private static final Pattern BEGIN = Pattern.compile("\\\\begin\\{([A-Za-z]+\\*?)\\}");

    private final Parser parser =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    public String render(String markdown) {
        var math = new ArrayList<Lifted>();
        var document = parser.parse(liftMath(markdown, math));
        var ids = new HashMap<String, Integer>();
        var renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    linkToPage(node, attributes);
                    if (node instanceof Heading heading) {
                        attributes.put("id", uniqueId(anchor(heading, math), ids));
                    }
                })
                .build();
        var html = renderer.render(document);
        return PLACEHOLDER
                .matcher(html)
                .replaceAll(m -> Matcher.quoteReplacement(math.get(index(m)).html()));
    }

    /** The relative sources of the images the markdown shows ({@code img/rnn.svg}), in order. */
    public Set<String> imageSources(String markdown) {
        var sources = new LinkedHashSet<String>();
        parser.parse(liftMath(markdown, new ArrayList<>())).accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                var src = image.getDestination();
                if (!src.isEmpty() && !src.contains(":") && !src.startsWith("/") && !src.startsWith("#")) {
                    sources.add(src);
                }
                visitChildren(image);
            }
        });
        return sources;
    }

    /**
     * Links between notebooks ({@code rnn.ipynb#section}) point at their HTML pages instead, which
     * sit side by side in the output directory.
     */
    private static void linkToPage(Node node, Map<String, String> attributes) {
        if (node instanceof Link) {
            var href = attributes.get("href");
            if (href != null && !href.contains("://") && href.matches("[^#?]*\\.ipynb([#?].*)?")) {
                attributes.put("href", href.replaceFirst("\\.ipynb", ".html"));
            }
        }
    }

    /**
     * A heading's anchor as JupyterLab makes it, its text with spaces as dashes ({@code
     * #Truncating-the-Sum}), so a link into a notebook finds the same section on its page.
     */
    private static String anchor(Heading heading, List<Lifted> math) {
        var text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(PLACEHOLDER
                        .matcher(node.getLiteral())
                        .replaceAll(
                                m -> Matcher.quoteReplacement(math.get(index(m)).tex())));
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }
        });
        var id = text.toString().strip().replaceAll("\\s+", "-");
        return id.isEmpty() ? "section" : id;
    }

    private static String uniqueId(String id, Map<String, Integer> seen) {
        var count = seen.merge(id, 1, Integer::sum);
        return count == 1 ? id : id + "-" + (count - 1);
    }

    private static int index(java.util.regex.MatchResult placeholder) {
        return Integer.parseInt(placeholder.group(1));
    }

    /** One math span taken out of the markdown: its TeX and the HTML that replaces it. */
    record Lifted(String tex, String html) {}

    /**
     * Replaces each math span by a placeholder and stores it in {@code math}. Code spans and
     * fenced code blocks are copied untouched, since a dollar there is just a dollar.
     */
    static String liftMath(String text, List<Lifted> math) {
        var out = new StringBuilder();
        var i = 0;
        var n = text.length();
        while (i < n) {
            var atLineStart = i == 0 || text.charAt(i - 1) == '\n';
            Matcher begin;
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
                    out.append(placeholder(math, text.substring(i + 2, close), "display", "\\[", "\\]"));
                    i = close + 2;
                }
            } else if (text.charAt(i) == '$') {
                var close = closingDollar(text, i + 1);
                if (close < 0) {
                    out.append('$');
                    i++;
                } else {
                    out.append(placeholder(math, text.substring(i + 1, close), "inline", "\\(", "\\)"));
                    i = close + 1;
                }
            } else if (text.startsWith("\\begin{", i)
                    && (begin = BEGIN.matcher(text).region(i, n)).lookingAt()) {
                // An environment on its own is display math to Jupyter; MathJax finds it without delimiters.
                var endTag = "\\end{" + begin.group(1) + "}";
                var close = text.indexOf(endTag, begin.end());
                if (close < 0) {
                    out.append(begin.group());
                    i = begin.end();
                } else {
                    var end = close + endTag.length();
                    out.append(placeholder(math, text.substring(i, end), "display", "", ""));
                    i = end;
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

    private static String placeholder(List<Lifted> math, String tex, String kind, String open, String close) {
        math.add(new Lifted(tex.strip(), mathSpan(tex, kind, open, close)));
        return "D2LMATH" + (math.size() - 1) + "X";
    }

    /** TeX as MathJax finds it: escaped text between its delimiters, in a span the page typesets. */
    static String mathSpan(String tex, String kind, String open, String close) {
        return "<span class=\"math " + kind + "\">" + open + Html.escape(tex.strip()) + close + "</span>";
    }
}
