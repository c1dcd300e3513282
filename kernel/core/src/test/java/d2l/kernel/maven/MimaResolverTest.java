package d2l.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maven Resolver in process against a repository the test makes, with a Maven user home of its own
 * (settings.xml and local repository): transitive dependencies, settings.xml's local repository,
 * mirrors and offline mode, and the errors a user sees.
 */
class MimaResolverTest {
    @TempDir
    Path dir;

    RepoFixture repo;
    Path home;
    Path local;

    @BeforeEach
    void setUp() throws Exception {
        repo = new RepoFixture(dir.resolve("repo"));
        home = dir.resolve("m2");
        local = dir.resolve("local");
    }

    private Resolver resolver(boolean offline, boolean mirror) throws Exception {
        RepoFixture.write(home.resolve("settings.xml"), repo.settings(local, offline, mirror));
        return ResolverLoader.load(home);
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    @Test
    void resolvesTransitiveRuntimeDependenciesIntoTheSettingsLocalRepository() throws Exception {
        var files = resolver(false, false)
                .resolve(
                        List.of(Dependency.parse("org.example:greeter:1.0")),
                        List.of(),
                        List.of(new Repository("fixture", repo.url())));
        // words comes with greeter; words' test-scoped dependency (in no repository) does not.
        assertEquals(List.of("greeter-1.0.jar", "words-1.0.jar"), names(files));
        for (Path f : files)
            assertTrue(f.startsWith(local), f + " is not in settings.xml's <localRepository> " + local);
    }

    @Test
    void aMirrorInSettingsServesCentral() throws Exception {
        var files = resolver(false, true)
                .resolve(List.of(Dependency.parse("org.example:shout:1.0")), List.of(), List.of(Repository.CENTRAL));
        assertEquals(List.of("shout-1.0.jar"), names(files));
    }

    @Test
    void offlineModeUsesTheLocalRepositoryAndSaysWhyOtherwise() throws Exception {
        resolver(false, false)
                .resolve(
                        List.of(Dependency.parse("org.example:shout:1.0")),
                        List.of(),
                        List.of(new Repository("fixture", repo.url())));
        // Offline, the same repository id at an address where nothing listens: what the local
        // repository holds is found, anything else is refused with the reason (file: repositories
        // stay usable offline, as in Maven, so the test uses http).
        var offline = resolver(true, false);
        var unreachable = new Repository("fixture", "http://127.0.0.1:" + closedPort() + "/maven2/");
        assertEquals(
                List.of("shout-1.0.jar"),
                names(offline.resolve(
                        List.of(Dependency.parse("org.example:shout:1.0")), List.of(), List.of(unreachable))));
        var e = assertThrows(
                ResolutionException.class,
                () -> offline.resolve(
                        List.of(Dependency.parse("org.example:greeter:1.0")), List.of(), List.of(unreachable)));
        assertTrue(
                e.getMessage().startsWith("could not resolve org.example:greeter:1.0: Maven is in offline mode"),
                e.getMessage());
    }

    private static int closedPort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }

    @Test
    void aMissingArtifactIsNamedWithTheReason() throws Exception {
        var e = assertThrows(ResolutionException.class, () -> resolver(false, false)
                .resolve(
                        List.of(Dependency.parse("org.example:nothing:2.0")),
                        List.of(),
                        List.of(new Repository("fixture", repo.url()))));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "could not resolve org.example:nothing:2.0: not found in the repositories searched."),
                e.getMessage());
        assertTrue(e.getMessage().contains("org.example:nothing"), e.getMessage());
    }

    @Test
    void anUnreachableRepositoryIsNamedAsSuch() throws Exception {
        int port = closedPort();
        var unreachable = new Repository("nowhere", "http://127.0.0.1:" + port + "/maven2/");
        var e = assertThrows(ResolutionException.class, () -> resolver(false, false)
                .resolve(List.of(Dependency.parse("org.example:greeter:1.0")), List.of(), List.of(unreachable)));
        assertTrue(
                e.getMessage()
                        .startsWith("could not resolve org.example:greeter:1.0: the repository could not be reached"),
                e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aProxyInSettingsCarriesHttpRequests() throws Exception {
        int port = closedPort();
        RepoFixture.write(
                home.resolve("settings.xml"),
                "<settings><localRepository>" + local + "</localRepository><proxies><proxy>"
                        + "<id>p</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host><port>" + port
                        + "</port>"
                        + "</proxy></proxies></settings>");
        var resolver = ResolverLoader.load(home);
        // The repository's own host does not exist: only through the proxy is there anything to try.
        var e = assertThrows(
                ResolutionException.class,
                () -> resolver.resolve(
                        List.of(Dependency.parse("org.example:greeter:1.0")),
                        List.of(),
                        List.of(new Repository("behind-proxy", "http://repository.invalid/maven2/"))));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), "the request went to the proxy: " + e.getMessage());
        assertTrue(
                e.getMessage()
                        .startsWith("could not resolve org.example:greeter:1.0: the repository could not be reached"),
                e.getMessage());
    }

    @Test
    void aBomImportedByAPomGivesTheVersion() throws Exception {
        var pom = Pom.fromCell("""
                <dependencyManagement><dependencies>
                  <dependency><groupId>org.example</groupId><artifactId>bom</artifactId><version>1.0</version><type>pom</type><scope>import</scope></dependency>
                </dependencies></dependencyManagement>
                <dependency><groupId>org.example</groupId><artifactId>greeter</artifactId></dependency>
                """, dir);
        var files = resolver(false, false)
                .resolve(pom.inScopes(List.of()), pom.managed(), List.of(new Repository("fixture", repo.url())));
        assertEquals(List.of("greeter-1.0.jar", "words-1.0.jar"), names(files));
        var unmanaged = Pom.fromCell(
                "<dependency><groupId>org.example</groupId><artifactId>shout</artifactId></dependency>", dir);
        var e = assertThrows(ResolutionException.class, () -> resolver(false, false)
                .resolve(unmanaged.dependencies(), List.of(), List.of(new Repository("fixture", repo.url()))));
        assertTrue(e.getMessage().contains("org.example:shout: it has no <version>"), e.getMessage());
    }

    @Test
    void theKernelJarsDirectoryIsBesideTheKernelJar() {
        // Under Maven's test class path the kernel's classes are a directory: no lib/maven, the class path serves.
        assertTrue(ResolverLoader.libDirectory().isEmpty());
        assertTrue(Files.isDirectory(Path.of("target/classes")));
    }
}
