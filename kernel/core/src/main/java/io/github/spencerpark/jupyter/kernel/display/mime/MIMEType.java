package io.github.spencerpark.jupyter.kernel.display.mime;

import java.util.Locale;

/**
 * A MIME type such as {@code image/png} or {@code image/*}, for IJava renderer registrations
 * ({@code .preferring(MIMEType.TEXT_HTML)}). Compatibility type of the d2l kernel: the same names as
 * jupyter-jvm-basekernel's, written anew; trees and suffixes ({@code image/svg+xml}) are kept as
 * part of the subtype.
 */
public final class MIMEType {
    public static final String WILDCARD = "*";
    public static final MIMEType ANY = new MIMEType(WILDCARD, WILDCARD);

    public static final MIMEType APPLICATION_XML = parse("application/xml");
    public static final MIMEType APPLICATION_JSON = parse("application/json");
    public static final MIMEType APPLICATION_JAVASCRIPT = parse("application/javascript");
    public static final MIMEType APPLICATION_PDF = parse("application/pdf");
    public static final MIMEType TEXT_HTML = parse("text/html");
    public static final MIMEType TEXT_MARKDOWN = parse("text/markdown");
    public static final MIMEType TEXT_LATEX = parse("text/latex");
    public static final MIMEType TEXT_PLAIN = parse("text/plain");
    public static final MIMEType TEXT_CSS = parse("text/css");
    public static final MIMEType IMAGE_PNG = parse("image/png");
    public static final MIMEType IMAGE_JPEG = parse("image/jpeg");
    public static final MIMEType IMAGE_GIF = parse("image/gif");
    public static final MIMEType IMAGE_SVG = parse("image/svg+xml");

    private final String group;
    private final String subtype;

    public MIMEType(String group, String subtype) {
        this.group = group;
        this.subtype = subtype;
    }

    /** {@code group/subtype}, {@code group/*} or {@code group} alone (meaning {@code group/*}). */
    public static MIMEType parse(String raw) {
        String type = raw.strip().toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) type = type.substring(0, semicolon).strip();
        int slash = type.indexOf('/');
        if (type.isEmpty() || slash == 0 || slash == type.length() - 1)
            throw new IllegalArgumentException("Not a MIME type: '" + raw + "' (expected e.g. image/png)");
        return slash < 0
                ? new MIMEType(type, WILDCARD)
                : new MIMEType(type.substring(0, slash), type.substring(slash + 1));
    }

    public String getGroup() {
        return group;
    }

    public String getSubtype() {
        return subtype;
    }

    public boolean isWildcard() {
        return WILDCARD.equals(group);
    }

    public boolean subtypeIsWildcard() {
        return WILDCARD.equals(subtype);
    }

    /** Whether this type, wildcards included, covers {@code other}. */
    public boolean covers(MIMEType other) {
        return isWildcard() || group.equals(other.group) && (subtypeIsWildcard() || subtype.equals(other.subtype));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MIMEType t && t.group.equals(group) && t.subtype.equals(subtype);
    }

    @Override
    public int hashCode() {
        return group.hashCode() * 31 + subtype.hashCode();
    }

    @Override
    public String toString() {
        return group + "/" + subtype;
    }
}
