package d2l.kernel.maven;

/** A remote Maven repository: {@code %mavenRepo id url}, or a POM's {@code <repository>}. */
public record Repository(String id, String url) {
    /** Maven Central, under the id that settings.xml mirrors ({@code mirrorOf central}) match. */
    public static final Repository CENTRAL = new Repository("central", "https://repo.maven.apache.org/maven2/");
}
