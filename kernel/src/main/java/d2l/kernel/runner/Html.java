package d2l.kernel.runner;

/** HTML escaping shared by the page writers. */
final class Html {
  private Html() {}

  static String escape(String text) {
    var out = new StringBuilder(text.length() + 16);
    for (var i = 0; i < text.length(); i++) {
      var c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Removes ANSI colour codes, which tracebacks carry for terminals but a page cannot show. */
  static String stripAnsi(String text) {
    return text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
  }
}
