package d2l.kernel.runner;

import d2l.kernel.display.Html;
import java.util.List;
import java.util.Map;

/** The contents page linking every executed notebook's HTML page, in run order. */
public final class IndexPage {
    /** One line of the contents: the page file, its title and whether it ran through. */
    public record Entry(String href, String title, boolean passed) {}

    private IndexPage() {}

    /** A contents page of its own, for a run without an index notebook. */
    public static String render(
            String heading,
            List<Entry> entries,
            HtmlPage.Navigation navigation,
            PageLabels labels,
            Map<String, String> editions) {
        var body = "<h1>" + Html.escape(heading) + "</h1>\n" + list(entries, labels) + editions(editions, labels);
        return new HtmlPage(labels).wrap(heading, navigation, body);
    }

    /** The list alone, appended to a chapter's own index notebook when the run has one. */
    /** The list, and links to the other editions of the chapter (language to page, e.g. vi to vi/index.html). */
    public static String section(List<Entry> entries, PageLabels labels, Map<String, String> editions) {
        return "<section class=\"contents\">\n<h2 id=\"contents\">" + Html.escape(labels.pagesOfRun()) + "</h2>\n"
                + list(entries, labels) + editions(editions, labels) + "</section>\n";
    }

    static String editions(Map<String, String> editions, PageLabels labels) {
        if (editions.isEmpty()) return "";
        var links = editions.entrySet().stream()
                .map(e -> "<a href=\"" + Html.escape(e.getValue()) + "\">"
                        + Html.escape(PageLabels.of(e.getKey()).languageName()) + "</a>")
                .collect(java.util.stream.Collectors.joining(" · "));
        return "<p class=\"editions\">" + Html.escape(labels.otherEditions()) + ": " + links + "</p>\n";
    }

    private static String list(List<Entry> entries, PageLabels labels) {
        var body = new StringBuilder("<ul class=\"index\">\n");
        for (var entry : entries) {
            body.append("<li><a href=\"")
                    .append(Html.escape(entry.href()))
                    .append("\">")
                    .append(Html.escape(entry.title()))
                    .append("</a>");
            if (!entry.passed()) {
                body.append(" <span class=\"status-failed\">(")
                        .append(Html.escape(labels.failed()))
                        .append(")</span>");
            }
            body.append("</li>\n");
        }
        return body.append("</ul>\n").toString();
    }
}
