package d2l.kernel.maven;

/**
 * A remote Maven repository: {@code %mavenRepo id url}, or a POM's {@code <repository>}. A null
 * {@code url} means the resolver's own Maven Central.
 */
public record Repository(String id, String url) {
    /** Maven Central, under the id that settings.xml mirrors ({@code mirrorOf central}) match. */
    public static final Repository CENTRAL = new Repository("central", null);
}
