package d2l.exercise;

/**
 * A sentence in both editions' languages. The notebooks' code cells are the same in English and
 * Vietnamese, so a check carries both and the output shows the one of the notebook's language.
 */
public record Text(String en, String vi) {
    public Text {
        if (en == null || vi == null)
            throw new IllegalArgumentException("a text needs both its English and its Vietnamese");
    }

    /** The sentence in {@code lang} ("en" or "vi"; anything else gets English). */
    public String in(String lang) {
        return "vi".equals(lang) ? vi : en;
    }

    /** Both sentences with the same values filled in ({@link String#formatted}). */
    public Text formatted(Object... args) {
        return new Text(en.formatted(args), vi.formatted(args));
    }
}
