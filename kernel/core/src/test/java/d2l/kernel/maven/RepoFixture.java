package d2l.kernel.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A Maven repository on disk, made by the test (no network): compiled jars and POMs in Maven's
 * layout under {@code root}.
 * <ul>
 * <li>{@code org.example:words:1.0}: {@code org.example.words.Words.greeting()} is "Hello"; its POM
 *     has a test-scoped dependency on {@code org.example:absent:1.0}, which is in no repository.</li>
 * <li>{@code org.example:greeter:1.0}: {@code org.example.greeter.Greeter.hi(name)}, "Hello, name";
 *     depends on words (compile).</li>
 * <li>{@code org.example:shout:1.0}: {@code org.example.shout.Shout.loud(s)}, s in capitals.</li>
 * <li>{@code org.example:bom:1.0}: a BOM managing greeter at 1.0.</li>
 * </ul>
 */
public final class RepoFixture {
    public final Path root;

    public RepoFixture(Path root) throws IOException {
        this.root = root;
        artifact(
                "words",
                "package org.example.words; public class Words { public static String greeting() { return \"Hello\"; } }",
                dependency("absent", "test"));
        artifact(
                "greeter",
                "package org.example.greeter; public class Greeter { public static String hi(String name) {"
                        + " return org.example.words.Words.greeting() + \", \" + name; } }",
                dependency("words", null));
        artifact(
                "shout",
                "package org.example.shout; public class Shout { public static String loud(String s) {"
                        + " return s.toUpperCase(); } }");
        pom(
                "bom",
                "pom",
                "<dependencyManagement><dependencies>" + dependency("greeter", null)
                        + "</dependencies></dependencyManagement>");
    }

    /** Writes {@code file} and its {@code .sha1}, which Maven Resolver checks. */
    private static void withChecksum(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        try {
            var sha1 = java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), sha1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code file:} URL of the repository. */
    public String url() {
        return root.toUri().toString();
    }

    /** A settings.xml: this local repository, optionally offline, optionally every repository mirrored here. */
    public String settings(Path localRepository, boolean offline, boolean mirrorEverything) {
        return "<settings><localRepository>" + localRepository + "</localRepository><offline>" + offline + "</offline>"
                + (mirrorEverything
                        ? "<mirrors><mirror><id>fixture</id><mirrorOf>*</mirrorOf><url>" + url()
                                + "</url></mirror></mirrors>"
                        : "")
                + "</settings>";
    }

    private static String dependency(String artifactId, String scope) {
        return "<dependency><groupId>org.example</groupId><artifactId>" + artifactId
                + "</artifactId><version>1.0</version>" + (scope == null ? "" : "<scope>" + scope + "</scope>")
                + "</dependency>";
    }

    private void artifact(String artifactId, String source, String... dependencies) throws IOException {
        Path dir = pom(artifactId, "jar", "<dependencies>" + String.join("", dependencies) + "</dependencies>");
        compileInto(dir.resolve(artifactId + "-1.0.jar"), source);
    }

    private Path pom(String artifactId, String packaging, String body) throws IOException {
        Path dir = root.resolve("org/example/" + artifactId + "/1.0");
        Files.createDirectories(dir);
        withChecksum(
                dir.resolve(artifactId + "-1.0.pom"),
                ("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                                + "<modelVersion>4.0.0</modelVersion><groupId>org.example</groupId><artifactId>"
                                + artifactId
                                + "</artifactId><version>1.0</version><packaging>" + packaging + "</packaging>" + body
                                + "</project>")
                        .getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    /** Compiles one class against the jars already in the repository and writes it as a jar. */
    private void compileInto(Path jar, String source) throws IOException {
        String name = source.replaceAll("(?s)package ([\\w.]+);.*?class (\\w+).*", "$1.$2");
        Path classes = Files.createTempDirectory("fixture-classes");
        var classpath = new ArrayList<String>();
        try (var files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".jar")).forEach(p -> classpath.add(p.toString()));
        }
        var compiler = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file =
                new SimpleJavaFileObject(
                        URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
        var options = List.of(
                "-d", classes.toString(), "-cp", String.join(java.io.File.pathSeparator, classpath), "--release", "17");
        if (!compiler.getTask(null, null, null, options, null, List.of(file)).call())
            throw new IOException("fixture class did not compile: " + source);
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = bytes;
                var jarOut = new JarOutputStream(out);
                var walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(
                        new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(p));
                jarOut.closeEntry();
            }
        }
        withChecksum(jar, bytes.toByteArray());
    }

    /** Writes {@code text} to {@code file}, creating its directory. */
    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
