package d2l.kernel.runner;

import d2l.kernel.display.Html;
import java.util.Map;

/**
 * Turns the TeX of a formula into readable HTML without a math engine: Greek letters and common
 * operators become Unicode, {@code ^}/{@code _} become superscripts/subscripts, {@code \frac},
 * {@code \sqrt}, accents and font commands get plain-text equivalents. Pages must read well
 * offline, where MathJax or KaTeX cannot be fetched. Unknown commands stay visible as written.
 */
final class TexToHtml {
  private static final Map<String, String> SYMBOLS = Map.ofEntries(
      Map.entry("alpha", "α"), Map.entry("beta", "β"), Map.entry("gamma", "γ"), Map.entry("delta", "δ"),
      Map.entry("epsilon", "ϵ"), Map.entry("varepsilon", "ε"), Map.entry("zeta", "ζ"), Map.entry("eta", "η"),
      Map.entry("theta", "θ"), Map.entry("vartheta", "ϑ"), Map.entry("iota", "ι"), Map.entry("kappa", "κ"),
      Map.entry("lambda", "λ"), Map.entry("mu", "μ"), Map.entry("nu", "ν"), Map.entry("xi", "ξ"),
      Map.entry("pi", "π"), Map.entry("rho", "ρ"), Map.entry("sigma", "σ"), Map.entry("tau", "τ"),
      Map.entry("upsilon", "υ"), Map.entry("phi", "ϕ"), Map.entry("varphi", "φ"), Map.entry("chi", "χ"),
      Map.entry("psi", "ψ"), Map.entry("omega", "ω"), Map.entry("Gamma", "Γ"), Map.entry("Delta", "Δ"),
      Map.entry("Theta", "Θ"), Map.entry("Lambda", "Λ"), Map.entry("Xi", "Ξ"), Map.entry("Pi", "Π"),
      Map.entry("Sigma", "Σ"), Map.entry("Phi", "Φ"), Map.entry("Psi", "Ψ"), Map.entry("Omega", "Ω"),
      Map.entry("ldots", "…"), Map.entry("dots", "…"), Map.entry("cdots", "⋯"), Map.entry("vdots", "⋮"),
      Map.entry("mid", " ∣ "), Map.entry("sim", " ∼ "), Map.entry("approx", " ≈ "), Map.entry("neq", " ≠ "),
      Map.entry("ne", " ≠ "), Map.entry("leq", " ≤ "), Map.entry("le", " ≤ "), Map.entry("geq", " ≥ "),
      Map.entry("ge", " ≥ "), Map.entry("ll", " ≪ "), Map.entry("gg", " ≫ "), Map.entry("times", " × "),
      Map.entry("cdot", " · "), Map.entry("in", " ∈ "), Map.entry("notin", " ∉ "), Map.entry("subset", " ⊂ "),
      Map.entry("to", " → "), Map.entry("rightarrow", " → "), Map.entry("leftarrow", " ← "),
      Map.entry("Rightarrow", " ⇒ "), Map.entry("mapsto", " ↦ "), Map.entry("infty", "∞"), Map.entry("sum", "∑"),
      Map.entry("prod", "∏"), Map.entry("int", "∫"), Map.entry("partial", "∂"), Map.entry("nabla", "∇"), Map.entry("ell", "ℓ"),
      Map.entry("odot", " ⊙ "), Map.entry("otimes", " ⊗ "), Map.entry("oplus", " ⊕ "), Map.entry("propto", " ∝ "),
      Map.entry("pm", " ± "), Map.entry("equiv", " ≡ "), Map.entry("top", "⊤"), Map.entry("prime", "′"),
      Map.entry("forall", "∀"), Map.entry("exists", "∃"), Map.entry("langle", "⟨"), Map.entry("rangle", "⟩"),
      Map.entry("lVert", "‖"), Map.entry("rVert", "‖"), Map.entry("|", "‖"), Map.entry("lbrace", "{"),
      Map.entry("rbrace", "}"), Map.entry("{", "{"), Map.entry("}", "}"), Map.entry("quad", "\u2003"),
      Map.entry("qquad", "\u2003\u2003"), Map.entry(",", "\u2009"), Map.entry(";", " "), Map.entry(":", " "),
      Map.entry("!", ""), Map.entry(" ", " "), Map.entry("%", "%"), Map.entry("$", "$"), Map.entry("_", "_"),
      Map.entry("&", "&"), Map.entry("#", "#"));
  /** Written upright, as TeX sets them. */
  private static final java.util.Set<String> FUNCTIONS = java.util.Set.of(
      "log", "exp", "max", "min", "tanh", "sin", "cos", "arg", "lim", "sup", "inf", "det", "softmax");
  /** Sizing and layout commands with no plain-text meaning. */
  private static final java.util.Set<String> IGNORED = java.util.Set.of(
      "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle",
      "limits", "nolimits", "begin", "end", "nonumber", "label");
  private static final Map<String, String> ACCENTS = Map.of(
      "hat", "\u0302", "widehat", "\u0302", "tilde", "\u0303", "widetilde", "\u0303", "bar", "\u0304",
      "overline", "\u0305", "vec", "\u20D7", "dot", "\u0307");
  private static final Map<Character, String> BLACKBOARD = Map.of(
      'R', "ℝ", 'N', "ℕ", 'Z', "ℤ", 'Q', "ℚ", 'C', "ℂ", 'E', "𝔼", 'P', "ℙ");

  private final String tex;
  private int pos;

  private TexToHtml(String tex) {
    this.tex = tex;
  }

  static String render(String tex) {
    var parser = new TexToHtml(tex);
    var out = new StringBuilder();
    while (parser.pos < tex.length()) {
      out.append(parser.atom());
    }
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  /** One unit: a group, a command with its arguments, a script, or a character. */
  private String atom() {
    var c = tex.charAt(pos);
    switch (c) {
      case '{' -> {
        return group();
      }
      case '}' -> {
        pos++; // Stray closing brace: drop it.
        return "";
      }
      case '\\' -> {
        return command();
      }
      case '^' -> {
        pos++;
        return "<sup>" + argument() + "</sup>";
      }
      case '_' -> {
        pos++;
        return "<sub>" + argument() + "</sub>";
      }
      case '&' -> {
        pos++; // Alignment points in aligned environments.
        return "";
      }
      case '=', '+', '<', '>' -> {
        pos++;
        return " " + Html.escape(String.valueOf(c)) + " ";
      }
      case '-' -> {
        pos++;
        return " − ";
      }
      case ',' -> {
        pos++;
        return ", ";
      }
      case ' ', '\n', '\t' -> {
        pos++; // Spaces are insignificant in math; operators bring their own.
        return "";
      }
      default -> {
        pos++;
        return Html.escape(String.valueOf(c));
      }
    }
  }

  /** {@code {...}} rendered, braces dropped. */
  private String group() {
    pos++; // '{'
    var out = new StringBuilder();
    while (pos < tex.length() && tex.charAt(pos) != '}') {
      out.append(atom());
    }
    pos++; // '}'
    return out.toString();
  }

  /** The argument of a command or script: a group, or else the next single atom. */
  private String argument() {
    while (pos < tex.length() && tex.charAt(pos) == ' ') {
      pos++;
    }
    if (pos >= tex.length()) {
      return "";
    }
    return tex.charAt(pos) == '{' ? group() : atom();
  }

  /** The raw text of the next group, for commands whose argument is text, not math. */
  private String rawGroup() {
    while (pos < tex.length() && tex.charAt(pos) == ' ') {
      pos++;
    }
    if (pos >= tex.length() || tex.charAt(pos) != '{') {
      return "";
    }
    var depth = 0;
    var start = pos + 1;
    for (; pos < tex.length(); pos++) {
      var c = tex.charAt(pos);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        break;
      }
    }
    var text = tex.substring(start, Math.min(pos, tex.length()));
    pos++;
    return text;
  }

  private String command() {
    pos++; // '\'
    if (pos >= tex.length()) {
      return "\\";
    }
    String name;
    if (Character.isLetter(tex.charAt(pos))) {
      var start = pos;
      while (pos < tex.length() && Character.isLetter(tex.charAt(pos))) {
        pos++;
      }
      name = tex.substring(start, pos);
    } else {
      name = String.valueOf(tex.charAt(pos++));
      if (name.equals("\\")) {
        return "<br>";
      }
    }
    if (SYMBOLS.containsKey(name)) {
      return Html.escape(SYMBOLS.get(name));
    }
    if (FUNCTIONS.contains(name)) {
      return "<span class=\"tx\">" + name + "</span>";
    }
    if (IGNORED.contains(name)) {
      if (name.equals("begin") || name.equals("end") || name.equals("label")) {
        rawGroup();
      }
      return "";
    }
    if (ACCENTS.containsKey(name)) {
      return argument() + ACCENTS.get(name);
    }
    return switch (name) {
      case "frac", "dfrac", "tfrac" -> {
        var numerator = argument();
        var denominator = argument();
        yield wrap(numerator) + "/" + wrap(denominator);
      }
      case "sqrt" -> "√" + wrap(argument());
      case "text", "textrm", "mathrm", "operatorname", "textit" ->
          "<span class=\"tx\">" + Html.escape(rawGroup()) + "</span>";
      case "mathbf", "boldsymbol", "bm", "textbf" -> "<b>" + argument() + "</b>";
      case "mathcal", "mathit", "mathsf", "mathtt" -> argument();
      case "mathbb" -> {
        var letters = rawGroup();
        var out = new StringBuilder();
        for (var ch : letters.toCharArray()) {
          out.append(BLACKBOARD.getOrDefault(ch, String.valueOf(ch)));
        }
        yield out.toString();
      }
      default -> Html.escape("\\" + name) + " ";
    };
  }

  /** Parenthesizes a fraction part longer than one symbol, so a/b stays unambiguous. */
  private static String wrap(String part) {
    var plain = part.replaceAll("<[^>]+>", "");
    return plain.codePointCount(0, plain.length()) <= 1 ? part : "(" + part + ")";
  }
}
