package d2l.exercise;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verdict of one check, shown as a check cell's value. Its {@code text/html} is the sentence
 * in the notebook's language ({@link Language}); its {@code text/plain} is the points earned,
 * which is how nbgrader reads partial credit from an autograder cell's result. Its output metadata
 * carries the sentence in every language ({@code d2l.translations}), so an edition that reuses
 * another's outputs can show its own.
 */
public final class Check {
    public enum Status {
        PASSED,
        NOT_DONE,
        WRONG
    }

    private final String gradeId;
    private final Status status;
    private final double points;
    private final double maxPoints;
    private final Text what;
    private final Text hint;

    private Check(String gradeId, Status status, double points, double maxPoints, Text what, Text hint) {
        this.gradeId = gradeId;
        this.status = status;
        this.points = points;
        this.maxPoints = maxPoints;
        this.what = what;
        this.hint = hint;
    }

    static Check passed(String gradeId, double points, Text right) {
        return new Check(gradeId, Status.PASSED, points, points, right, null);
    }

    static Check notDone(String gradeId, double points) {
        return new Check(gradeId, Status.NOT_DONE, 0, points, Messages.NOT_DONE, null);
    }

    static Check failed(String gradeId, double points, Text what, Text hint) {
        return new Check(gradeId, Status.WRONG, 0, points, what, hint);
    }

    public String gradeId() {
        return gradeId;
    }

    public Status status() {
        return status;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public double points() {
        return points;
    }

    public double maxPoints() {
        return maxPoints;
    }

    /** The verdict as one plain sentence in {@code lang}. */
    public String message(String lang) {
        return switch (status) {
            case PASSED -> Messages.PASSED.in(lang) + ": " + what.in(lang);
            case NOT_DONE -> what.in(lang);
            case WRONG ->
                Messages.NOT_YET.in(lang) + ": " + what.in(lang) + ". " + Messages.HINT.in(lang) + ": " + hint.in(lang);
        };
    }

    /** The output a check cell shows, in the current language. */
    public Map<String, String> mimeBundle() {
        return bundle(Language.current());
    }

    /** The output's metadata: the bundle in each language, for an edition that reuses this output. */
    public Map<String, Object> mimeMetadata() {
        var translations = new LinkedHashMap<String, Object>();
        for (var lang : new String[] {"en", "vi"}) translations.put(lang, bundle(lang));
        return Map.of("d2l", Map.of("translations", translations));
    }

    Map<String, String> bundle(String lang) {
        var bundle = new LinkedHashMap<String, String>();
        bundle.put("text/plain", score());
        bundle.put("text/html", html(lang));
        return bundle;
    }

    /** The points earned, as nbgrader reads them from an autograder cell ("0", "1", "0.5"). */
    String score() {
        return format(points);
    }

    private static String format(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    private String html(String lang) {
        var colour =
                switch (status) {
                    case PASSED -> "#1a7f37";
                    case NOT_DONE -> "#6e7781";
                    case WRONG -> "#b35900";
                };
        var mark =
                switch (status) {
                    case PASSED -> "✔";
                    case NOT_DONE -> "✎";
                    case WRONG -> "✘";
                };
        return "<div class=\"d2l-check\" style=\"border-left: 4px solid " + colour + "; padding: 0.3em 0.8em\">"
                + mark + " " + escape(message(lang)).replaceAll("`([^`]*)`", "<code>$1</code>")
                + " <span style=\"color: #6e7781\">(" + score() + "/" + format(maxPoints)
                + " " + Messages.POINTS.in(lang) + ")</span></div>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return message(Language.current());
    }
}
