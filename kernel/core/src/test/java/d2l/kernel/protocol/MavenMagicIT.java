package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.client.WireClient;
import d2l.kernel.maven.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IJava's Maven magics over the kernel's real sockets, with no {@code mvn} on the kernel's PATH and
 * a Maven user home of the test's own ({@code -Duser.home}): its settings.xml mirrors Central to an
 * empty repository and keeps a fresh local repository, so every artifact comes from the
 * repository the test builds, by the route each magic takes, and nothing from the network.
 */
class MavenMagicIT {
    @TempDir
    Path dir;

    RepoFixture repo;
    Path local;
    String fixture;

    @BeforeEach
    void setUp() throws Exception {
        repo = new RepoFixture(dir.resolve("repo"));
        fixture = repo.url();
        local = dir.resolve("local");
        Path empty = Files.createDirectories(dir.resolve("empty-central"));
        RepoFixture.write(
                dir.resolve("home/.m2/settings.xml"),
                "<settings><localRepository>" + local + "</localRepository>"
                        + "<mirrors><mirror><id>no-central</id><mirrorOf>central</mirrorOf><url>" + empty.toUri()
                        + "</url></mirror></mirrors>"
                        + "</settings>");
    }

    private LaunchedKernel kernel() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String path = Path.of(java).getParent().toString(); // a PATH with java and no mvn
        assertFalse(Files.exists(Path.of(path, "mvn")), "the test's PATH should hold no mvn: " + path);
        return LaunchedKernel.withJvmOptions(
                java,
                List.of("-Duser.home=" + dir.resolve("home")),
                Map.of("PATH", path, "MAVEN_HOME", "", "M2_HOME", ""));
    }

    private static String error(WireClient.Exchange e) {
        assertEquals("error", e.status(), "expected an error: " + e.reply().content());
        return e.reply().content().get("evalue").getAsString();
    }

    private static void ok(WireClient.Exchange e) {
        assertEquals("ok", e.status(), () -> e.reply().content() + "\nstderr: " + e.streamText("stderr"));
    }

    @Test
    void mavenAndMavenRepoInOneCellThenAliasesAndErrors() throws Exception {
        try (var kernel = kernel()) {
            // %mavenRepo must not stop the %maven line after it.
            ok(kernel.execute("%mavenRepo fixture " + fixture + "\n%maven org.example:greeter:1.0"));
            var hi = kernel.execute("org.example.greeter.Greeter.hi(\"IJava\")");
            ok(hi);
            assertEquals("Hello, IJava", hi.resultText());
            assertTrue(
                    Files.isRegularFile(local.resolve("org/example/words/1.0/words-1.0.jar")),
                    "the transitive dependency is in settings.xml's local repository");

            var verbose = kernel.execute(
                    "%addMavenRepo again " + fixture + "\n%addMavenDependency -v org.example:shout:1.0 --from again");
            ok(verbose);
            assertTrue(verbose.streamText("stdout").contains("shout-1.0.jar"), verbose.streamText("stdout"));
            ok(kernel.execute("%addMavenDependencies org.example:greeter:1.0 org.example:shout:1.0"));
            assertEquals(
                    "LOUD",
                    kernel.execute("org.example.shout.Shout.loud(\"loud\")").resultText());

            String missing = error(kernel.execute("%maven org.example:nothing:3.1"));
            assertTrue(
                    missing.startsWith(
                            "%maven: could not resolve org.example:nothing:3.1: not found in the repositories searched."),
                    missing);
            assertTrue(missing.contains("org.example:nothing:jar:3.1"), missing);
            String bad = error(kernel.execute("%maven commons-lang3"));
            assertTrue(bad.contains("'commons-lang3' is not a Maven coordinate"), bad);
            assertTrue(error(kernel.execute("%mavenRepo default " + fixture)).contains("cannot use 'default'"));
            assertTrue(error(kernel.execute("%mavenRepo onlyAnId")).contains("needs an id and a URL"));
            assertTrue(error(kernel.execute("%maven org.example:shout:1.0 --from elsewhere"))
                    .contains("no repository has that id"));
            // The kernel goes on.
            assertEquals("2", kernel.execute("1 + 1").resultText());
        }
    }

    @Test
    void loadFromPomByFragmentFileAndWholeProjectWithScopes() throws Exception {
        String repository = "<repository><id>fixture</id><url>" + fixture + "</url></repository>";
        try (var kernel = kernel()) {
            // Central (mirrored to an empty repository) has nothing: the POM's own repository serves.
            ok(kernel.execute("%%loadFromPOM\n" + repository + "\n<dependency>\n  <groupId>org.example</groupId>\n"
                    + "  <artifactId>greeter</artifactId>\n  <version>1.0</version>\n</dependency>\n"));
            assertEquals(
                    "Hello, POM",
                    kernel.execute("org.example.greeter.Greeter.hi(\"POM\")").resultText());

            // Scopes: a test-scoped dependency is skipped by default, taken when named.
            Path pom = RepoFixture.write(
                    dir.resolve("notebook/pom.xml"),
                    "<project><modelVersion>4.0.0</modelVersion>"
                            + "<groupId>g</groupId><artifactId>a</artifactId><version>1</version>"
                            + "<repositories>" + repository
                            + "</repositories><dependencies><dependency><groupId>org.example</groupId>"
                            + "<artifactId>shout</artifactId><version>1.0</version><scope>test</scope></dependency></dependencies></project>");
            ok(kernel.execute("%loadFromPOM " + pom));
            assertFalse(
                    Files.exists(local.resolve("org/example/shout")),
                    "a test-scoped dependency is not resolved by default");
            ok(kernel.execute("%loadFromPOM " + pom + " test"));
            assertEquals(
                    "POM",
                    kernel.execute("org.example.shout.Shout.loud(\"pom\")").resultText());

            // A whole project, its version from an imported BOM.
            ok(kernel.execute(
                    "%%loadFromPOM\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                            + "<groupId>g</groupId><artifactId>whole</artifactId><version>1</version><repositories>"
                            + repository
                            + "</repositories><dependencyManagement><dependencies><dependency><groupId>org.example</groupId>"
                            + "<artifactId>bom</artifactId><version>1.0</version><type>pom</type><scope>import</scope></dependency>"
                            + "</dependencies></dependencyManagement><dependencies><dependency><groupId>org.example</groupId>"
                            + "<artifactId>greeter</artifactId></dependency></dependencies></project>"));

            String notXml = error(kernel.execute("%%loadFromPOM\n<dependency><groupId>x</groupId>"));
            assertTrue(notXml.startsWith("%%loadFromPOM: the cell is not well-formed XML"), notXml);
            String missing = error(
                    kernel.execute(
                            "%%loadFromPOM\n" + repository
                                    + "<dependency><groupId>org.example</groupId><artifactId>absent</artifactId><version>1.0</version></dependency>"));
            assertTrue(
                    missing.startsWith("%%loadFromPOM: could not resolve org.example:absent:1.0: not found"), missing);
            String noFile = error(kernel.execute("%loadFromPOM " + dir.resolve("nowhere.xml")));
            assertTrue(noFile.contains("no POM file at"), noFile);
            assertTrue(error(kernel.execute("%loadFromPOM")).contains("requires at least the path to the POM file"));
        }
    }

    @Test
    void aDependencyOfADependencyThatIsMissingIsNamedWithItsPath() throws Exception {
        // greeter needs words; a repository with greeter alone.
        Path partial = dir.resolve("partial");
        for (String f : List.of("greeter-1.0.jar", "greeter-1.0.pom", "greeter-1.0.jar.sha1", "greeter-1.0.pom.sha1")) {
            Path target = partial.resolve("org/example/greeter/1.0/" + f);
            Files.createDirectories(target.getParent());
            Files.copy(repo.root.resolve("org/example/greeter/1.0/" + f), target);
        }
        try (var kernel = kernel()) {
            String e =
                    error(kernel.execute("%mavenRepo partial " + partial.toUri() + "\n%maven org.example:greeter:1.0"));
            assertTrue(e.startsWith("%maven: could not resolve org.example:greeter:1.0: not found"), e);
            assertTrue(e.contains("org.example:words"), e);
        }
    }
}
