package d2l.kernel.maven;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One dependency to resolve, as a POM's {@code <dependency>} says it (or a {@code %maven}
 * coordinate). {@code exclusions} are {@code groupId:artifactId} pairs ({@code *} allowed).
 */
public record Dependency(
        String groupId,
        String artifactId,
        String version,
        String type,
        String classifier,
        String scope,
        boolean optional,
        List<String> exclusions,
        String systemPath) {
    /** IJava's form: {@code groupId:artifactId[:packaging[:classifier]]:version}. */
    private static final Pattern COORDINATE = Pattern.compile(
            "(?<group>[^:\\s]+):(?<artifact>[^:\\s]+)(?::(?<type>[^:\\s]*)(?::(?<classifier>[^:\\s]+))?)?:(?<version>[^:\\s]+)");

    public Dependency {
        type = type == null || type.isBlank() ? "jar" : type;
        classifier = classifier == null ? "" : classifier;
        scope = scope == null || scope.isBlank() ? "compile" : scope;
        exclusions = List.copyOf(exclusions);
    }

    /** Parses a {@code %maven} coordinate, or says what form it should have. */
    public static Dependency parse(String coordinate) {
        var m = COORDINATE.matcher(coordinate);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + coordinate + "' is not a Maven coordinate: write "
                    + "groupId:artifactId:version (or groupId:artifactId:packaging[:classifier]:version), "
                    + "e.g. org.apache.commons:commons-lang3:3.17.0");
        }
        return new Dependency(
                m.group("group"),
                m.group("artifact"),
                m.group("version"),
                m.group("type"),
                m.group("classifier"),
                "compile",
                false,
                List.of(),
                null);
    }

    /** {@code groupId:artifactId[:type[:classifier]]:version}, as the coordinate is written (no version if it has none yet). */
    public String coordinate() {
        var s = new StringBuilder(groupId).append(':').append(artifactId);
        if (!type.equals("jar") || !classifier.isEmpty()) s.append(':').append(type);
        if (!classifier.isEmpty()) s.append(':').append(classifier);
        return version == null ? s.toString() : s.append(':').append(version).toString();
    }
}
