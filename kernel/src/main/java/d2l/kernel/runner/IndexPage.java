package d2l.kernel.runner;

import java.util.List;

/** The contents page linking every executed notebook's HTML page, in run order. */
public final class IndexPage {
  /** One line of the contents: the page file, its title and whether it ran through. */
  public record Entry(String href, String title, boolean passed) {}

  private IndexPage() {}

  public static String render(String heading, List<Entry> entries) {
    var body = new StringBuilder("<h1>").append(Html.escape(heading)).append("</h1>\n<ul class=\"index\">\n");
    for (var entry : entries) {
      body.append("<li><a href=\"").append(Html.escape(entry.href())).append("\">")
          .append(Html.escape(entry.title())).append("</a>");
      if (!entry.passed()) {
        body.append(" <span class=\"status-failed\">(failed)</span>");
      }
      body.append("</li>\n");
    }
    body.append("</ul>\n");
    return HtmlPage.page(heading, body.toString());
  }
}
