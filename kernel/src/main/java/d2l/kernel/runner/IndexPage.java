package d2l.kernel.runner;

import d2l.kernel.display.Html;
import java.util.List;

/** The contents page linking every executed notebook's HTML page, in run order. */
public final class IndexPage {
  /** One line of the contents: the page file, its title and whether it ran through. */
  public record Entry(String href, String title, boolean passed) {}

  private IndexPage() {}

  /** A contents page of its own, for a run without an index notebook. */
  public static String render(String heading, List<Entry> entries, HtmlPage.Navigation navigation, PageLabels labels) {
    var body = "<h1>" + Html.escape(heading) + "</h1>\n" + list(entries, labels);
    return new HtmlPage(labels).wrap(heading, navigation, body);
  }

  /** The list alone, appended to a chapter's own index notebook when the run has one. */
  public static String section(List<Entry> entries, PageLabels labels) {
    return "<section class=\"contents\">\n<h2 id=\"contents\">" + Html.escape(labels.pagesOfRun()) + "</h2>\n"
        + list(entries, labels) + "</section>\n";
  }

  private static String list(List<Entry> entries, PageLabels labels) {
    var body = new StringBuilder("<ul class=\"index\">\n");
    for (var entry : entries) {
      body.append("<li><a href=\"").append(Html.escape(entry.href())).append("\">")
          .append(Html.escape(entry.title())).append("</a>");
      if (!entry.passed()) {
        body.append(" <span class=\"status-failed\">(").append(Html.escape(labels.failed())).append(")</span>");
      }
      body.append("</li>\n");
    }
    return body.append("</ul>\n").toString();
  }
}
