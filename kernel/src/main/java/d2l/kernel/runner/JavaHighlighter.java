package d2l.kernel.runner;

import d2l.kernel.display.Html;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Marks up Java cell source with spans for keywords, literals, comments, annotations and
 * kernel magics. A tokenizer, not a parser: it only has to look right on a page.
 */
public final class JavaHighlighter {
  private static final Set<String> KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
      "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
      "native", "new", "package", "private", "protected", "public", "return", "short", "static",
      "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
      "void", "volatile", "while", "var", "record", "yield", "sealed", "permits", "true", "false",
      "null");

  private static final Pattern TOKEN = Pattern.compile(
      "(?<magic>^%%?\\w+[^\\n]*)"
          + "|(?<comment>//[^\\n]*|/\\*.*?(?:\\*/|\\z))"
          + "|(?<string>\"\"\".*?(?:\"\"\"|\\z)|\"(?:\\\\.|[^\"\\\\\\n])*\"?|'(?:\\\\.|[^'\\\\\\n])*'?)"
          + "|(?<annotation>@\\w+)"
          + "|(?<number>\\b\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[lLfFdD]?\\b)"
          + "|(?<word>\\b[A-Za-z_$][\\w$]*\\b)",
      Pattern.MULTILINE | Pattern.DOTALL);

  private JavaHighlighter() {}

  public static String toHtml(String source) {
    var out = new StringBuilder();
    var matcher = TOKEN.matcher(source);
    var last = 0;
    while (matcher.find()) {
      out.append(Html.escape(source.substring(last, matcher.start())));
      var token = matcher.group();
      var css = cssClass(matcher, token);
      if (css == null) {
        out.append(Html.escape(token));
      } else {
        out.append("<span class=\"").append(css).append("\">").append(Html.escape(token)).append("</span>");
      }
      last = matcher.end();
    }
    out.append(Html.escape(source.substring(last)));
    return out.toString();
  }

  private static String cssClass(java.util.regex.Matcher m, String token) {
    if (m.group("magic") != null) {
      return "mg";
    } else if (m.group("comment") != null) {
      return "cm";
    } else if (m.group("string") != null) {
      return "st";
    } else if (m.group("annotation") != null) {
      return "an";
    } else if (m.group("number") != null) {
      return "nu";
    } else if (KEYWORDS.contains(token)) {
      return "kw";
    } else if (Character.isUpperCase(token.charAt(0))) {
      return "ty";
    }
    return null;
  }
}
