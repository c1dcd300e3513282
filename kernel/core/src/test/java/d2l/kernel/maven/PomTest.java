package d2l.kernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POMs and POM fragments as {@code %loadFromPOM} reads them (IJava's rules for a cell). */
class PomTest {
    private static final Path HERE = Path.of("/notebooks");

    @Test
    void aLooseDependencyIsAPom() {
        var pom = Pom.fromCell("""
                <dependency>
                  <groupId>org.example</groupId>
                  <artifactId>greeter</artifactId>
                  <version>1.0</version>
                </dependency>
                """, HERE);
        assertEquals(
                List.of(new Dependency("org.example", "greeter", "1.0", "jar", "", "compile", false, List.of(), null)),
                pom.dependencies());
        assertEquals(List.of(), pom.repositories());
    }

    @Test
    void blocksAndLooseElementsAreGathered() {
        var pom = Pom.fromCell("""
                <repositories>
                  <repository><id>one</id><url>https://one.example/maven2</url></repository>
                </repositories>
                <repository><id>two</id><url>file:///srv/two</url></repository>
                <dependencies>
                  <dependency><groupId>a</groupId><artifactId>b</artifactId><version>1</version><scope>test</scope></dependency>
                  <dependency><groupId>c</groupId><artifactId>d</artifactId><version>2</version><type>test-jar</type><classifier>tests</classifier></dependency>
                </dependencies>
                <dependency><groupId>e</groupId><artifactId>f</artifactId><version>3</version>
                  <exclusions><exclusion><groupId>x</groupId><artifactId>*</artifactId></exclusion></exclusions></dependency>
                """, HERE);
        assertEquals(
                List.of(new Repository("one", "https://one.example/maven2"), new Repository("two", "file:///srv/two")),
                pom.repositories());
        assertEquals(
                List.of("a:b:1", "c:d:test-jar:tests:2", "e:f:3"),
                pom.dependencies().stream().map(Dependency::coordinate).toList());
        assertEquals("test", pom.dependencies().get(0).scope());
        assertEquals(List.of("x:*"), pom.dependencies().get(2).exclusions());
        String asPom = Pom.asPom(
                "<dependency><groupId>a</groupId><artifactId>b</artifactId><version>1</version></dependency>");
        assertTrue(
                asPom.contains("<project>")
                        && asPom.contains("<dependencies>")
                        && asPom.contains("<artifactId>b</artifactId>"),
                asPom);
    }

    @Test
    void aWholeProjectIsReadAsItIsWithPropertiesAndManagement() {
        var pom = Pom.fromCell("""
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent><groupId>org.parent</groupId><artifactId>p</artifactId><version>7</version></parent>
                  <artifactId>demo</artifactId>
                  <properties><lib.version>2.5</lib.version><nested>${lib.version}-x</nested></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>m</groupId><artifactId>managed</artifactId><version>9</version><scope>runtime</scope></dependency>
                    <dependency><groupId>org.example</groupId><artifactId>bom</artifactId><version>1.0</version><type>pom</type><scope>import</scope></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>g</groupId><artifactId>lib</artifactId><version>${lib.version}</version></dependency>
                    <dependency><groupId>g</groupId><artifactId>n</artifactId><version>${nested}</version></dependency>
                    <dependency><groupId>${project.groupId}</groupId><artifactId>sibling</artifactId><version>${project.version}</version></dependency>
                    <dependency><groupId>m</groupId><artifactId>managed</artifactId></dependency>
                    <dependency><groupId>org.example</groupId><artifactId>greeter</artifactId></dependency>
                    <dependency><groupId>t</groupId><artifactId>only-tests</artifactId><version>1</version><scope>test</scope></dependency>
                    <dependency><groupId>p</groupId><artifactId>container</artifactId><version>1</version><scope>provided</scope></dependency>
                  </dependencies>
                </project>
                """, HERE);
        assertEquals(
                List.of(
                        "g:lib:2.5",
                        "g:n:2.5-x",
                        "org.parent:sibling:7",
                        "m:managed:9",
                        "org.example:greeter",
                        "t:only-tests:1",
                        "p:container:1"),
                pom.dependencies().stream().map(Dependency::coordinate).toList());
        assertEquals("runtime", pom.dependencies().get(3).scope(), "scope from <dependencyManagement>");
        assertEquals(2, pom.managed().size());
        // IJava's default scopes: compile, runtime, system, import.
        assertEquals(
                List.of("lib", "n", "sibling", "managed", "greeter"),
                pom.inScopes(List.of()).stream().map(Dependency::artifactId).toList());
        assertEquals(
                List.of("only-tests", "container"),
                pom.inScopes(List.of("test", "provided")).stream()
                        .map(Dependency::artifactId)
                        .toList());
    }

    @Test
    void aPomFileResolvesBasedirAndSystemPaths(@TempDir Path dir) throws Exception {
        Path file = RepoFixture.write(dir.resolve("pom.xml"), """
                <project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
                  <dependencies><dependency><groupId>s</groupId><artifactId>local</artifactId><version>1</version>
                    <scope>system</scope><systemPath>${basedir}/lib/local.jar</systemPath></dependency></dependencies>
                </project>
                """);
        var dep = Pom.read(file).dependencies().get(0);
        assertEquals("system", dep.scope());
        assertEquals(dir.toAbsolutePath() + "/lib/local.jar", dep.systemPath());
    }

    @Test
    void badInputGetsAMessageThatNamesTheProblem(@TempDir Path dir) throws Exception {
        var notXml = assertThrows(
                IllegalArgumentException.class, () -> Pom.fromCell("<dependency><groupId>a</groupId>", HERE));
        assertTrue(notXml.getMessage().startsWith("the cell is not well-formed XML"), notXml.getMessage());
        var noArtifact = assertThrows(
                IllegalArgumentException.class,
                () -> Pom.fromCell("<dependency><groupId>a</groupId><version>1</version></dependency>", HERE));
        assertTrue(noArtifact.getMessage().contains("needs <groupId> and <artifactId>"), noArtifact.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Pom.fromCell("  \n", HERE));
        assertTrue(empty.getMessage().contains("<dependency>"), empty.getMessage());
        var noUrl = assertThrows(
                IllegalArgumentException.class, () -> Pom.fromCell("<repository><id>r</id></repository>", HERE));
        assertTrue(noUrl.getMessage().contains("no <url>"), noUrl.getMessage());
        var settings = RepoFixture.write(dir.resolve("settings.xml"), "<settings/>");
        var notPom = assertThrows(IllegalArgumentException.class, () -> Pom.read(settings));
        assertTrue(notPom.getMessage().contains("not a POM"), notPom.getMessage());
        assertThrows(java.io.IOException.class, () -> Pom.read(dir.resolve("missing.xml")));
        var entity = assertThrows(
                IllegalArgumentException.class,
                () -> Pom.fromCell("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><dependency/>", HERE));
        assertTrue(entity.getMessage().contains("not well-formed"), entity.getMessage());
    }

    @Test
    void coordinatesHaveIJavasForms() {
        assertEquals("a:b:1", Dependency.parse("a:b:1").coordinate());
        var typed = Dependency.parse("a:b:zip:2");
        assertEquals("zip", typed.type());
        var classified = Dependency.parse("org.nd4j:nd4j-native:jar:linux-x86_64:1.0.0-M2.1");
        assertEquals("linux-x86_64", classified.classifier());
        assertEquals("jar", classified.type());
        for (String bad : List.of("a:b", "a", "a:b:c:d:e:f", "a b:c:1", "")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Dependency.parse(bad));
            assertTrue(
                    e.getMessage().contains("is not a Maven coordinate")
                            && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }
}
