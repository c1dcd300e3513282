package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import d2l.kernel.maven.RepoFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebooks in IJava's style that load dependencies by each route ({@code %maven},
 * {@code %mavenRepo}, {@code %%loadFromPOM} fragments and whole POMs, {@code %loadFromPOM} of a file),
 * executed by {@code jupyter nbconvert --execute} on the installed {@code java} kernelspec, whose
 * resolver jars sit in {@code lib/maven/}. The kernel's PATH holds java and nothing else (no
 * {@code mvn}); its Maven user home is the test's own ({@code -Duser.home} through
 * JDK_JAVA_OPTIONS), whose settings.xml mirrors every repository to one the test builds.
 */
class MavenNotebooksIT {
    static final Path NOTEBOOKS =
            Path.of("../frontend-fixtures/ijava-notebooks/maven").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void nbconvertExecutesTheMavenNotebooks() throws Exception {
        PythonEnv.require("/usr/bin/jupyter-nbconvert");
        var sandbox = new JupyterSandbox(dir.resolve("jupyter"), "java");
        var repo = new RepoFixture(dir.resolve("repo"));
        Path local = dir.resolve("local");
        RepoFixture.write(dir.resolve("home/.m2/settings.xml"), repo.settings(local, false, true));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Path work = Files.createDirectories(dir.resolve("notebooks"));
        var env = Map.of(
                "PATH",
                bin.toString(),
                "JDK_JAVA_OPTIONS",
                "-Duser.home=" + dir.resolve("home"),
                "MAVEN_HOME",
                "",
                "M2_HOME",
                "");

        for (String name : List.of("maven-and-repositories", "load-from-pom")) {
            Files.copy(NOTEBOOKS.resolve(name + ".ipynb"), work.resolve(name + ".ipynb"));
            var run = sandbox.run(
                    "nbconvert-" + name,
                    Duration.ofMinutes(5),
                    env,
                    "/usr/bin/jupyter",
                    "nbconvert",
                    "--to",
                    "notebook",
                    "--execute",
                    "--ExecutePreprocessor.timeout=300",
                    "--output-dir",
                    work.toString(),
                    "--output",
                    name + "-executed",
                    work.resolve(name + ".ipynb").toString());
            assertEquals(0, run.exitCode(), "nbconvert failed on " + name + ":\n" + run.output());
        }

        var first = outputs(work.resolve("maven-and-repositories-executed.ipynb"));
        assertEquals(
                List.of("Hello, notebook", "Hello", "HELLO, REPOSITORY"), first, "values of maven-and-repositories");
        var second = outputs(work.resolve("load-from-pom-executed.ipynb"));
        assertEquals(List.of("Hello, fragment", "BLOCKS", "HELLO, POM"), second, "values of load-from-pom");
        assertTrue(
                Files.isRegularFile(local.resolve("org/example/words/1.0/words-1.0.jar")),
                "settings.xml's local repository was used");
        assertFalse(
                Files.exists(Path.of(System.getProperty("user.home"), ".m2/repository/org/example/greeter")),
                "nothing reached the user's own ~/.m2");
    }

    /** The text/plain values of the executed notebook's cells; any error output fails the test. */
    private static List<String> outputs(Path notebook) throws Exception {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        var values = new ArrayList<String>();
        for (var c : nb.getAsJsonArray("cells")) {
            var cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) continue;
            for (var o : cell.getAsJsonArray("outputs")) {
                var output = o.getAsJsonObject();
                String type = output.get("output_type").getAsString();
                assertFalse(type.equals("error"), notebook.getFileName() + ": " + output);
                if (type.equals("execute_result")) {
                    var text = output.getAsJsonObject("data").get("text/plain");
                    values.add(
                            text.isJsonArray()
                                    ? String.join(
                                            "",
                                            text.getAsJsonArray().asList().stream()
                                                    .map(e -> e.getAsString())
                                                    .toList())
                                    : text.getAsString());
                }
            }
        }
        return values;
    }
}
